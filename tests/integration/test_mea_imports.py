"""Model-run prediction imports with our SDK against a real server: MEA imports from
objects, files and URLs (each prediction with its status, bad ones reported while the rest
are stored), lookups by name, and predictions sent on to a project (MEA to MAL)."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import labelbox as lb
from labelbox.data.annotation_types import (
    ClassificationAnnotation,
    ClassificationAnswer,
    Label,
    NDJsonConverter,
    ObjectAnnotation,
    Point,
    Radio,
    Rectangle,
    Text,
)
from labelbox.exceptions import InvalidAnnotationError, InvalidInputError, ResourceNotFoundError
from labelbox.schema.annotation_import import MEAPredictionImport, MEAToMALPredictionImport
from labelbox.schema.enums import AnnotationImportState
from labelbox_server import LocalServer

from .labeling import annotation, set_up, status_row_id
from .model_runs import RunSetup, run_setup


@pytest.fixture
def runs(client: lb.Client) -> RunSetup:
    setup = run_setup(client)
    setup.run.upsert_data_rows([row.uid for row in setup.rows[:2]])
    return setup


def test_predictions_get_a_status_each_and_bad_ones_do_not_stop_the_rest(
    client: lb.Client, runs: RunSetup
) -> None:
    good = [runs.box(runs.rows[0], confidence=0.9), runs.box(runs.rows[1])]
    outside = runs.box(runs.rows[2])  # not a data row of the run
    unknown = annotation(runs.rows[0], name="no such tool", point={"x": 1, "y": 2})
    rows = [*good, outside, unknown]
    mea = runs.run.add_predictions("first", rows)
    assert isinstance(mea, MEAPredictionImport)
    assert mea.model_run_id == runs.run.uid
    assert mea.parent_id == runs.run.uid
    mea.wait_until_done(sleep_time_seconds=1)
    assert mea.state == AnnotationImportState.FINISHED
    statuses = {s["uuid"]: s for s in mea.statuses}
    assert [statuses[r["uuid"]]["status"] for r in rows] == [
        "SUCCESS",
        "SUCCESS",
        "FAILURE",
        "FAILURE",
    ]
    assert statuses[outside["uuid"]]["errors"][0]["name"] == "DataRowNotInModelRun"
    assert statuses[outside["uuid"]]["dataRow"] == {"id": runs.rows[2].uid}
    assert [e["uuid"] for e in mea.errors] == [outside["uuid"], unknown["uuid"]]
    assert mea.inputs == rows
    assert MEAPredictionImport.from_name(client, runs.run.uid, "first").uid == mea.uid
    as_json = MEAPredictionImport.from_name(client, runs.run.uid, "first", as_json=True)
    assert as_json["modelRunId"] == runs.run.uid and as_json["state"] == "FINISHED"
    with pytest.raises(ResourceNotFoundError):
        MEAPredictionImport.from_name(client, runs.run.uid, "no such import")


def _without_schema_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_schema_ids(v) for k, v in value.items() if k != "schemaId"}
    if isinstance(value, list):
        return [_without_schema_ids(item) for item in value]
    return value


def test_confidences_come_back_in_the_export_where_they_were_given(
    labelbox_server: LocalServer, runs: RunSetup, caplog: pytest.LogCaptureFixture
) -> None:
    first, second = runs.rows[0], runs.rows[1]
    shades = {"name": "shades", "answers": [{"name": "dark", "confidence": 0.6}]}
    black = {"name": "black", "confidence": 0.7, "classifications": [shades]}
    why = {"name": "why", "answer": "sun", "confidence": 0.4}
    happy = {"name": "happy", "confidence": 0.5, "classifications": [why]}
    rows = [
        runs.box(first, confidence=0.9, classifications=[{"name": "color", "answer": black}]),
        annotation(second, name="mood", answer=happy),
        annotation(second, name="tags", answers=[{"name": "cute", "confidence": 1}]),
        annotation(first, name="note", answer="fine", confidence=0),
    ]
    too_sure = runs.box(second, confidence=1.5)
    with caplog.at_level(logging.WARNING, logger="labelbox"):
        mea = runs.run.add_predictions("confident", [*rows, too_sure])
    assert caplog.records == []  # model runs keep confidences: no warning
    mea.wait_until_done(sleep_time_seconds=1)
    assert mea.inputs == [*rows, too_sure]  # sent unchanged
    assert [s["status"] for s in mea.statuses] == ["SUCCESS"] * 4 + ["FAILURE"]
    [error] = mea.statuses[-1]["errors"]
    assert error["name"] == "InvalidConfidence" and "`confidence`" in error["message"]
    with lb.Client(
        api_key=labelbox_server.api_key, endpoint=labelbox_server.endpoint, enable_experimental=True
    ) as experimental:
        exported = experimental.get_model_run(runs.run.uid).export_labels(download=True)
    assert exported is not None
    stored = {p["uuid"]: p for line in exported for p in line["Predictions"]}
    assert [_without_schema_ids(stored[row["uuid"]]) for row in rows] == rows
    assert too_sure["uuid"] not in stored


def test_typed_labels_are_predictions_too(runs: RunSetup) -> None:
    label = Label(
        data=runs.rows[0].uid,
        annotations=[
            ObjectAnnotation(
                name="box", value=Rectangle(start=Point(x=20, y=10), end=Point(x=60, y=40))
            )
        ],
    )
    mea = runs.run.add_predictions("typed", [label])
    mea.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in mea.statuses] == ["SUCCESS"]
    [sent] = mea.inputs
    assert sent["dataRow"] == {"id": runs.rows[0].uid} and sent["name"] == "box"
    assert sent["bbox"] == {"top": 10, "left": 20, "height": 30, "width": 40}
    assert mea.statuses[0]["uuid"] == sent["uuid"]


def test_typed_predictions_keep_their_confidences(
    labelbox_server: LocalServer, runs: RunSetup
) -> None:
    black = ClassificationAnswer(name="black", confidence=0.7)
    label = Label(
        data=runs.rows[0].uid,
        annotations=[
            ObjectAnnotation(
                name="box",
                value=Rectangle(start=Point(x=20, y=10), end=Point(x=60, y=40)),
                confidence=0.9,
                classifications=[ClassificationAnnotation(name="color", value=Radio(answer=black))],
            ),
            ClassificationAnnotation(name="note", value=Text(answer="fine", confidence=0.25)),
        ],
    )
    mea = runs.run.add_predictions("typed confident", [label])
    mea.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in mea.statuses] == ["SUCCESS", "SUCCESS"]
    with lb.Client(
        api_key=labelbox_server.api_key, endpoint=labelbox_server.endpoint, enable_experimental=True
    ) as experimental:
        exported = experimental.get_model_run(runs.run.uid).export_labels(download=True)
    assert exported is not None
    [line] = [line for line in exported if line["DataRow ID"] == runs.rows[0].uid]
    [back] = NDJsonConverter.deserialize(line["Predictions"])
    box, note = sorted(back.annotations, key=lambda a: a.name or "")
    assert isinstance(box, ObjectAnnotation) and box.confidence == 0.9
    assert isinstance(box.classifications[0].value, Radio)
    assert box.classifications[0].value.answer.confidence == 0.7
    assert isinstance(note, ClassificationAnnotation) and isinstance(note.value, Text)
    assert note.value.confidence == 0.25


def test_predictions_come_from_files_and_urls(
    client: lb.Client, runs: RunSetup, tmp_path: Path
) -> None:
    path = tmp_path / "predictions.ndjson"
    rows = [runs.box(runs.rows[0]), runs.box(runs.rows[1])]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    from_file = runs.run.add_predictions("from file", path)
    from_file.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in from_file.statuses] == ["SUCCESS", "SUCCESS"]
    assert from_file.inputs == rows
    url = client.upload_data(path.read_bytes(), filename="p.ndjson")
    from_url = MEAPredictionImport.create_from_url(client, runs.run.uid, "from url", url)
    assert from_url.input_file_url == url
    from_url.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in from_url.statuses] == ["SUCCESS", "SUCCESS"]
    same = runs.run.add_predictions("through add_predictions", url)
    same.wait_until_done(sleep_time_seconds=1)
    assert len(same.statuses) == 2


def test_bad_predictions_are_refused_before_sending(
    client: lb.Client, runs: RunSetup, sent: list[str], tmp_path: Path
) -> None:
    good = runs.box(runs.rows[0])
    with pytest.raises(InvalidAnnotationError) as raised:
        runs.run.add_predictions("bad", [good, {**good, "uuid": "not-a-uuid"}])
    assert (raised.value.index, raised.value.field) == (1, "uuid")
    with pytest.raises(InvalidAnnotationError) as raised:
        runs.run.add_predictions("dup", [good, good])
    assert (raised.value.index, raised.value.field) == (1, "uuid")
    with pytest.raises(InvalidAnnotationError) as raised:
        runs.run.add_predictions("no row", [{**good, "dataRow": None}])
    assert raised.value.field == "dataRow"
    bad_file = tmp_path / "bad.ndjson"
    bad_file.write_text(json.dumps(good) + "\nnot json\n")
    with pytest.raises(InvalidAnnotationError, match="line 2"):
        MEAPredictionImport.create_from_file(client, runs.run.uid, "bad file", str(bad_file))
    with pytest.raises(InvalidInputError) as refused:
        MEAPredictionImport.create_from_file(client, runs.run.uid, "missing", "/no/such.ndjson")
    assert refused.value.field == "path"
    with pytest.raises(InvalidInputError) as refused:
        MEAToMALPredictionImport.create_for_model_run_data_rows(
            client, runs.run.uid, [], runs.setup.project.uid, "none"
        )
    assert refused.value.field == "data_row_ids"
    assert sent == []


def test_predictions_are_sent_to_a_project_as_pre_labels(client: lb.Client, runs: RunSetup) -> None:
    target = client.create_project(name=f"target {uuid.uuid4().hex[:6]}")
    target.setup_editor(runs.setup.ontology)
    rows = [runs.box(runs.rows[0]), runs.box(runs.rows[1]), runs.box(runs.rows[2])]
    mea, batch, mal = runs.run.upsert_predictions_and_send_to_project(
        "send", rows, target.uid, priority=2
    )
    assert [s["status"] for s in mea.statuses] == ["SUCCESS", "SUCCESS", "FAILURE"]
    assert batch is not None and batch.name == "send"
    assert batch.size == 2
    assert mal is not None and isinstance(mal, MEAToMALPredictionImport)
    assert mal.state == AnnotationImportState.FINISHED
    assert mal.project() == target and mal.parent_id == target.uid
    sent_on = mal.statuses
    assert sorted(status_row_id(s) for s in sent_on) == sorted(r.uid for r in runs.rows[:2])
    assert {s["status"] for s in sent_on} == {"SUCCESS"}
    assert [(i["name"], i["bbox"]) for i in mal.inputs] == [("box", rows[0]["bbox"])] * 2
    found = MEAToMALPredictionImport.from_name(client, target.uid, "send")
    assert found.uid == mal.uid
    assert list(target.labels()) == []  # pre-labels, not labels


def test_sending_data_rows_outside_the_project_reports_each(
    client: lb.Client, runs: RunSetup
) -> None:
    runs.run.add_predictions("p", [runs.box(runs.rows[0])]).wait_until_done(sleep_time_seconds=1)
    other = client.create_project(name=f"other {uuid.uuid4().hex[:6]}")
    other.setup_editor(runs.setup.ontology)
    mal = MEAToMALPredictionImport.create_for_model_run_data_rows(
        client, runs.run.uid, [runs.rows[0].uid], other.uid, "outside"
    )
    mal.wait_until_done(sleep_time_seconds=1)
    [status] = mal.statuses
    assert status["status"] == "FAILURE"
    assert status["errors"][0]["name"] == "DataRowNotInProject"


def test_nothing_to_send_returns_none_for_the_later_steps(
    client: lb.Client, runs: RunSetup
) -> None:
    mea, batch, mal = runs.run.upsert_predictions_and_send_to_project(
        "nothing", [runs.box(runs.rows[2])], runs.setup.project.uid
    )
    assert [s["status"] for s in mea.statuses] == ["FAILURE"]
    assert (batch, mal) == (None, None)


ROWS = 30_000


@pytest.mark.slow
def test_an_mea_import_resumes_after_a_server_restart(
    new_database_url: Callable[[], str | None], tmp_path: Path
) -> None:
    with LocalServer(database_url=new_database_url(), data_dir=tmp_path / "server") as server:
        client = lb.Client(
            api_key=server.api_key, endpoint=server.endpoint, enable_experimental=True
        )
        s = set_up(client, [])
        task = s.dataset.create_data_rows(
            [{"row_data": f"https://example.com/{i}.jpg"} for i in range(ROWS)]
        )
        task.wait_till_done(timeout_seconds=300)
        row_ids = [row["id"] for row in task.result]
        run = client.create_model("restart", s.ontology.uid).create_model_run("restart")
        run.upsert_data_rows(row_ids)
        predictions = [
            annotation_of(row_id, name="box", bbox={"top": 1, "left": 2, "height": 3, "width": 4})
            for row_id in row_ids
        ]
        mea = run.add_predictions("big", predictions)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            mea.refresh()
            if mea.state != AnnotationImportState.RUNNING or mea.progress != "0%":
                break
            time.sleep(0.02)
        # Read once: mypy keeps an asserted attribute narrowed past the wait below.
        state = mea.state
        assert state == AnnotationImportState.RUNNING, "use more rows"
        assert mea.progress not in ("0%", "100%")
        server.restart()

        mea.wait_until_done(sleep_time_seconds=1)
        assert mea.state == AnnotationImportState.FINISHED
        statuses = mea.statuses
        assert len(statuses) == ROWS and {s["status"] for s in statuses} == {"SUCCESS"}
        exported = run.export_labels(download=True, timeout_seconds=300) or []
        assert sorted(line["DataRow ID"] for line in exported) == sorted(row_ids)
        assert {len(line["Predictions"]) for line in exported} == {1}  # each exactly once
        client.close()


def annotation_of(row_id: str, **fields: object) -> dict[str, object]:
    return {"uuid": str(uuid.uuid4()), "dataRow": {"id": row_id}, **fields}
