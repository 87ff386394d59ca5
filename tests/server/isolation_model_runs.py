"""Isolation cases of the model, model-run, MEA-import and catalog-slice root fields (used by
`test_isolation_every_field`): the owner's objects, their snapshot, and one case per field."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from . import model_run_documents as docs
from .conftest import Api
from .isolation_common import NOT_FOUND, Check, Owner, not_found, returns


def _wait(api: Api, document: str, variables: dict[str, Any], field: str) -> None:
    deadline = time.monotonic() + 60
    while api.data(document, variables)[field]["state"] == "RUNNING":
        assert time.monotonic() < deadline, f"{field} did not finish"
        time.sleep(0.05)


def model_run_objects(
    api: Api, project_id: str, row_id: str, label_id: str, ontology_id: str, tool_id: str
) -> dict[str, str]:
    """The owner's model, run (with the row, its label, a split, a prediction and config),
    MEA and MEA to MAL imports, an export and a slice."""
    model = api.data(docs.CREATE_MODEL, {"name": "owned-model", "ontologyId": ontology_id})[
        "createModel"
    ]["id"]
    run = api.data(
        docs.CREATE_MODEL_RUN, {"name": "owned-run", "config": {"a": 1}, "modelId": model}
    )["createModelRun"]["id"]
    label_task = api.data(docs.REGISTER_LABELS, {"modelRunId": run, "labelIds": [label_id]})[
        "createMEAModelRunLabelRegistrationTask"
    ]
    row_task = api.data(docs.REGISTER_DATA_ROWS, {"modelRunId": run, "dataRowIds": [row_id]})[
        "createMEAModelRunDataRowRegistrationTask"
    ]
    split_task = api.data(
        docs.ASSIGN_SPLIT,
        {"modelRunId": run, "data": {"assignments": [{"split": "TEST", "dataRowIds": [row_id]}]}},
    )["createAssignDataRowsToDataSplitTask"]
    api.data(docs.SET_PIPELINE_STATUS, {"modelRunId": run, "data": {"status": "COMPLETE"}})
    box = {"top": 1, "left": 1, "height": 1, "width": 1}
    line = {"uuid": str(uuid.uuid4()), "dataRow": {"id": row_id}, "schemaId": tool_id, "bbox": box}
    url = api.upload(json.dumps(line).encode(), "owned.ndjson", "application/x-ndjson")
    api.data(
        docs.CREATE_MEA_IMPORT_BY_URL, {"modelRunId": run, "name": "owned-mea", "fileUrl": url}
    )
    _wait(
        api,
        docs.GET_MEA_IMPORT,
        {"modelRunId": run, "name": "owned-mea"},
        "modelErrorAnalysisPredictionImport",
    )
    api.data(
        docs.CREATE_MEA_TO_MAL,
        {"name": "owned-mal", "modelRunId": run, "dataRowIds": [row_id], "projectId": project_id},
    )
    _wait(
        api,
        docs.GET_MEA_TO_MAL,
        {"projectId": project_id, "name": "owned-mal"},
        "meaToMalPredictionImport",
    )
    api.data(docs.EXPORT_MODEL_RUN, {"modelRunId": run})
    catalog_slice = api.data(docs.CREATE_SLICE, {"name": "owned-slice", "filter": []})[
        "createCatalogSlice"
    ]["id"]
    return {
        "model": model,
        "model_run": run,
        "label_task": label_task,
        "row_task": row_task,
        "split_task": split_task,
        "mea_url": url,
        "slice": catalog_slice,
    }


def model_run_snapshot(owner: Owner) -> dict[str, Any]:
    api, run = owner.api, owner["model_run"]
    return {
        "model": api.data(docs.GET_MODEL, {"param_0": owner["model"]}),
        "models": api.data(docs.GET_MODELS),
        "model_run": api.data(docs.GET_MODEL_RUN, {"param_0": run}),
        "model_run_rows": api.data(docs.MODEL_RUN_DATA_ROWS, {"modelRunId": run, "first": 100}),
        "pipeline": api.data(docs.TRAINING_PIPELINE, {"id": run}),
        "mea": api.data(docs.GET_MEA_IMPORT, {"modelRunId": run, "name": "owned-mea"}),
        "mea_to_mal": api.data(
            docs.GET_MEA_TO_MAL, {"projectId": owner["project"], "name": "owned-mal"}
        ),
        "slice": api.data(docs.GET_SAVED_QUERY, {"id": owner["slice"]}),
        "slice_rows": api.data(docs.GET_SLICE_ROW_IDS, {"id": owner["slice"], "first": 100}),
    }


def _no_task(field: str, task: str, document: str) -> Check:
    return returns(document, lambda o: {"where": {"id": o[task]}}, lambda d, o: d[field] is None)


def _check_create_slice(intruder: Api, owner: Owner) -> None:
    filter_ = [{"type": "dataset", "operator": "is", "ids": [owner["dataset"]]}]
    created = intruder.data(docs.CREATE_SLICE, {"name": "stolen", "filter": filter_})
    slice_id = created["createCatalogSlice"]["id"]
    page = intruder.data(docs.GET_SLICE_ROW_IDS, {"id": slice_id, "first": 100})
    assert page["getDataRowIdsBySavedQuery"]["nodes"] == []
    assert owner.api.error_codes(docs.GET_SAVED_QUERY, {"id": slice_id}) == NOT_FOUND


def _run(o: Owner) -> dict[str, Any]:
    return {"modelRunId": o["model_run"]}


MODEL_RUN_CASES: dict[str, Check] = {
    "Query.model": not_found(docs.GET_MODEL, lambda o: {"param_0": o["model"]}),
    "Query.models": returns(
        docs.GET_MODELS, lambda o: {}, lambda d, o: o["model"] not in {m["id"] for m in d["models"]}
    ),
    "Query.modelRun": not_found(docs.GET_MODEL_RUN, lambda o: {"param_0": o["model_run"]}),
    "Query.annotationGroups": not_found(docs.MODEL_RUN_DATA_ROWS, _run),
    "Query.MEALabelRegistrationTaskStatus": _no_task(
        "MEALabelRegistrationTaskStatus", "label_task", docs.LABEL_TASK_STATUS
    ),
    "Query.MEADataRowRegistrationTaskStatus": _no_task(
        "MEADataRowRegistrationTaskStatus", "row_task", docs.DATA_ROW_TASK_STATUS
    ),
    "Query.assignDataRowsToDataSplitTaskStatus": returns(
        docs.SPLIT_TASK_STATUS,
        lambda o: {"id": o["split_task"]},
        lambda d, o: d["assignDataRowsToDataSplitTaskStatus"] is None,
    ),
    "Query.trainingPipeline": not_found(docs.TRAINING_PIPELINE, lambda o: {"id": o["model_run"]}),
    "Query.getSavedQuery": not_found(docs.GET_SAVED_QUERY, lambda o: {"id": o["slice"]}),
    "Query.getDataRowIdsBySavedQuery": not_found(
        docs.GET_SLICE_ROW_IDS, lambda o: {"id": o["slice"], "first": 10}
    ),
    "Query.modelErrorAnalysisPredictionImport": not_found(
        docs.GET_MEA_IMPORT, lambda o: {**_run(o), "name": "owned-mea"}
    ),
    "Query.meaToMalPredictionImport": not_found(
        docs.GET_MEA_TO_MAL, lambda o: {"projectId": o["project"], "name": "owned-mal"}
    ),
    "Mutation.createModelErrorAnalysisPredictionImport": not_found(
        docs.CREATE_MEA_IMPORT_BY_URL,
        lambda o: {**_run(o), "name": "stolen", "fileUrl": o["mea_url"]},
    ),
    "Mutation.createMalPredictionImportForModelRunDataRows": not_found(
        docs.CREATE_MEA_TO_MAL,
        lambda o: {
            **_run(o),
            "name": "stolen",
            "dataRowIds": [o["row"]],
            "projectId": o["project"],
        },
    ),
    "Mutation.createModel": not_found(
        docs.CREATE_MODEL, lambda o: {"name": "stolen", "ontologyId": o["ontology"]}
    ),
    "Mutation.deleteModels": returns(
        docs.DELETE_MODELS, lambda o: {"ids": o["model"]}, lambda d, o: d["deleteModels"] == 0
    ),
    "Mutation.createModelRun": not_found(
        docs.CREATE_MODEL_RUN, lambda o: {"name": "stolen", "modelId": o["model"]}
    ),
    "Mutation.deleteModelRuns": returns(
        docs.DELETE_MODEL_RUNS,
        lambda o: {"ids": o["model_run"]},
        lambda d, o: d["deleteModelRuns"] == 0,
    ),
    "Mutation.createMEAModelRunLabelRegistrationTask": not_found(
        docs.REGISTER_LABELS, lambda o: {**_run(o), "labelIds": [o["label"]]}
    ),
    "Mutation.createMEAModelRunDataRowRegistrationTask": not_found(
        docs.REGISTER_DATA_ROWS, lambda o: {**_run(o), "dataRowIds": [o["row"]]}
    ),
    "Mutation.deleteModelRunDataRows": not_found(
        docs.DELETE_MODEL_RUN_DATA_ROWS, lambda o: {**_run(o), "dataRowIds": [o["row"]]}
    ),
    "Mutation.createAssignDataRowsToDataSplitTask": not_found(
        docs.ASSIGN_SPLIT,
        lambda o: {
            **_run(o),
            "data": {"assignments": [{"split": "TRAINING", "dataRowIds": [o["row"]]}]},
        },
    ),
    "Mutation.updateTrainingPipeline": not_found(
        docs.SET_PIPELINE_STATUS, lambda o: {**_run(o), "data": {"status": "FAILED"}}
    ),
    "Mutation.updateModelRunConfig": not_found(
        docs.UPDATE_CONFIG, lambda o: {**_run(o), "data": {"config": {"stolen": True}}}
    ),
    "Mutation.resetModelRunConfig": not_found(docs.RESET_CONFIG, _run),
    "Mutation.exportModelRunAnnotations": not_found(docs.EXPORT_MODEL_RUN, _run),
    "Mutation.createCatalogSlice": _check_create_slice,
}
