"""Isolation cases of the core root fields (used by `test_isolation_every_field`): users,
organizations, roles, projects, datasets, data rows, attachments, metadata, tasks, global
keys and uploads; one case per field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import TAG_SCHEMA_ID
from .isolation_common import (
    CREATE_PROJECT,
    NOT_FOUND,
    Check,
    Owner,
    no_variables,
    not_found,
    returns,
)


def _none_of(owner: Owner, items: list[dict[str, Any]], *names: str) -> bool:
    found = {item["id"] for item in items}
    return found.isdisjoint({owner[name] for name in names})


def _lookup_result(intruder: Api, job_id: str) -> dict[str, Any]:
    result: dict[str, Any] = intruder.data(
        docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS_RESULT, {"jobId": job_id}
    )["dataRowsForGlobalKeysResult"]["data"]
    return result


def _check_lookup(intruder: Api, owner: Owner) -> None:
    job = intruder.data(docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS, {"globalKeys": ["owned-key"]})
    data = _lookup_result(intruder, job["dataRowsForGlobalKeys"]["jobId"])
    assert data["fetchedDataRows"] == [{"id": ""}]
    assert data["notFoundGlobalKeys"] == ["owned-key"]


def _check_upload(intruder: Api, owner: Owner) -> None:
    url = intruder.upload(b"mine", "mine.txt", "text/plain")
    assert url != owner["descriptor"]
    assert intruder.client.get(url).content == b"mine"


def _check_create_project(intruder: Api, owner: Owner) -> None:
    project_id = intruder.data(CREATE_PROJECT, {"name": "owned"})["createProject"]["id"]
    assert owner.api.error_codes(docs.GET_PROJECT, {"param_0": project_id}) == NOT_FOUND


def _check_tasks(intruder: Api, owner: Owner) -> None:
    for name in ("import", "export"):
        assert intruder.error_codes(docs.GET_TASK, {"taskId": owner[name]}) == NOT_FOUND


def _check_assign(intruder: Api, owner: Owner) -> None:
    links = [{"dataRowId": owner["row"], "globalKey": "stolen"}]
    job = intruder.data(docs.ASSIGN_GLOBAL_KEYS, {"globalKeyDataRowLinks": links})
    result = intruder.data(
        docs.ASSIGN_GLOBAL_KEYS_RESULT, {"jobId": job["assignGlobalKeysToDataRows"]["jobId"]}
    )["assignGlobalKeysToDataRowsResult"]["data"]
    assert result["accessDeniedAssignments"] == links
    assert result["sanitizedAssignments"] == result["unmodifiedAssignments"] == []


def _check_clear(intruder: Api, owner: Owner) -> None:
    job = intruder.data(docs.CLEAR_GLOBAL_KEYS, {"globalKeys": ["owned-key"]})
    result = intruder.data(
        docs.CLEAR_GLOBAL_KEYS_RESULT, {"jobId": job["clearGlobalKeys"]["jobId"]}
    )["clearGlobalKeysResult"]["data"]
    assert result["clearedGlobalKeys"] == []
    assert result["notFoundGlobalKeys"] == ["owned-key"]


def _failed_rows(field: str) -> Callable[[dict[str, Any], Owner], bool]:
    def expect(data: dict[str, Any], owner: Owner) -> bool:
        failures = [(item["dataRowId"], item["error"]) for item in data[field]]
        return failures == [(owner["row"], "Data row not found")]

    return expect


CORE_CASES: dict[str, Check] = {
    # -- Query ---------------------------------------------------------------------------
    "Query.user": not_found(docs.GET_USER_BY_ID, lambda o: {"param_0": o["user"]}),
    "Query.organization": returns(
        "{ organization { id users { id } projects { id } } }",
        no_variables,
        lambda d, o: (
            d["organization"]["id"] != o["organization"]
            and _none_of(o, d["organization"]["users"], "user")
            and _none_of(o, d["organization"]["projects"], "project")
        ),
    ),
    "Query.roles": returns(
        "{ roles { id name } }",
        no_variables,
        lambda d, o: d["roles"] == o.api.data("{ roles { id name } }")["roles"],  # global
    ),
    "Query.iamIntegrations": returns(
        "{ iamIntegrations { id } }", no_variables, lambda d, o: d["iamIntegrations"] == []
    ),
    "Query.project": not_found(docs.GET_PROJECT, lambda o: {"param_0": o["project"]}),
    "Query.projects": returns(
        '{ projects(where: {name: "owned"}) { id } all: projects { id } }',
        no_variables,
        lambda d, o: _none_of(o, d["projects"] + d["all"], "project"),
    ),
    "Query.dataset": not_found(docs.GET_DATASET, lambda o: {"param_0": o["dataset"]}),
    "Query.datasets": returns(
        "{ datasets { id } }", no_variables, lambda d, o: _none_of(o, d["datasets"], "dataset")
    ),
    "Query.labelingFrontends": returns(
        "{ labelingFrontends { id } }",
        no_variables,
        lambda d, o: _none_of(o, d["labelingFrontends"], "frontend"),
    ),
    "Query.dataRow": not_found(docs.GET_DATA_ROW, lambda o: {"param_0": o["row"]}),
    "Query.datasetDataRows": not_found(
        "query($id: ID!) { datasetDataRows(id: $id) { nodes { id } } }",
        lambda o: {"id": o["dataset"]},
    ),
    "Query.externalIdsToDataRowIds": returns(
        docs.EXTERNAL_IDS_TO_DATA_ROW_IDS,
        lambda o: {"externalId_in": ["owned-external"]},
        lambda d, o: d["externalIdsToDataRowIds"] == [],
    ),
    "Query.task": _check_tasks,
    "Query.customMetadataOntology": returns(
        docs.GET_METADATA_ONTOLOGY,
        no_variables,
        lambda d, o: _none_of(o, d["customMetadataOntology"], "schema"),
    ),
    "Query.dataRowCustomMetadata": returns(
        "query($ids: [ID!]!) { dataRowCustomMetadata(where: {dataRowIds: $ids})"
        " { dataRowId error fields { schemaId value } } }",
        lambda o: {"ids": [o["row"]]},
        lambda d, o: (
            d["dataRowCustomMetadata"]
            == [{"dataRowId": o["row"], "error": "Data row not found", "fields": []}]
        ),
    ),
    "Query.assignGlobalKeysToDataRowsResult": not_found(
        docs.ASSIGN_GLOBAL_KEYS_RESULT, lambda o: {"jobId": o["assign"]}
    ),
    "Query.dataRowsForGlobalKeys": _check_lookup,
    "Query.dataRowsForGlobalKeysResult": not_found(
        docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS_RESULT, lambda o: {"jobId": o["lookup"]}
    ),
    "Query.clearGlobalKeysResult": not_found(
        docs.CLEAR_GLOBAL_KEYS_RESULT, lambda o: {"jobId": o["clear"]}
    ),
    # -- Mutation ------------------------------------------------------------------------
    "Mutation.createProject": _check_create_project,
    "Mutation.updateProject": not_found(
        'mutation($id: ID!) { updateProject(where: {id: $id}, data: {name: "stolen"}) { id } }',
        lambda o: {"id": o["project"]},
    ),
    "Mutation.createDataset": not_found(
        docs.CREATE_DATASET, lambda o: {"name": "x", "projects": o["project"]}
    ),
    "Mutation.updateDataset": not_found(
        docs.UPDATE_DATASET, lambda o: {"name": "stolen", "DatasetId": o["dataset"]}
    ),
    "Mutation.uploadFile": _check_upload,
    "Mutation.createDataRow": not_found(
        docs.CREATE_DATA_ROW,
        lambda o: {"row_data": "https://x.example/k.jpg", "dataset": o["dataset"]},
    ),
    "Mutation.updateDataRow": not_found(
        docs.UPDATE_DATA_ROW, lambda o: {"externalId": "stolen", "DataRowId": o["row"]}
    ),
    "Mutation.deleteDataRows": returns(
        "mutation($ids: [ID!]!) { deleteDataRows(where: {dataRowIds: $ids}) { id } }",
        lambda o: {"ids": [o["row"]]},
        lambda d, o: d["deleteDataRows"] == [],
    ),
    "Mutation.appendRowsToDataset": not_found(
        docs.APPEND_ROWS, lambda o: {"datasetId": o["dataset"], "jsonUrl": o["descriptor"]}
    ),
    "Mutation.appendRowsToDatasetSync": not_found(
        docs.APPEND_ROWS_SYNC, lambda o: {"datasetId": o["dataset"], "jsonUrl": o["descriptor"]}
    ),
    "Mutation.createDataRowAttachment": not_found(
        docs.CREATE_DATA_ROW_ATTACHMENT,
        lambda o: {"type": "RAW_TEXT", "value": "x", "dataRowId": o["row"]},
    ),
    "Mutation.deleteDataRowAttachment": not_found(
        docs.DELETE_DATA_ROW_ATTACHMENT, lambda o: {"attachment_id": o["attachment"]}
    ),
    "Mutation.exportDatasetDataRows": not_found(
        docs.EXPORT_DATASET_DATA_ROWS,
        lambda o: {"datasetId": o["dataset"], "includeMetadataInput": True},
    ),
    "Mutation.upsertCustomMetadataSchema": not_found(
        docs.UPSERT_METADATA_SCHEMA,
        lambda o: {"data": {"id": o["schema"], "name": "stolen", "kind": "CustomMetadataString"}},
    ),
    "Mutation.deleteCustomMetadataSchema": not_found(
        docs.DELETE_METADATA_SCHEMA, lambda o: {"where": {"id": o["schema"]}}
    ),
    "Mutation.upsertDataRowCustomMetadata": returns(
        docs.UPSERT_DATA_ROW_METADATA,
        lambda o: {
            "metadata": [
                {"dataRowId": o["row"], "fields": [{"schemaId": TAG_SCHEMA_ID, "value": "stolen"}]}
            ]
        },
        _failed_rows("upsertDataRowCustomMetadata"),
    ),
    "Mutation.deleteDataRowCustomMetadata": returns(
        docs.DELETE_DATA_ROW_METADATA,
        lambda o: {"deletes": [{"dataRowId": o["row"], "schemaIds": [o["schema"]]}]},
        _failed_rows("deleteDataRowCustomMetadata"),
    ),
    "Mutation.assignGlobalKeysToDataRows": _check_assign,
    "Mutation.clearGlobalKeys": _check_clear,
}
