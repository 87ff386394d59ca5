"""Isolation cases of the model-assisted labeling root fields (MAL imports, bulk import
requests), used by `test_isolation_every_field`: the owner's objects, what the owner reads
back, and one case per root field."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from .conftest import Api

NOT_FOUND = ["RESOURCE_NOT_FOUND"]
FIELDS = "id name state inputFileUrl statusFileUrl errorFileUrl"
CREATE_MAL = (
    "mutation($projectId: ID!, $name: String!, $fileUrl: String!) {"
    " createModelAssistedLabelingPredictionImport(data: {projectId: $projectId, name: $name,"
    f" fileUrl: $fileUrl}}) {{ {FIELDS} }} }}"
)
GET_MAL = (
    "query($projectId: ID!, $name: String!) { modelAssistedLabelingPredictionImport("
    f"where: {{projectId: $projectId, name: $name}}) {{ {FIELDS} progress }} }}"
)
CREATE_BULK = (
    "mutation($projectId: ID!, $name: String!, $fileUrl: String!) {"
    " createBulkImportRequest(data: {projectId: $projectId, name: $name, fileUrl: $fileUrl})"
    f" {{ {FIELDS} }} }}"
)
GET_BULK = f"query($id: ID!) {{ bulkImportRequest(where: {{id: $id}}) {{ {FIELDS} }} }}"
GET_BULK_BY_NAME = (
    "query($projectId: ID!, $name: String!) { bulkImportRequest(where: {projectId: $projectId,"
    f" name: $name}}) {{ {FIELDS} }} }}"
)
LIST_BULK = (
    "query($projectId: ID!) { bulkImportRequests(where: {projectId: $projectId})"
    f" {{ {FIELDS} }} }}"
)
DELETE_BULK = "mutation($id: ID!) { deleteBulkImportRequest(where: {id: $id}) { id name } }"
PREDICTIONS = "query($id: ID!) { project(where: {id: $id}) { predictions { id uuid annotation } } }"

Owner = Mapping[str, str]
Check = Callable[[Api, Any], None]


def mal_objects(api: Api, project_id: str, row_id: str, tool_id: str) -> dict[str, str]:
    """The owner's finished MAL import ("owned-mal") and bulk import request."""
    box = {"top": 1, "left": 1, "height": 1, "width": 1}
    line = {"uuid": str(uuid.uuid4()), "dataRow": {"id": row_id}, "schemaId": tool_id, "bbox": box}
    url = api.upload(json.dumps(line).encode(), "mal.ndjson", "application/x-ndjson")
    api.data(CREATE_MAL, {"projectId": project_id, "name": "owned-mal", "fileUrl": url})
    bulk = api.data(CREATE_BULK, {"projectId": project_id, "name": "owned-bulk", "fileUrl": url})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = api.data(GET_BULK, {"id": bulk["createBulkImportRequest"]["id"]})
        mal = api.data(GET_MAL, {"projectId": project_id, "name": "owned-mal"})
        if "RUNNING" not in (
            state["bulkImportRequest"]["state"],
            mal["modelAssistedLabelingPredictionImport"]["state"],
        ):
            break
        time.sleep(0.05)
    return {"bulk": bulk["createBulkImportRequest"]["id"], "mal_url": url}


def mal_snapshot(owner: Any) -> dict[str, Any]:
    api: Api = owner.api
    project = {"projectId": owner["project"]}
    return {
        "mal": api.data(GET_MAL, {**project, "name": "owned-mal"}),
        "bulk": api.data(GET_BULK, {"id": owner["bulk"]}),
        "bulks": api.data(LIST_BULK, project),
        "predictions": api.data(PREDICTIONS, {"id": owner["project"]}),
    }


def _not_found(document: str, variables: Callable[[Any], dict[str, Any]]) -> Check:
    def check(intruder: Api, owner: Any) -> None:
        assert intruder.error_codes(document, variables(owner)) == NOT_FOUND

    return check


def _create(document: str) -> Check:
    def check(intruder: Api, owner: Any) -> None:
        variables = {"projectId": owner["project"], "name": "stolen", "fileUrl": owner["mal_url"]}
        assert intruder.error_codes(document, variables) == NOT_FOUND

    return check


def _bulk_by_id_and_name(intruder: Api, owner: Any) -> None:
    assert intruder.error_codes(GET_BULK, {"id": owner["bulk"]}) == NOT_FOUND
    by_name = {"projectId": owner["project"], "name": "owned-bulk"}
    assert intruder.error_codes(GET_BULK_BY_NAME, by_name) == NOT_FOUND


MAL_CASES: dict[str, Check] = {
    "Query.modelAssistedLabelingPredictionImport": _not_found(
        GET_MAL, lambda o: {"projectId": o["project"], "name": "owned-mal"}
    ),
    "Query.bulkImportRequest": _bulk_by_id_and_name,
    "Query.bulkImportRequests": _not_found(LIST_BULK, lambda o: {"projectId": o["project"]}),
    "Mutation.createModelAssistedLabelingPredictionImport": _create(CREATE_MAL),
    "Mutation.createBulkImportRequest": _create(CREATE_BULK),
    "Mutation.deleteBulkImportRequest": _not_found(DELETE_BULK, lambda o: {"id": o["bulk"]}),
}
