"""The `confidence` of predictions over HTTP: model-run (MEA) imports check it (a number from
0 to 1) and keep it where each row gives it (on the row, a nested classification, an answer),
and the model-run export returns it there; MAL and label imports, and MEA to MAL imports
(pre-labels), ignore it."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest

from . import label_documents as label_docs
from . import model_run_documents as docs
from . import sdk_documents as sdk_docs
from . import setup_documents as setup_docs
from .conftest import Api
from .data_helpers import create_dataset, create_row
from .mal_isolation import CREATE_MAL, GET_MAL, PREDICTIONS
from .queue_helpers import export
from .test_projects import create_project

ONTOLOGY = {
    "tools": [
        {
            "tool": "rectangle",
            "name": "box",
            "classifications": [
                {
                    "type": "radio",
                    "instructions": "color",
                    "options": [
                        {
                            "value": "black",
                            "options": [
                                {
                                    "type": "checklist",
                                    "instructions": "shades",
                                    "options": [{"value": "dark"}, {"value": "matte"}],
                                }
                            ],
                        },
                        {"value": "white"},
                    ],
                }
            ],
        }
    ],
    "classifications": [
        {
            "type": "radio",
            "instructions": "mood",
            "options": [
                {"value": "happy", "options": [{"type": "text", "instructions": "why"}]},
                {"value": "sad"},
            ],
        },
        {"type": "checklist", "instructions": "tags", "options": [{"value": "cute"}]},
        {"type": "text", "instructions": "note"},
    ],
}
BOX = {"top": 1, "left": 2, "height": 3, "width": 4}


@dataclass
class Setting:
    """A project and a model on one ontology, and a run of the model; the project and the
    run have the same three data rows."""

    api: Api
    ontology: str
    dataset: str
    model: str
    rows: list[str]
    project: str = field(init=False)
    run: str = field(init=False)


def _new_run(s: Setting, name: str) -> str:
    variables = {"name": name, "config": None, "modelId": s.model}
    run: str = s.api.data(docs.CREATE_MODEL_RUN, variables)["createModelRun"]["id"]
    s.api.data(docs.REGISTER_DATA_ROWS, {"modelRunId": run, "dataRowIds": s.rows})
    return run


def _new_project(s: Setting, name: str) -> str:
    project: str = create_project(s.api, name)["id"]
    s.api.data(sdk_docs.CONNECT_PROJECT_AND_DATASET, {"projectId": project, "datasetId": s.dataset})
    s.api.data(setup_docs.CONNECT_ONTOLOGY, {"projectId": project, "ontologyId": s.ontology})
    return project


@pytest.fixture(scope="module")
def setting(api: Api) -> Setting:
    name = f"confidence-{uuid.uuid4().hex[:8]}"
    normalized = json.dumps(ONTOLOGY)
    ontology = api.data(
        setup_docs.CREATE_ONTOLOGY, {"data": {"name": name, "normalized": normalized}}
    )
    dataset = create_dataset(api, name)
    rows = [create_row(api, dataset, f"https://x.example/{name}/{i}.jpg")["id"] for i in range(3)]
    model = api.data(
        docs.CREATE_MODEL, {"name": name, "ontologyId": ontology["upsertOntology"]["id"]}
    )
    s = Setting(api, ontology["upsertOntology"]["id"], dataset, model["createModel"]["id"], rows)
    s.project = _new_project(s, name)
    s.run = _new_run(s, name)
    return s


def _row(data_row: str, **fields: Any) -> dict[str, Any]:
    return {"uuid": str(uuid.uuid4()), "dataRow": {"id": data_row}, **fields}


def _with_confidences(rows: list[str]) -> list[dict[str, Any]]:
    """Predictions with a confidence at every level a row may give one (and one without)."""
    shades = {"name": "shades", "answers": [{"name": "dark", "confidence": 0.6}]}
    black = {"name": "black", "confidence": 0.7, "classifications": [shades]}
    happy = {"name": "happy", "confidence": 0.5, "classifications": [
        {"name": "why", "answer": "sun", "confidence": 0.4}
    ]}  # fmt: skip
    color = {"name": "color", "answer": black}
    return [
        _row(rows[0], name="box", bbox=BOX, confidence=0.9, classifications=[color]),
        _row(rows[1], name="mood", answer=happy),
        _row(rows[1], name="tags", answers=[{"name": "cute", "confidence": 1}]),
        _row(rows[2], name="note", answer="fine", confidence=0),
        _row(rows[2], name="box", bbox=BOX),
    ]


def _without(value: Any, *keys: str) -> Any:
    """The JSON value with these keys removed from every object in it."""
    if isinstance(value, dict):
        return {k: _without(v, *keys) for k, v in value.items() if k not in keys}
    if isinstance(value, list):
        return [_without(item, *keys) for item in value]
    return value


def _upload(api: Api, lines: list[str]) -> str:
    content = "".join(f"{line}\n" for line in lines).encode()
    return api.upload(content, "rows.ndjson", "application/x-ndjson")


def _finished(api: Api, document: str, variables: dict[str, Any], field: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while (found := api.data(document, variables)[field])["state"] == "RUNNING":
        assert time.monotonic() < deadline, f"{field} did not finish"
        time.sleep(0.05)
    assert found["state"] == "FINISHED", found
    result: dict[str, Any] = found
    return result


def _ndjson(api: Api, url: str) -> list[dict[str, Any]]:
    response = api.client.get(url)
    assert response.status_code == 200
    return [json.loads(line) for line in response.text.splitlines() if line]


def _mea_import(s: Setting, name: str, lines: list[str], run: str = "") -> list[dict[str, Any]]:
    """Import the NDJSON lines into the run (the setting's by default); the statuses."""
    variables = {"modelRunId": run or s.run, "name": name}
    s.api.data(docs.CREATE_MEA_IMPORT_BY_URL, {**variables, "fileUrl": _upload(s.api, lines)})
    found = _finished(s.api, docs.GET_MEA_IMPORT, variables, "modelErrorAnalysisPredictionImport")
    return _ndjson(s.api, found["statusFileUrl"])


def _exported(s: Setting) -> dict[str, dict[str, Any]]:
    """The run's predictions by uuid, as the model-run export gives them."""
    variables = {"modelRunId": s.run}
    lines = export(s.api, docs.EXPORT_MODEL_RUN, variables, "exportModelRunAnnotations")
    return {p["uuid"]: p for line in lines for p in line["Predictions"]}


def _predictions(api: Api, project: str) -> dict[str, dict[str, Any]]:
    """The project's pre-labels by uuid."""
    found = api.data(PREDICTIONS, {"id": project})["project"]["predictions"]
    return {p["uuid"]: p["annotation"] for p in found}


def test_mea_predictions_come_back_with_their_confidences_where_they_were_given(
    setting: Setting, unique: str
) -> None:
    sent = _with_confidences(setting.rows)
    statuses = _mea_import(setting, unique + "mea", [json.dumps(row) for row in sent])
    assert [s["status"] for s in statuses] == ["SUCCESS"] * len(sent), statuses
    exported = _exported(setting)
    for row in sent:  # every confidence in its place, 1 and 0 as given
        assert _without(exported[row["uuid"]], "schemaId") == row
    assert "confidence" not in json.dumps(exported[sent[-1]["uuid"]])


@pytest.mark.parametrize(
    ("given", "shown"),
    [("1.5", "1.5"), ("-0.1", "-0.1"), ("true", "True"), ('"0.5"', "'0.5'"),
     ("NaN", "nan"), ("Infinity", "inf")],
)  # fmt: skip
def test_an_invalid_confidence_fails_its_row_with_the_reason(
    setting: Setting, unique: str, given: str, shown: str
) -> None:
    good = _row(setting.rows[0], name="box", bbox=BOX, confidence=0.5)
    bad = _row(setting.rows[0], name="box", bbox=BOX)
    line = json.dumps(bad)[:-1] + f', "confidence": {given}}}'
    statuses = _mea_import(setting, unique + "bad", [json.dumps(good), line])
    assert [s["status"] for s in statuses] == ["SUCCESS", "FAILURE"]
    message = f"annotation: `confidence` must be a number from 0 to 1, got {shown}"
    assert statuses[1]["errors"] == [{"name": "InvalidConfidence", "message": message}]
    exported = _exported(setting)
    assert exported[good["uuid"]]["confidence"] == 0.5
    assert bad["uuid"] not in exported


def test_a_null_confidence_is_none(setting: Setting, unique: str) -> None:
    row = _row(setting.rows[0], name="box", bbox=BOX, confidence=None)
    statuses = _mea_import(setting, unique + "null", [json.dumps(row)])
    assert [s["status"] for s in statuses] == ["SUCCESS"], statuses
    assert _without(_exported(setting)[row["uuid"]], "schemaId") == _without(row, "confidence")


def test_invalid_nested_confidences_say_where_they_are(setting: Setting, unique: str) -> None:
    row = setting.rows[1]
    why = {"name": "why", "answer": "x", "confidence": "high"}
    rows = [
        _row(row, name="mood", answer={"name": "sad", "confidence": 2}),
        _row(row, name="mood", answer={"name": "happy", "classifications": [why]}),
        _row(row, name="tags", confidence=-1, answers=[{"name": "cute", "confidence": 7}]),
    ]
    statuses = _mea_import(setting, unique + "nested", [json.dumps(r) for r in rows])
    assert [s["status"] for s in statuses] == ["FAILURE"] * 3
    must = "`confidence` must be a number from 0 to 1, got"
    assert [[e["message"] for e in s["errors"]] for s in statuses] == [
        [f'an answer of "mood": {must} 2'],
        [f"the text classification \"why\": {must} 'high'"],
        [f'the checklist classification "tags": {must} -1', f'an answer of "tags": {must} 7'],
    ]
    assert {e["name"] for s in statuses for e in s["errors"]} == {"InvalidConfidence"}


def test_mal_and_label_imports_ignore_confidences_whatever_they_are(
    setting: Setting, unique: str
) -> None:
    api, project = setting.api, _new_project(setting, unique + "mal")
    sent = _with_confidences(setting.rows)
    sent[0]["confidence"] = "not a number"  # not checked either
    url = _upload(api, [json.dumps(row) for row in sent])
    where = {"projectId": project, "name": unique + "mal"}
    api.data(CREATE_MAL, {**where, "fileUrl": url})
    mal = _finished(api, GET_MAL, where, "modelAssistedLabelingPredictionImport")
    assert {s["status"] for s in _ndjson(api, mal["statusFileUrl"])} == {"SUCCESS"}
    stored = _predictions(api, project)
    for row in sent:
        assert _without(stored[row["uuid"]], "schemaId") == _without(row, "confidence")
    where = {"projectId": project, "name": unique + "labels"}
    api.data(label_docs.CREATE_LABEL_IMPORT_BY_URL, {**where, "fileUrl": url})
    labels = _finished(api, label_docs.GET_LABEL_IMPORT, where, "labelImport")
    assert {s["status"] for s in _ndjson(api, labels["statusFileUrl"])} == {"SUCCESS"}
    found = api.data(label_docs.get_project_labels(), {"projectId": project})["project"]["labels"]
    assert len(found) == len(setting.rows)
    assert sum(len(json.loads(label["label"])["objects"]) for label in found) == 2
    assert not any("confidence" in label["label"] for label in found)


def test_predictions_with_confidences_go_on_to_a_project_without_them(
    setting: Setting, unique: str
) -> None:
    api, run = setting.api, _new_run(setting, unique + "run")
    sent = _with_confidences(setting.rows)
    statuses = _mea_import(setting, unique + "mea", [json.dumps(row) for row in sent], run)
    assert {s["status"] for s in statuses} == {"SUCCESS"}
    target = _new_project(setting, unique + "target")
    where = {"projectId": target, "name": unique + "mal"}
    api.data(docs.CREATE_MEA_TO_MAL, {**where, "modelRunId": run, "dataRowIds": setting.rows})
    mal = _finished(api, docs.GET_MEA_TO_MAL, where, "meaToMalPredictionImport")
    inputs = _ndjson(api, mal["inputFileUrl"])  # the predictions as stored, with confidences
    assert [_without(i, "schemaId", "uuid") for i in inputs] == [_without(r, "uuid") for r in sent]
    assert {s["status"] for s in _ndjson(api, mal["statusFileUrl"])} == {"SUCCESS"}
    stored = _predictions(api, target)
    assert sorted(stored) == sorted(i["uuid"] for i in inputs)
    for given in inputs:
        assert stored[given["uuid"]] == _without(given, "confidence")
