"""Models and model runs with our SDK against a real server: models and their runs, data
rows from ids and from labels, splits, the training pipeline and config, exports, and the
checks made before anything is sent."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

import labelbox as lb
from labelbox.exceptions import (
    InvalidAttributeError,
    InvalidInputError,
    LabelboxError,
    ResourceNotFoundError,
)
from labelbox.schema.model import Model
from labelbox.schema.model_run import DataSplit, ModelRun, ModelRunDataRow
from labelbox_server import LocalServer

from .model_runs import RunSetup, run_setup


@pytest.fixture
def runs(client: lb.Client) -> RunSetup:
    return run_setup(client, config={"batch_size": 8, "learning_rate": None})


@pytest.fixture(scope="module")
def experimental(labelbox_server: LocalServer) -> Iterator[lb.Client]:
    with lb.Client(
        api_key=labelbox_server.api_key,
        endpoint=labelbox_server.endpoint,
        enable_experimental=True,
    ) as client:
        yield client


def _rows(run: ModelRun) -> dict[str, ModelRunDataRow]:
    return {row.data_row().uid: row for row in run.model_run_data_rows()}


def test_models_are_created_found_listed_and_deleted(client: lb.Client, runs: RunSetup) -> None:
    model = runs.model
    assert isinstance(model, Model)
    assert model.ontology_id == runs.setup.ontology.uid
    assert client.get_model(model.uid) == model
    assert client.get_model(model.uid).name == model.name
    assert [m.uid for m in client.get_models(where=Model.name == model.name)] == [model.uid]
    assert model.uid in [m.uid for m in client.get_models()]
    second = model.create_model_run("run 2")
    assert [r.uid for r in model.model_runs()] == [runs.run.uid, second.uid]
    model.delete()
    with pytest.raises(ResourceNotFoundError):
        client.get_model(model.uid)
    with pytest.raises(ResourceNotFoundError):
        client.get_model_run(second.uid)
    assert model.uid not in [m.uid for m in client.get_models()]


def test_a_model_run_has_its_creator_model_and_camel_cased_config(
    client: lb.Client, runs: RunSetup
) -> None:
    run = runs.run
    assert run.name == "run 1"
    assert run.model_id == runs.model.uid
    assert run.created_by_id == client.get_user().uid
    assert run.training_metadata == {"batchSize": 8, "learningRate": None}
    found = client.get_model_run(run.uid)
    assert (found.uid, found.name, found.created_at) == (run.uid, run.name, run.created_at)
    run.delete()
    with pytest.raises(ResourceNotFoundError):
        client.get_model_run(run.uid)
    assert [r.uid for r in runs.model.model_runs()] == []


def test_data_rows_join_from_ids_and_from_labels_once(runs: RunSetup) -> None:
    run, rows = runs.run, runs.rows
    assert run.upsert_data_rows([rows[2].uid]) is True
    assert run.upsert_data_rows([rows[2].uid], timeout_seconds=30) is True  # no duplicate
    labels = list(runs.setup.project.labels())
    assert run.upsert_labels([label.uid for label in labels]) is True
    found = _rows(run)
    assert set(found) == {row.uid for row in rows}
    by_row = {label.data_row().uid: label.uid for label in labels}
    for row_id, model_run_row in found.items():
        assert model_run_row.label_id == by_row.get(row_id)
        assert model_run_row.model_run_id == run.uid
        assert model_run_row.data_split == DataSplit.UNASSIGNED
        assert model_run_row.model_id == runs.model.uid
        assert model_run_row.url.endswith(
            f"/{run.uid}/AllDatarowsSlice/{model_run_row.uid}?view=carousel"
        )
    run.delete_model_run_data_rows([rows[0].uid, rows[2].uid])
    assert set(_rows(run)) == {rows[1].uid}


def test_registering_unknown_ids_fails_the_task_naming_them(runs: RunSetup) -> None:
    missing = "cl" + uuid.uuid4().hex[:23]
    with pytest.raises(LabelboxError, match=missing):
        runs.run.upsert_data_rows([runs.rows[0].uid, missing])
    with pytest.raises(LabelboxError, match="Labels not found"):
        runs.run.upsert_labels([missing])
    assert _rows(runs.run) == {}  # all or nothing


def test_splits_are_assigned(experimental: lb.Client, runs: RunSetup) -> None:
    run = experimental.get_model_run(runs.run.uid)
    ids = [row.uid for row in runs.rows]
    run.upsert_data_rows(ids)
    assert run.assign_data_rows_to_split(ids[:2], DataSplit.TRAINING) is True
    assert run.assign_data_rows_to_split(ids[2:], "VALIDATION") is True
    splits = {row_id: row.data_split for row_id, row in _rows(run).items()}
    assert splits == {
        ids[0]: DataSplit.TRAINING,
        ids[1]: DataSplit.TRAINING,
        ids[2]: DataSplit.VALIDATION,
    }
    with pytest.raises(LabelboxError, match="not found"):
        run.assign_data_rows_to_split(["cl" + uuid.uuid4().hex[:23]], DataSplit.TEST)


def test_experimental_methods_need_an_experimental_client(runs: RunSetup) -> None:
    with pytest.raises(LabelboxError, match="enable_experimental"):
        runs.run.get_config()
    with pytest.raises(LabelboxError, match="enable_experimental"):
        runs.run.assign_data_rows_to_split([runs.rows[0].uid], DataSplit.TEST)


def test_config_is_updated_read_and_reset(experimental: lb.Client, runs: RunSetup) -> None:
    run = experimental.get_model_run(runs.run.uid)
    assert run.get_config() == {"batchSize": 8, "learningRate": None}
    config = {"snake_key": 1, "nested": {"inner_key": [1, 2]}}
    assert run.update_config(config) == {"trainingMetadata": config}
    assert run.get_config() == config
    assert run.reset_config() == {"trainingMetadata": None}
    assert run.get_config() is None


def test_training_pipeline_status_merges_metadata(experimental: lb.Client, runs: RunSetup) -> None:
    run = experimental.get_model_run(runs.run.uid)
    run.update_status(ModelRun.Status.EXPORTING_DATA, metadata={"a": "1"}, error_message="slow")
    run.update_status("TRAINING_MODEL", metadata={"b": "2"})
    data = experimental.execute(
        "query P($id: ID!) { trainingPipeline(where: {id: $id}) { status errorMessage metadata } }",
        {"id": run.uid},
    )
    assert data is not None
    assert data["trainingPipeline"] == {
        "status": "TRAINING_MODEL",
        "errorMessage": "slow",
        "metadata": {"a": "1", "b": "2"},
    }


def test_labels_and_predictions_are_exported(experimental: lb.Client, runs: RunSetup) -> None:
    run = experimental.get_model_run(runs.run.uid)
    labels = list(runs.setup.project.labels())
    run.upsert_labels([label.uid for label in labels])
    run.upsert_data_rows([runs.rows[2].uid])
    prediction = runs.box(runs.rows[2], confidence=0.5)
    run.add_predictions("preds", [prediction]).wait_until_done(sleep_time_seconds=1)
    url = run.export_labels()
    assert isinstance(url, str) and url.startswith("http")
    exported = run.export_labels(download=True)
    assert exported is not None
    by_row = {line["DataRow ID"]: line for line in exported}
    assert set(by_row) == {row.uid for row in runs.rows}
    for label in labels:
        line = by_row[label.data_row().uid]
        assert line["ID"] == label.uid
        assert [o["title"] for o in line["Label"]["objects"]] == ["box"]
        assert line["Predictions"] == []
        assert line["Data Split"] == "UNASSIGNED"
    predicted = by_row[runs.rows[2].uid]
    assert predicted["ID"] is None and predicted["Label"] == {}
    [stored] = predicted["Predictions"]
    assert stored["dataRow"] == {"id": runs.rows[2].uid}
    assert stored["bbox"] == prediction["bbox"]
    assert stored["name"] == "box"
    assert stored["schemaId"] == runs.setup.schema_id("box")


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda run: run.upsert_data_rows([]), "data_row_ids"),
        (lambda run: run.upsert_data_rows("not-a-list"), "data_row_ids"),
        (lambda run: run.upsert_labels([""]), "label_ids"),
        (lambda run: run.upsert_labels([None]), "label_ids"),
        (lambda run: run.delete_model_run_data_rows([1]), "data_row_ids"),
        (lambda run: run.add_predictions("p", 42), "predictions"),
        (lambda run: run.add_predictions("p", []), "predictions"),
    ],
)
def test_bad_input_is_refused_before_sending(
    runs: RunSetup, sent: list[str], call: object, field: str
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        call(runs.run)  # type: ignore[operator]
    assert raised.value.field == field
    assert sent == []


def test_bad_experimental_input_is_refused_before_sending(
    experimental: lb.Client, runs: RunSetup
) -> None:
    run = experimental.get_model_run(runs.run.uid)
    with pytest.raises(InvalidInputError) as raised:
        run.assign_data_rows_to_split([runs.rows[0].uid], "TRAIN")
    assert raised.value.field == "split"
    with pytest.raises(InvalidInputError) as raised:
        run.update_status("DONE")
    assert raised.value.field == "status"
    with pytest.raises(InvalidInputError) as raised:
        run.update_config(["not", "a", "dict"])  # type: ignore[arg-type]
    assert raised.value.field == "config"


def test_bad_model_arguments_name_the_field(client: lb.Client, sent: list[str]) -> None:
    with pytest.raises(InvalidAttributeError, match="name"):
        client.create_model(42, "ontology")  # type: ignore[arg-type]
    with pytest.raises(InvalidAttributeError, match="ontology_id"):
        client.create_model("m", "bad\x00id")
    assert sent == []
    with pytest.raises(ResourceNotFoundError):
        client.create_model("m", "cl" + uuid.uuid4().hex[:23])
    with pytest.raises(ResourceNotFoundError):
        client.get_model_run("cl" + uuid.uuid4().hex[:23])


def test_other_organizations_do_not_see_models(other_client: lb.Client, runs: RunSetup) -> None:
    with pytest.raises(ResourceNotFoundError):
        other_client.get_model(runs.model.uid)
    with pytest.raises(ResourceNotFoundError):
        other_client.get_model_run(runs.run.uid)
    assert runs.model.uid not in [m.uid for m in other_client.get_models()]
