"""Static types of models, model runs, their data rows, MEA imports and catalog slices
(`make typecheck`).

Each `assert_type` pins a type; each `type: ignore[code]` pins an error mypy must report.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from typing_extensions import assert_type

import labelbox as lb
from labelbox.orm.db_object import RelationshipManager
from labelbox.pagination import PaginatedCollection
from labelbox.schema.annotation_import import (
    AnnotationStatus,
    MEAPredictionImport,
    MEAToMALPredictionImport,
)
from labelbox.schema.batch import Batch
from labelbox.schema.enums import AnnotationImportState
from labelbox.schema.model_run import DataSplit, ModelRunDataRow


def check_models(client: lb.Client, ontology: lb.Ontology) -> None:
    model = client.create_model("m", ontology.uid)
    assert_type(model, lb.Model)
    assert_type(model.name, str)
    assert_type(model.ontology_id, str)
    assert_type(model.created_at, datetime)
    assert_type(model.model_runs, RelationshipManager[lb.ModelRun])
    assert_type(model.model_runs(), PaginatedCollection[lb.ModelRun])
    assert_type(client.get_model(model.uid), lb.Model)
    assert_type(client.get_models(where=lb.Model.name == "m"), PaginatedCollection[lb.Model])
    assert_type(model.delete(), None)
    client.create_model(name=1, ontology_id="o")  # type: ignore[arg-type]


def check_model_runs(client: lb.Client, model: lb.Model) -> None:
    run = model.create_model_run("r", config={"batch_size": 8})
    assert_type(run, lb.ModelRun)
    assert_type(client.get_model_run(run.uid), lb.ModelRun)
    assert_type(run.name, str)
    assert_type(run.model_id, str)
    assert_type(run.created_by_id, str | None)
    assert_type(run.training_metadata, Any | None)
    assert_type(run.upsert_labels(["l"]), bool)
    assert_type(run.upsert_data_rows(["d"], timeout_seconds=60), bool)
    assert_type(run.assign_data_rows_to_split(["d"], DataSplit.TRAINING), bool)
    assert_type(run.update_status(lb.ModelRun.Status.COMPLETE, metadata={"k": "v"}), None)
    assert_type(run.update_config({"a": 1}), dict[str, Any])
    assert_type(run.get_config(), dict[str, Any] | None)
    assert_type(run.reset_config(), dict[str, Any])
    assert_type(run.export_labels(), str | None)
    assert_type(run.export_labels(download=True), list[dict[str, Any]] | None)
    assert_type(run.delete_model_run_data_rows(["d"]), None)
    assert_type(run.delete(), None)
    run.upsert_data_rows("d", timeout_seconds="soon")  # type: ignore[arg-type]

    rows = run.model_run_data_rows()
    assert_type(rows, PaginatedCollection[ModelRunDataRow])
    row = rows.get_one()
    assert row is not None
    assert_type(row.data_split, DataSplit)
    assert_type(row.label_id, str | None)
    assert_type(row.model_run_id, str)
    assert_type(row.data_row(), lb.DataRow)
    assert_type(row.url, str)
    assert_type(lb.DataSplit, type[DataSplit])


def check_mea_imports(client: lb.Client, run: lb.ModelRun, project: lb.Project) -> None:
    mea = run.add_predictions("p", [{"uuid": "u"}])
    assert_type(mea, MEAPredictionImport)
    assert_type(mea.model_run_id, str)
    assert_type(mea.state, AnnotationImportState)
    assert_type(mea.statuses, list[AnnotationStatus])
    assert_type(mea.inputs, list[dict[str, Any]])
    assert_type(lb.MEAPredictionImport.from_name(client, run.uid, "p"), MEAPredictionImport)
    assert_type(MEAPredictionImport.from_name(client, run.uid, "p", as_json=True), dict[str, Any])
    assert_type(
        MEAPredictionImport.create_from_url(client, run.uid, "p", "https://x"), MEAPredictionImport
    )
    sent = run.upsert_predictions_and_send_to_project("p", "preds.ndjson", project.uid)
    assert_type(sent, tuple[MEAPredictionImport, Batch | None, MEAToMALPredictionImport | None])
    mal = MEAToMALPredictionImport.create_for_model_run_data_rows(
        client, run.uid, ["d"], project.uid, "n"
    )
    assert_type(mal.project(), lb.Project)
    assert_type(mal.parent_id, str)
    MEAToMALPredictionImport.create_for_model_run_data_rows(client, run.uid, ["d"], project.uid)  # type: ignore[call-arg]


def check_slices(client: lb.Client) -> None:
    found = client.get_catalog_slice("s")
    assert_type(found, lb.CatalogSlice)
    assert_type(found.name, str)
    assert_type(found.description, str | None)
    assert_type(found.filter, Any)
    assert_type(found.updated_at, datetime)
    assert_type(found.get_data_row_ids(), PaginatedCollection[str])
    slice_: lb.Slice = found
    assert_type(slice_.created_at, datetime)
