"""The official SDK 3.36.0 against our server: models, model runs and their data rows,
splits, training status and config, exports, MEA prediction imports, predictions sent to a
project (MEA to MAL), and catalog slices (the flows of its `test_model`, `test_model_run`,
`test_mea_prediction_import`, `test_send_to_annotate`-era model-run tests and `test_slice`)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import labelbox
from labelbox import DataSplit, Model, ModelRun
from labelbox.exceptions import ResourceNotFoundError
from labelbox.schema.annotation_import import (
    AnnotationImportState,
    LabelImport,
    MEAPredictionImport,
    MEAToMALPredictionImport,
)

IMAGE_URL = "https://storage.example.com/images/{}.jpg"
ONTOLOGY = {
    "tools": [{"tool": "rectangle", "name": "box", "color": "#ff0000"}],
    "classifications": [],
}


def _box(data_row_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "name": "box",
        "dataRow": {"id": data_row_id},
        "bbox": {"top": 1, "left": 2, "height": 3, "width": 4},
        **extra,
    }


@pytest.fixture(scope="module")
def experimental(client: labelbox.Client) -> labelbox.Client:
    return labelbox.Client(
        api_key=client.api_key, endpoint=client.endpoint, enable_experimental=True
    )


@pytest.fixture
def labeled(client: labelbox.Client, request: pytest.FixtureRequest) -> Iterator[dict[str, Any]]:
    """A project with three rows, two of them labeled, and a model on its ontology."""
    name = f"compat {request.node.name} {time.time_ns()}"
    project = client.create_project(name=name)
    dataset = client.create_dataset(name=name, projects=project)
    rows = [dataset.create_data_row(row_data=IMAGE_URL.format(i)) for i in range(3)]
    ontology = client.create_ontology(name, ONTOLOGY)
    project.setup_editor(ontology)
    label_import = LabelImport.create_from_objects(
        client, project.uid, "labels", [_box(row.uid) for row in rows[:2]]
    )
    label_import.wait_until_done(sleep_time_seconds=1)
    model = client.create_model(name, ontology.uid)
    yield {"project": project, "rows": rows, "ontology": ontology, "model": model}
    project.delete()
    dataset.delete()


def test_models(client: labelbox.Client, labeled: dict[str, Any]) -> None:
    model = labeled["model"]
    assert isinstance(model, Model)
    assert client.get_model(model.uid).name == model.name
    assert [m.uid for m in client.get_models(where=Model.name == model.name)] == [model.uid]
    assert model.uid in [m.uid for m in client.get_models()]
    run = model.create_model_run("run", config={"batch_size": 100, "reset": None})
    assert run.training_metadata == {"batchSize": 100, "reset": None}
    assert run.created_by_id == client.get_user().uid
    assert run.model_id == model.uid
    assert [r.uid for r in model.model_runs()] == [run.uid]
    assert client.get_model_run(run.uid).name == "run"
    run.delete()
    assert list(model.model_runs()) == []
    model.delete()
    with pytest.raises(ResourceNotFoundError):
        client.get_model(model.uid)


def test_model_run_data_rows(labeled: dict[str, Any]) -> None:
    project, rows = labeled["project"], labeled["rows"]
    run = labeled["model"].create_model_run("rows")
    labels = list(project.labels())
    assert run.upsert_labels([label.uid for label in labels]) is True
    assert run.upsert_data_rows([rows[2].uid]) is True
    assert run.upsert_data_rows([rows[2].uid]) is True
    found = {r.data_row().uid: r for r in run.model_run_data_rows()}
    assert set(found) == {row.uid for row in rows}
    assert {found[label.data_row().uid].label_id for label in labels} == {
        label.uid for label in labels
    }
    assert found[rows[2].uid].label_id is None
    assert {r.data_split for r in found.values()} == {DataSplit.UNASSIGNED}
    run.delete_model_run_data_rows([rows[2].uid])
    assert {r.data_row().uid for r in run.model_run_data_rows()} == {
        label.data_row().uid for label in labels
    }
    with pytest.raises(ValueError):
        run.upsert_data_rows([])


def test_splits_status_and_config(experimental: labelbox.Client, labeled: dict[str, Any]) -> None:
    run = experimental.get_model(labeled["model"].uid).create_model_run("splits")
    ids = [row.uid for row in labeled["rows"]]
    run.upsert_data_rows(ids)
    assert run.assign_data_rows_to_split(ids[:2], DataSplit.TRAINING) is True
    assert run.assign_data_rows_to_split(ids[2:], "TEST") is True
    splits = {r.data_row().uid: r.data_split for r in run.model_run_data_rows()}
    assert splits == {
        ids[0]: DataSplit.TRAINING,
        ids[1]: DataSplit.TRAINING,
        ids[2]: DataSplit.TEST,
    }
    with pytest.raises(ValueError):
        run.assign_data_rows_to_split(ids, "TRAIN")

    run.update_status("EXPORTING_DATA", metadata={"k1": "v1"}, error_message="oops")
    run.update_status(ModelRun.Status.COMPLETE, metadata={"k2": "v2"})
    pipeline = experimental.execute(
        "query($id: ID!) { trainingPipeline(where: {id: $id}) { status errorMessage metadata } }",
        {"id": run.uid},
        experimental=True,
    )["trainingPipeline"]
    assert pipeline == {
        "status": "COMPLETE",
        "errorMessage": "oops",
        "metadata": {"k1": "v1", "k2": "v2"},
    }
    config = {"batch_size": 1, "nested": {"a_b": 2}}
    assert run.update_config(config) == {"trainingMetadata": config}
    assert run.get_config() == config
    assert run.reset_config() == {"trainingMetadata": None}
    assert run.get_config() is None


def test_mea_prediction_imports(
    client: labelbox.Client, labeled: dict[str, Any], tmp_path: Path
) -> None:
    rows = labeled["rows"]
    run = labeled["model"].create_model_run("predictions")
    run.upsert_data_rows([row.uid for row in rows[:2]])
    predictions = [_box(rows[0].uid, confidence=0.8), _box(rows[1].uid), _box(rows[2].uid)]
    mea = run.add_predictions("objects", predictions)
    assert isinstance(mea, MEAPredictionImport)
    assert mea.model_run_id == run.uid and mea.parent_id == run.uid
    mea.wait_until_done(sleep_time_seconds=1)
    assert mea.state == AnnotationImportState.FINISHED
    assert [s["status"] for s in mea.statuses] == ["SUCCESS", "SUCCESS", "FAILURE"]
    assert [e["uuid"] for e in mea.errors] == [predictions[2]["uuid"]]
    assert mea.inputs == predictions
    assert MEAPredictionImport.from_name(client, run.uid, "objects").uid == mea.uid

    path = tmp_path / "predictions.ndjson"
    path.write_text("\n".join(json.dumps(p) for p in predictions[:2]))
    from_file = run.add_predictions("file", str(path))
    from_file.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in from_file.statuses] == ["SUCCESS", "SUCCESS"]
    url = client.upload_data(path.read_bytes(), filename="p.ndjson")
    from_url = run.add_predictions("url", url)
    assert from_url.input_file_url == url
    from_url.wait_until_done(sleep_time_seconds=1)
    assert len(from_url.statuses) == 2


def test_export_labels(experimental: labelbox.Client, labeled: dict[str, Any]) -> None:
    run = experimental.get_model(labeled["model"].uid).create_model_run("export")
    labels = list(labeled["project"].labels())
    run.upsert_labels([label.uid for label in labels])
    url = run.export_labels()
    assert isinstance(url, str)
    exported = run.export_labels(download=True)
    assert sorted(line["ID"] for line in exported) == sorted(label.uid for label in labels)


def test_upsert_predictions_and_send_to_project(
    client: labelbox.Client, labeled: dict[str, Any]
) -> None:
    rows = labeled["rows"]
    target = client.create_project(name=f"compat target {time.time_ns()}")
    target.setup_editor(labeled["ontology"])
    run = labeled["model"].create_model_run("send")
    run.upsert_data_rows([row.uid for row in rows])
    predictions = [_box(row.uid) for row in rows]
    mea, batch, mal = run.upsert_predictions_and_send_to_project(
        "send", predictions, target.uid, priority=1
    )
    assert [s["status"] for s in mea.statuses] == ["SUCCESS"] * 3
    assert batch is not None and batch.name == "send"
    assert isinstance(mal, MEAToMALPredictionImport)
    assert mal.state == AnnotationImportState.FINISHED
    assert mal.parent_id == target.uid
    assert sorted(s["dataRow"]["id"] for s in mal.statuses) == sorted(r.uid for r in rows)
    assert {s["status"] for s in mal.statuses} == {"SUCCESS"}
    assert MEAToMALPredictionImport.from_name(client, target.uid, "send").uid == mal.uid
    other = MEAToMALPredictionImport.create_for_model_run_data_rows(
        client, run.uid, [rows[0].uid], target.uid, "again"
    )
    other.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in other.statuses] == ["SUCCESS"]
    target.delete()


def test_catalog_slices(client: labelbox.Client, dataset: labelbox.Dataset) -> None:
    rows = [dataset.create_data_row(row_data=IMAGE_URL.format(i)) for i in range(3)]
    created = client.execute(
        """mutation($name: String!, $filter: Json!) {
            createCatalogSlice(data: {name: $name, filter: $filter}) { id } }""",
        {"name": "slice", "filter": [{"type": "dataset", "operator": "is", "ids": [dataset.uid]}]},
    )["createCatalogSlice"]
    found = client.get_catalog_slice(created["id"])
    assert isinstance(found, labelbox.CatalogSlice)
    assert found.name == "slice"
    assert found.filter == [{"type": "dataset", "operator": "is", "ids": [dataset.uid]}]
    assert list(found.get_data_row_ids()) == sorted(row.uid for row in rows)
