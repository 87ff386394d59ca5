"""MAL prediction imports with our SDK against a real server: every annotation kind becomes a
prediction (never a label), checked annotation by annotation; bad rows are reported one by
one while the rest are applied; files, URLs the server signed and URLs it fetches itself
(size limit, no redirects); a server restart in the middle of an import."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import labelbox as lb
from labelbox.exceptions import InvalidAnnotationError, ResourceConflict, ResourceNotFoundError
from labelbox.schema.annotation_import import MALPredictionImport
from labelbox.schema.enums import AnnotationImportState
from labelbox_server import LocalServer

from .labeling import Setup, annotation, set_up, status_row_id
from .mal import FileServer, predictions
from .test_label_imports import IMAGE, TEXT, _bad_rows, _every_kind


@pytest.fixture
def setup(client: lb.Client) -> Setup:
    return set_up(client, [IMAGE, TEXT, IMAGE])


def _mal(client: lb.Client, s: Setup, rows: list[dict[str, Any]]) -> MALPredictionImport:
    mal = MALPredictionImport.create_from_objects(
        client, s.project.uid, f"mal {uuid.uuid4()}", rows
    )
    assert mal.state == AnnotationImportState.RUNNING
    mal.wait_until_done(sleep_time_seconds=1)
    return mal


def _strip(row: dict[str, Any]) -> dict[str, Any]:
    """A stored prediction without the feature keys the server adds (`schemaId` / `name`)."""
    out = {k: v for k, v in row.items() if k not in ("schemaId", "name")}
    for key in ("classifications",):
        if key in out:
            out[key] = [_strip(c) for c in out[key]]
    for key in ("answer",):
        if isinstance(out.get(key), dict):
            out[key] = _strip(out[key])
    if "answers" in out:
        out["answers"] = [_strip(a) for a in out["answers"]]
    return out


def test_every_kind_becomes_a_prediction_not_a_label(client: lb.Client, setup: Setup) -> None:
    s = setup
    good, bad = _every_kind(s), _bad_rows(s)
    mal = _mal(client, s, good + [row for row, _ in bad])
    assert mal.state == AnnotationImportState.FINISHED
    assert mal.project() == s.project and mal.parent_id == s.project.uid

    statuses = {status["uuid"]: status for status in mal.statuses}
    assert len(statuses) == len(good) + len(bad)
    for row in good:
        assert statuses[row["uuid"]] == {
            "uuid": row["uuid"],
            "dataRow": row["dataRow"],
            "status": "SUCCESS",
            "errors": [],
        }
    for row, name in bad:
        status = statuses[row["uuid"]]
        assert status["status"] == "FAILURE", status
        assert [error["name"] for error in status["errors"]][:1] == [name], status
    assert {e["uuid"] for e in mal.errors} == {row["uuid"] for row, _ in bad}
    assert mal.inputs == good + [row for row, _ in bad]

    assert list(s.project.labels()) == []  # predictions are not labels
    stored = {p["uuid"]: p for p in predictions(client, s.project)}
    assert set(stored) == {row["uuid"] for row in good}
    for row in good:
        prediction = stored[row["uuid"]]
        assert prediction["dataRow"] == row["dataRow"]
        annotation_ = prediction["annotation"]
        # Features are named by both schemaId and name, whichever the row used.
        feature = next(
            f
            for f in [*s.ontology.normalized["tools"], *s.ontology.normalized["classifications"]]
            if row.get("schemaId") == f["featureSchemaId"] or row.get("name") == f["name"]
        )
        assert (annotation_["schemaId"], annotation_["name"]) == (
            feature["featureSchemaId"],
            feature["name"],
        )
        assert _strip(annotation_) == _strip(row)


def test_from_name_files_and_signed_urls(client: lb.Client, setup: Setup, tmp_path: Path) -> None:
    project, rows = setup.project, setup.rows
    lines = [
        annotation(rows[0], name="point", point={"x": 1, "y": 2}),
        annotation(rows[2], name="note", answer="from a file"),
    ]
    path = tmp_path / "mal.ndjson"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    from_file = MALPredictionImport.create_from_file(client, project.uid, "file", str(path))
    from_file.wait_until_done(sleep_time_seconds=1)
    assert [(st["uuid"], st["status"]) for st in from_file.statuses] == [
        (line["uuid"], "SUCCESS") for line in lines
    ]
    assert from_file.inputs == lines

    url = client.upload_data(
        json.dumps(annotation(rows[1], name="entity", location={"start": 0, "end": 1})).encode(),
        filename="mal.ndjson",
        content_type="application/x-ndjson",
    )
    from_url = MALPredictionImport.create_from_url(client, project.uid, "url", url)
    assert from_url.input_file_url == url
    from_url.wait_until_done(sleep_time_seconds=1)
    assert [st["status"] for st in from_url.statuses] == ["SUCCESS"]

    found = MALPredictionImport.from_name(client, project.uid, "url")
    assert isinstance(found, MALPredictionImport) and found.uid == from_url.uid
    as_json = MALPredictionImport.from_name(client, project.uid, "url", as_json=True)
    assert as_json["state"] == "FINISHED" and as_json["statusFileUrl"]
    with pytest.raises(ResourceNotFoundError):
        MALPredictionImport.from_name(client, project.uid, "no such import")
    with pytest.raises(ResourceConflict):
        MALPredictionImport.create_from_file(client, project.uid, "file", str(path))
    stored = predictions(client, project)
    assert len(stored) == 3
    ordered = client.execute(
        "query($id: ID!) { project(where: {id: $id}) { predictions(orderBy: uuid_DESC) { uuid } } }",
        {"id": project.uid},
    )
    assert ordered is not None
    uuids = [p["uuid"] for p in ordered["project"]["predictions"]]
    assert uuids == sorted((p["uuid"] for p in stored), reverse=True)
    one_row = client.execute(
        "query($id: ID!, $row: ID!) { project(where: {id: $id}) {"
        " predictions(where: {dataRow: {id: $row}}) { uuid } } }",
        {"id": project.uid, "row": rows[0].uid},
    )
    assert one_row is not None
    assert [p["uuid"] for p in one_row["project"]["predictions"]] == [lines[0]["uuid"]]


def test_rows_the_client_can_tell_are_wrong_are_refused_before_sending(
    client: lb.Client, setup: Setup, sent: list[str]
) -> None:
    good = annotation(setup.rows[0], name="note", answer="x")
    with pytest.raises(InvalidAnnotationError) as raised:
        MALPredictionImport.create_from_objects(client, setup.project.uid, "no", [good, good])
    assert (raised.value.field, raised.value.index) == ("uuid", 1)
    assert not [d for d in sent if "createModelAssistedLabelingPredictionImport" in d]


def test_one_percent_bad_rows_are_each_reported_and_the_rest_applied(
    client: lb.Client, setup: Setup
) -> None:
    s = setup
    box = s.schema_id("box")
    rows: list[dict[str, Any]] = []
    bad: dict[str, str] = {}
    for i in range(2000):
        row = annotation(
            s.rows[i % 3], schemaId=box, bbox={"top": i, "left": 1, "height": 2, "width": 3}
        )
        if i % 100 == 7:
            row["bbox"] = {"top": i}
            bad[row["uuid"]] = "InvalidGeometry"
        elif i % 100 == 55:
            row["dataRow"] = {"id": "c" + "1" * 24}
            bad[row["uuid"]] = "DataRowNotFound"
        rows.append(row)
    mal = _mal(client, s, rows)
    errors = {e["uuid"]: e for e in mal.errors}
    assert set(errors) == set(bad)
    for key, name in bad.items():
        assert errors[key]["errors"][0]["name"] == name and errors[key]["errors"][0]["message"]
    stored = {p["uuid"] for p in predictions(client, s.project)}
    assert stored == {row["uuid"] for row in rows} - set(bad)


# -- URLs the server fetches itself ----------------------------------------------------------


@pytest.fixture(scope="module")
def files() -> Iterator[FileServer]:
    server = FileServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def fetching_server(
    files: FileServer,
    new_database_url: Callable[[], str | None],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LocalServer]:
    args = ["--fetch-allow", files.url("/ok"), "--fetch-max-bytes", "4096", "--fetch-timeout", "5"]
    data_dir = tmp_path_factory.mktemp("fetching")
    with LocalServer(database_url=new_database_url(), data_dir=data_dir, serve_args=args) as server:
        yield server


def test_urls_the_server_may_fetch(fetching_server: LocalServer, files: FileServer) -> None:
    with lb.Client(api_key=fetching_server.api_key, endpoint=fetching_server.endpoint) as client:
        s = set_up(client, [IMAGE])
        rows = [annotation(s.rows[0], name="point", point={"x": i, "y": i}) for i in range(3)]
        files.files["/ok/mal.ndjson"] = "".join(json.dumps(r) + "\n" for r in rows).encode()
        mal = MALPredictionImport.create_from_url(
            client, s.project.uid, "fetched", files.url("/ok/mal.ndjson")
        )
        mal.wait_until_done(sleep_time_seconds=1)
        assert [st["status"] for st in mal.statuses] == ["SUCCESS"] * 3
        assert {p["uuid"] for p in predictions(client, s.project)} == {r["uuid"] for r in rows}

        # Too large, a redirect elsewhere: the import FAILS, nothing applied.
        files.files["/ok/big.ndjson"] = b"x" * 10_000
        files.redirects["/ok/moved.ndjson"] = "http://example.com/mal.ndjson"
        files.files["/ok/moved.ndjson"] = b""
        for name in ("big", "moved"):
            failing = MALPredictionImport.create_from_url(
                client, s.project.uid, name, files.url(f"/ok/{name}.ndjson")
            )
            failing.wait_until_done(sleep_time_seconds=1)
            assert failing.state == AnnotationImportState.FAILED, name
        assert len(predictions(client, s.project)) == 3

        # A URL outside the allow-list is refused before anything is recorded.
        files.files["/elsewhere.ndjson"] = files.files["/ok/mal.ndjson"]
        with pytest.raises(lb.exceptions.MalformedQueryException):
            MALPredictionImport.create_from_url(
                client, s.project.uid, "refused", files.url("/elsewhere.ndjson")
            )
        with pytest.raises(ResourceNotFoundError):
            MALPredictionImport.from_name(client, s.project.uid, "refused")
        assert ("GET", "/elsewhere.ndjson") not in files.requests  # only the SDK's HEAD
        assert ("GET", "/ok/moved.ndjson") in files.requests


# -- at scale --------------------------------------------------------------------------------

ANNOTATIONS = 10_000


def _many(s: Setup, rows: list[str], count: int) -> list[dict[str, Any]]:
    """`count` annotations of every kind, spread over `rows` (image kinds on even rows,
    text kinds on odd ones)."""
    kinds = _every_kind(s)
    found: list[dict[str, Any]] = []
    for i in range(count):
        template = kinds[i % len(kinds)]
        is_text = template["dataRow"]["id"] == s.rows[1].uid
        row_id = rows[(2 * (i // len(kinds)) + (1 if is_text else 0)) % len(rows)]
        found.append({**template, "uuid": str(uuid.uuid4()), "dataRow": {"id": row_id}})
    return found


@pytest.mark.slow
def test_ten_thousand_annotations_of_every_kind(client: lb.Client) -> None:
    s = set_up(client, [IMAGE, TEXT])
    task = s.dataset.create_data_rows(
        [{"row_data": IMAGE if i % 2 == 0 else TEXT} for i in range(200)]
    )
    task.wait_till_done(timeout_seconds=120)
    rows = [row["id"] for row in sorted(task.result, key=lambda r: r["row_data"] != IMAGE)]
    rows = [x for pair in zip(rows[:100], rows[100:], strict=True) for x in pair]
    annotations = _many(s, rows, ANNOTATIONS)
    mal = _mal(client, s, annotations)
    assert mal.state == AnnotationImportState.FINISHED
    statuses = mal.statuses
    assert len(statuses) == ANNOTATIONS and mal.errors == []
    assert [st["uuid"] for st in statuses] == [a["uuid"] for a in annotations]
    stored = {p["uuid"]: p for p in predictions(client, s.project)}
    assert len(stored) == ANNOTATIONS
    for row in annotations:
        prediction = stored[row["uuid"]]
        assert prediction["dataRow"] == row["dataRow"]
        assert _strip(prediction["annotation"]) == _strip(row)


@pytest.mark.slow
def test_an_import_resumes_after_a_server_restart(
    new_database_url: Callable[[], str | None], tmp_path: Path
) -> None:
    with LocalServer(database_url=new_database_url(), data_dir=tmp_path / "server") as server:
        client = lb.Client(api_key=server.api_key, endpoint=server.endpoint)
        s = set_up(client, [])
        task = s.dataset.create_data_rows(
            [{"row_data": f"https://example.com/{i}.jpg"} for i in range(20_000)]
        )
        task.wait_till_done(timeout_seconds=300)
        row_ids = [row["id"] for row in task.result]
        box = s.schema_id("box")
        annotations = [
            annotation_
            for row_id in row_ids
            for annotation_ in (
                {
                    "uuid": str(uuid.uuid4()),
                    "dataRow": {"id": row_id},
                    "schemaId": box,
                    "bbox": {"top": 1, "left": 2, "height": 3, "width": 4},
                },
                {
                    "uuid": str(uuid.uuid4()),
                    "dataRow": {"id": row_id},
                    "name": "note",
                    "answer": row_id,
                },
            )
        ]
        mal = MALPredictionImport.create_from_objects(client, s.project.uid, "big", annotations)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            mal.refresh()
            if mal.state != AnnotationImportState.RUNNING or mal.progress != "0%":
                break
            time.sleep(0.02)
        # Read once: mypy keeps an asserted attribute narrowed past the wait below.
        state = mal.state
        assert state == AnnotationImportState.RUNNING, "use more rows"
        assert mal.progress not in ("0%", "100%")
        server.restart()

        mal.wait_until_done(sleep_time_seconds=1)
        assert mal.state == AnnotationImportState.FINISHED
        statuses = mal.statuses
        assert len(statuses) == len(annotations)
        assert {st["status"] for st in statuses} == {"SUCCESS"}
        stored = [p["uuid"] for p in predictions(client, s.project)]
        assert len(stored) == len(annotations)  # each exactly once
        assert set(stored) == {a["uuid"] for a in annotations}
        client.close()


def test_large_inputs_are_split_into_several_imports(
    client: lb.Client, setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = setup
    monkeypatch.setattr(MALPredictionImport, "max_rows_per_import", 100)
    task = s.dataset.create_data_rows([{"row_data": IMAGE} for _ in range(40)])
    task.wait_till_done(timeout_seconds=60)
    row_ids = [row["id"] for row in task.result]
    rows: list[dict[str, Any]] = [
        {
            "uuid": str(uuid.uuid4()),
            "dataRow": {"id": row_ids[i % len(row_ids)]},
            "name": "point",
            "point": {"x": i, "y": i} if i % 50 != 3 else {"x": "bad"},
        }
        for i in range(450)
    ]
    mal = MALPredictionImport.create_from_objects(client, s.project.uid, "split", rows)
    mal.wait_until_done(sleep_time_seconds=1)
    assert mal.state == AnnotationImportState.FINISHED
    # Every annotation is reported, in input order, whichever import it went to.
    statuses = mal.statuses
    assert [st["uuid"] for st in statuses] == [row["uuid"] for row in rows]
    bad = {row["uuid"] for i, row in enumerate(rows) if i % 50 == 3}
    assert {e["uuid"] for e in mal.errors} == bad
    assert [row["uuid"] for row in mal.inputs] == [row["uuid"] for row in rows]
    stored = predictions(client, s.project)
    assert sorted(p["uuid"] for p in stored) == sorted({r["uuid"] for r in rows} - bad)
    # The parts are imports of their own: 450 rows on 40 data rows, at most ~100 a part,
    # each data row's rows in one part.
    parts = [
        MALPredictionImport.from_name(client, s.project.uid, f"split (part {n} of 5)")
        for n in range(2, 6)
    ]
    by_part = [
        {status_row_id(st) for st in part.statuses}
        for part in [MALPredictionImport.from_name(client, s.project.uid, "split"), *parts]
    ]
    assert sum(len(ids) for ids in by_part) == len(row_ids)  # no data row in two parts
