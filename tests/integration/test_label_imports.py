"""Label imports with our SDK against a real server: every annotation kind, checked annotation
by annotation in the labels and their export; bad rows reported one by one while the rest
are applied; client-side checks; files and URLs; a server restart in the middle."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import labelbox as lb
from labelbox.exceptions import InvalidAnnotationError, InvalidInputError, ResourceConflict
from labelbox.schema.annotation_import import LabelImport
from labelbox.schema.enums import AnnotationImportState
from labelbox_server import LocalServer

from .labeling import Setup, annotation, import_labels, set_up

IMAGE = "https://storage.example.com/cats/1.jpg"
TEXT = "A cat sat on the mat."
MASK = "https://storage.example.com/masks/1.png"


@pytest.fixture
def setup(client: lb.Client) -> Setup:
    return set_up(client, [IMAGE, TEXT, IMAGE])


def _every_kind(s: Setup) -> list[dict[str, Any]]:
    image, text = s.rows[0], s.rows[1]
    return [
        annotation(
            image,
            schemaId=s.schema_id("box"),
            bbox={"top": 10, "left": 20, "height": 30, "width": 40},
            classifications=[
                {
                    "name": "color",
                    "answer": {
                        "name": "black",
                        "classifications": [{"name": "shades", "answers": [{"name": "matte"}]}],
                    },
                }
            ],
        ),
        annotation(
            image, name="polygon", polygon=[{"x": 1, "y": 1}, {"x": 5, "y": 1}, {"x": 3, "y": 4}]
        ),
        annotation(image, name="line", line=[{"x": 0, "y": 0}, {"x": 9.5, "y": 3.25}]),
        annotation(image, schemaId=s.schema_id("point"), point={"x": 7, "y": 8}),
        annotation(image, name="mask", mask={"instanceURI": MASK, "colorRGB": [255, 0, 0]}),
        annotation(image, name="raster", mask={"instanceURI": MASK, "colorRGB": [0, 0, 255]}),
        annotation(text, name="entity", location={"start": 2, "end": 5}),
        annotation(
            image,
            schemaId=s.schema_id("mood"),
            answer={
                "schemaId": s.schema_id("mood", "happy"),
                "classifications": [{"name": "why", "answer": "sun"}],
            },
        ),
        annotation(
            image, name="tags", answers=[{"name": "fat"}, {"schemaId": s.schema_id("tags", "cute")}]
        ),
        annotation(text, name="note", answer="short"),
    ]


def _bad_rows(s: Setup) -> list[tuple[dict[str, Any], str]]:
    image = s.rows[0]
    return [
        (annotation(image, name="no such tool", point={"x": 1, "y": 1}), "FeatureNotFound"),
        (annotation(image, name="box", point={"x": 1, "y": 1}), "InvalidGeometry"),
        (annotation(image, name="polygon", polygon=[{"x": 1, "y": 1}]), "InvalidGeometry"),
        (annotation(image, name="mood", answer={"name": "angry"}), "FeatureNotFound"),
        (annotation(image, name="tags", answers=[]), "InvalidAnswer"),
        (annotation(image, name="note", answer="x", extra=1), "UnknownKey"),
        (annotation(image, name="mask", mask={"png": "iVBORw0KGgo="}), "UnsupportedMask"),
        (
            {**annotation(image, name="note", answer="x"), "dataRow": {"id": "c" + "0" * 24}},
            "DataRowNotFound",
        ),
    ]


def _objects_by_schema(label: lb.Label) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    content = json.loads(label.label)
    for item in content["objects"] + content["classifications"]:
        found.setdefault(item["schemaId"], []).append(item)
    return found


def test_every_kind_is_imported_and_exported_annotation_by_annotation(
    client: lb.Client, setup: Setup
) -> None:
    s = setup
    good, bad = _every_kind(s), _bad_rows(s)
    label_import = import_labels(client, s.project, good + [row for row, _ in bad])
    assert label_import.state == AnnotationImportState.FINISHED

    statuses = {status["uuid"]: status for status in label_import.statuses}
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
        assert status["status"] == "FAILURE" and status["dataRow"] == row["dataRow"]
        assert [error["name"] for error in status["errors"]][:1] == [name], status
        assert all(error["message"] for error in status["errors"])
    assert {e["uuid"] for e in label_import.errors} == {row["uuid"] for row, _ in bad}

    labels = {label.data_row().uid: label for label in s.project.labels()}
    assert set(labels) == {s.rows[0].uid, s.rows[1].uid}  # one label per data row
    image, text = (
        _objects_by_schema(labels[s.rows[0].uid]),
        _objects_by_schema(labels[s.rows[1].uid]),
    )

    (box,) = image[s.schema_id("box")]
    assert (box["title"], box["bbox"]) == ("box", good[0]["bbox"])
    (color,) = box["classifications"]
    assert color["schemaId"] == s.schema_id("box", "color")
    assert color["answer"]["schemaId"] == s.schema_id("box", "color", "black")
    (shades,) = color["answer"]["classifications"]
    assert [a["schemaId"] for a in shades["answers"]] == [
        s.schema_id("box", "color", "black", "shades", "matte")
    ]
    assert image[s.schema_id("polygon")][0]["polygon"] == good[1]["polygon"]
    assert image[s.schema_id("line")][0]["line"] == good[2]["line"]
    assert image[s.schema_id("point")][0]["point"] == {"x": 7, "y": 8}
    assert image[s.schema_id("mask")][0]["instanceURI"] == MASK
    assert image[s.schema_id("raster")][0]["instanceURI"] == MASK
    (entity,) = text[s.schema_id("entity")]
    assert entity["data"] == {"location": {"start": 2, "end": 5}}
    (mood,) = image[s.schema_id("mood")]
    assert mood["answer"]["title"] == "happy"
    assert mood["answer"]["classifications"][0]["answer"] == "sun"
    (tags,) = image[s.schema_id("tags")]
    assert [a["value"] for a in tags["answers"]] == ["fat", "cute"]
    assert text[s.schema_id("note")][0]["answer"] == "short"
    featured = [item for items in (*image.values(), *text.values()) for item in items]
    assert len(featured) == len(good)
    assert len({item["featureId"] for item in featured}) == len(good)

    # The export carries the same annotations, row by row.
    exported = {row["DataRow ID"]: row for row in s.project.export_labels(download=True) or []}
    assert set(exported) == set(labels)
    for data_row_id, label in labels.items():
        row = exported[data_row_id]
        assert row["ID"] == label.uid
        assert row["Label"] == json.loads(label.label)


def test_rows_the_client_can_tell_are_wrong_are_refused_before_sending(
    client: lb.Client, setup: Setup, sent: list[str]
) -> None:
    project, row = setup.project, setup.rows[0]
    good = annotation(row, name="note", answer="x")
    cases: list[tuple[Any, str | None, int | None]] = [
        ({"labels": "not a list"}, "labels", None),
        ([good, "text"], None, 1),
        ([{**good, "uuid": "nope"}], "uuid", 0),
        ([good, dict(good)], "uuid", 1),
        ([{**good, "dataRow": row.uid}], "dataRow", 0),
        ([{k: v for k, v in good.items() if k != "name"}], "schemaId", 0),
    ]
    for labels, field, index in cases:
        with pytest.raises(InvalidAnnotationError) as raised:
            LabelImport.create_from_objects(client, project.uid, "refused", labels)
        assert (raised.value.field, raised.value.index) == (field, index)
    with pytest.raises(TypeError):  # as Labelbox's SDK
        LabelImport.create_from_objects(client, project.uid, "refused", "x")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        LabelImport.create_from_objects(client, project.uid, "refused", [])
    with pytest.raises(InvalidInputError):
        LabelImport.create_from_file(client, project.uid, "refused", "/no/such/file.ndjson")
    with pytest.raises(InvalidInputError):
        LabelImport.create_from_url(client, project.uid, "refused", "http://127.0.0.1:9/x.ndjson")
    assert not [d for d in sent if "createLabelImport" in d]


def test_names_are_unique_per_project_and_urls_must_be_the_servers(
    client: lb.Client, setup: Setup
) -> None:
    project, row = setup.project, setup.rows[0]
    name = f"named {uuid.uuid4()}"
    LabelImport.create_from_objects(
        client, project.uid, name, [annotation(row, name="note", answer="x")]
    )
    with pytest.raises(ResourceConflict):
        LabelImport.create_from_objects(
            client, project.uid, name, [annotation(row, name="note", answer="y")]
        )
    # A URL the server did not sign is refused (outbound fetching is not enabled).
    with pytest.raises(lb.exceptions.MalformedQueryException):
        client._gateway.ops.create_label_import_by_url_py_api(
            project.uid, "elsewhere", "https://example.com/labels.ndjson"
        )


def test_from_a_file_and_from_a_url(client: lb.Client, setup: Setup, tmp_path: Path) -> None:
    project, rows = setup.project, setup.rows
    lines = [
        annotation(rows[0], name="point", point={"x": 1, "y": 2}),
        annotation(rows[2], name="note", answer="from a file"),
    ]
    path = tmp_path / "labels.ndjson"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    from_file = LabelImport.create_from_file(client, project.uid, "file", str(path))
    from_file.wait_until_done(sleep_time_seconds=1)
    assert [(s["uuid"], s["status"]) for s in from_file.statuses] == [
        (line["uuid"], "SUCCESS") for line in lines
    ]
    assert from_file.inputs == lines
    assert from_file.project() == project

    url = client.upload_data(
        json.dumps(annotation(rows[1], name="entity", location={"start": 0, "end": 1})).encode(),
        filename="labels.ndjson",
        content_type="application/x-ndjson",
    )
    from_url = LabelImport.create_from_url(client, project.uid, "url", url)
    assert from_url.input_file_url == url
    from_url.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in from_url.statuses] == ["SUCCESS"]
    found = LabelImport.from_name(client, project.uid, "url", as_json=True)
    assert found["state"] == "FINISHED" and found["statusFileUrl"]
    assert {label.data_row().uid for label in project.labels()} == {row.uid for row in rows}


def test_an_unreadable_bad_line_fails_only_itself(
    client: lb.Client, setup: Setup, tmp_path: Path
) -> None:
    good = annotation(setup.rows[0], name="note", answer="x")
    url = client.upload_data(
        (json.dumps(good) + "\n{not json\n").encode(),
        filename="labels.ndjson",
        content_type="application/x-ndjson",
    )
    label_import = LabelImport.create_from_url(client, setup.project.uid, "broken", url)
    label_import.wait_until_done(sleep_time_seconds=1)
    statuses = label_import.statuses
    assert [s["status"] for s in statuses] == ["SUCCESS", "FAILURE"]
    assert statuses[1]["errors"][0]["name"] == "InvalidJson"
    assert len(list(setup.project.labels())) == 1


ROWS = 30_000


@pytest.mark.slow
def test_an_import_resumes_after_a_server_restart(
    new_database_url: Callable[[], str | None], tmp_path: Path
) -> None:
    with LocalServer(database_url=new_database_url(), data_dir=tmp_path / "server") as server:
        client = lb.Client(api_key=server.api_key, endpoint=server.endpoint)
        s = set_up(client, [])
        task = s.dataset.create_data_rows(
            [{"row_data": f"https://example.com/{i}.jpg"} for i in range(ROWS)]
        )
        task.wait_till_done(timeout_seconds=300)
        row_ids = [row["id"] for row in task.result]
        assert len(row_ids) == ROWS
        box = s.schema_id("box")
        annotations = [
            {
                "uuid": str(uuid.uuid4()),
                "dataRow": {"id": row_id},
                "schemaId": box,
                "bbox": {"top": 1, "left": 2, "height": 3, "width": 4},
            }
            for row_id in row_ids
        ]
        label_import = LabelImport.create_from_objects(client, s.project.uid, "big", annotations)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            label_import.refresh()
            if label_import.state != AnnotationImportState.RUNNING or label_import.progress != "0%":
                break
            time.sleep(0.02)
        # Read once: mypy keeps an asserted attribute narrowed past the wait below.
        state = label_import.state
        assert state == AnnotationImportState.RUNNING, "use more rows"
        assert label_import.progress not in ("0%", "100%")
        server.restart()

        label_import.wait_until_done(sleep_time_seconds=1)
        assert label_import.state == AnnotationImportState.FINISHED
        statuses = label_import.statuses
        assert len(statuses) == ROWS and {s["status"] for s in statuses} == {"SUCCESS"}
        rows = [row["DataRow ID"] for row in s.project.export_labels(download=True) or []]
        assert len(rows) == ROWS and set(rows) == set(row_ids)  # each exactly once
        client.close()
