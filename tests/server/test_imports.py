"""Imports: `appendRowsToDataset` (a task and a job) and `appendRowsToDatasetSync`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import (
    CONVERSATION,
    EMBEDDING_SCHEMA_ID,
    IMAGE_URL,
    PDF,
    SPLIT_SCHEMA_ID,
    TAG_SCHEMA_ID,
    TEST_OPTION_ID,
    TILED,
    create_dataset,
    create_row,
    get_task,
    import_rows,
    my_id,
    row_count,
    start_import,
    upload_descriptor,
    wait_task,
)

DUPLICATE_KEYS = "Data rows contain empty string or duplicate global keys, which are not allowed"


def test_import_every_kind_of_element(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    embedding = [0.5] * 128
    rows: list[dict[str, Any]] = [
        {
            "row_data": IMAGE_URL,
            "external_id": "img",
            "global_key": unique + "img<1>",
            "media_type": "IMAGE",
            "metadata_fields": [
                {"schemaId": TAG_SCHEMA_ID, "value": "t"},
                {"schemaId": SPLIT_SCHEMA_ID, "value": {}},
                {"schemaId": TEST_OPTION_ID, "value": {}},
                {"schemaId": EMBEDDING_SCHEMA_ID, "value": embedding},
            ],
            "attachments": [{"type": "RAW_TEXT", "value": "note", "name": "ignored"}],
        },
        {"row_data": "inline text", "external_id": "txt"},
        {"row_data": PDF, "external_id": "pdf"},
        {"row_data": TILED, "media_type": "TMS_SIMPLE", "external_id": "tiled"},
        {**TILED, "media_type": "TMS_SIMPLE", "externalId": "legacy-tiled"},
        {"row_data": CONVERSATION, "media_type": "CONVERSATIONAL", "external_id": "conv"},
        {"conversationalData": CONVERSATION["messages"], "externalId": "legacy-conv"},
    ]
    task, result = import_rows(api, dataset, rows)
    assert task["status"] == "COMPLETE" and task["name"] == "JSON Import"
    assert task["completionPercentage"] == 100
    assert result["errors"] == [] and result["error"] is None
    created = result["createdDataRows"]
    assert [r["externalId"] for r in created] == [
        "img", "txt", "pdf", "tiled", "legacy-tiled", "conv", "legacy-conv"
    ]  # fmt: skip
    assert set(created[0]) == {"id", "externalId", "rowData", "globalKey"}
    assert created[0]["globalKey"] == unique + "img_1_"
    by_ext = {r["externalId"]: r for r in created}
    assert by_ext["pdf"]["rowData"] == PDF["pdfUrl"]
    assert json.loads(by_ext["tiled"]["rowData"]) == TILED
    assert json.loads(by_ext["legacy-tiled"]["rowData"]) == TILED
    for conv in ("conv", "legacy-conv"):
        assert api.client.get(by_ext[conv]["rowData"]).json() == CONVERSATION
    assert row_count(api, dataset) == len(rows)
    image = api.data(docs.GET_DATA_ROW, {"param_0": by_ext["img"]["id"]})["dataRow"]
    assert {m["schemaId"] for m in image["customMetadata"]} == {
        TAG_SCHEMA_ID, SPLIT_SCHEMA_ID, TEST_OPTION_ID, EMBEDDING_SCHEMA_ID
    }  # fmt: skip
    split = next(f for f in image["metadataFields"] if f["name"] == "split")
    assert split["value"] == "test"
    attachments = api.data(docs.GET_DATA_ROW_ATTACHMENTS, {"param_0": image["id"]})
    assert [(a["type"], a["value"]) for a in attachments["dataRow"]["attachments"]] == [
        ("RAW_TEXT", "note")
    ]
    kinds = api.data(
        "query($id: ID!) { dataset(where: {id: $id}) { dataRows { externalId mediaType } } }",
        {"id": dataset},
    )["dataset"]["dataRows"]
    assert {r["externalId"]: r["mediaType"] for r in kinds} == {
        "img": "IMAGE",
        "txt": "TEXT",
        "pdf": "PDF",
        "tiled": "TMS_SIMPLE",
        "legacy-tiled": "TMS_SIMPLE",
        "conv": "CONVERSATIONAL",
        "legacy-conv": "CONVERSATIONAL",
    }


def test_append_is_idempotent(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    url = upload_descriptor(api, [{"row_data": IMAGE_URL}, {"row_data": "x"}])
    first = api.data(docs.APPEND_ROWS, {"datasetId": dataset, "jsonUrl": url})
    second = api.data(docs.APPEND_ROWS, {"datasetId": dataset, "jsonUrl": url})
    assert first == second
    assert first["appendRowsToDataset"]["errorMessage"] is None
    wait_task(api, first["appendRowsToDataset"]["taskId"])
    third = api.data(docs.APPEND_ROWS, {"datasetId": dataset, "jsonUrl": url})
    assert third == first
    assert row_count(api, dataset) == 2
    # The same descriptor for another dataset is another import.
    other = create_dataset(api, unique + "e")
    fourth = api.data(docs.APPEND_ROWS, {"datasetId": other, "jsonUrl": url})
    assert fourth["appendRowsToDataset"]["taskId"] != first["appendRowsToDataset"]["taskId"]
    wait_task(api, fourth["appendRowsToDataset"]["taskId"])
    assert row_count(api, other) == 2


def failed_import(api: Api, dataset: str, rows: list[Any]) -> dict[str, Any]:
    task, result = import_rows(api, dataset, rows)
    assert task["status"] == "FAILED", result
    assert task["name"] == "JSON Import"
    assert result["createdDataRows"] == []
    assert row_count(api, dataset) == 0
    return result


def test_duplicate_and_empty_global_keys_fail_the_whole_import(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    rows = [
        {"row_data": IMAGE_URL, "global_key": unique + "dup"},
        {"row_data": IMAGE_URL, "global_key": unique + "ok"},
        {"row_data": IMAGE_URL, "global_key": unique + "dup"},
        {"row_data": IMAGE_URL, "global_key": "", "external_id": "empty"},
    ]
    result = failed_import(api, dataset, rows)
    assert result["error"] == DUPLICATE_KEYS
    assert [e["index"] for e in result["errors"]] == [0, 2, 3]
    assert result["errors"][2]["external_id"] == "empty"
    assert all(e["message"] for e in result["errors"])
    # A key used by an existing row of the organization.
    create_row(api, create_dataset(api, unique + "e"), IMAGE_URL, global_key=unique + "used")
    result = failed_import(
        api,
        dataset,
        [{"row_data": IMAGE_URL}, {"row_data": IMAGE_URL, "global_key": unique + "used"}],
    )
    assert result["error"] == DUPLICATE_KEYS
    assert [(e["index"], e["global_key"]) for e in result["errors"]] == [(1, unique + "used")]


def test_invalid_media_type_and_contents(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    result = failed_import(
        api,
        dataset,
        [{"row_data": IMAGE_URL}, {"row_data": IMAGE_URL, "media_type": "totallyinvalid"}],
    )
    assert result["error"] == {"message": "Found invalid media type: 'totallyinvalid'"}
    assert [e["index"] for e in result["errors"]] == [1]
    for content in (CONVERSATION, {"invalid_object": "x"}):
        result = failed_import(api, dataset, [{"row_data": content, "media_type": "IMAGE"}])
        assert result["error"] == {"message": "Found invalid contents for media type: 'IMAGE'"}


@pytest.mark.parametrize(
    "bad",
    [
        {"metadata_fields": [{"schemaId": EMBEDDING_SCHEMA_ID, "value": [0.0] * 128}] * 2},
        {"metadata_fields": [{"schemaId": "cunknown000000000000000000", "value": "x"}]},
        {"metadata_fields": [{"schemaId": EMBEDDING_SCHEMA_ID, "value": [0.0] * 3}]},
        {"attachments": [{"type": "NOT_A_TYPE", "value": "x"}]},
        {"attachments": [{"type": "IMAGE", "value": ""}]},
        {"row_data": None},
        {"external_id": 5},
    ],
)
def test_invalid_rows_fail_the_whole_import(api: Api, unique: str, bad: dict[str, Any]) -> None:
    dataset = create_dataset(api, unique + "d")
    rows: list[Any] = [{"row_data": IMAGE_URL}, {"row_data": IMAGE_URL, **bad}, {"row_data": "ok"}]
    result = failed_import(api, dataset, rows)
    assert result["error"] == "Data rows contain invalid values; no data rows were created"
    assert [e["index"] for e in result["errors"]] == [1]


def test_every_bad_row_is_reported(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    rows: list[Any] = [{"row_data": IMAGE_URL, "attachments": "nope"} for _ in range(5)]
    rows.insert(2, "not an object")
    result = failed_import(api, dataset, [*rows, {"row_data": IMAGE_URL}])
    assert [e["index"] for e in result["errors"]] == [0, 1, 2, 3, 4, 5]


def test_unreadable_descriptors_fail_with_a_reason(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    not_json = api.upload(b"{not json", "d.json", "application/json")
    not_array = api.upload(b'{"row_data": "x"}', "d.json", "application/json")
    unreachable = "http://127.0.0.1:9/descriptor.json"
    for url, reason in (
        (not_json, "not valid JSON"),
        (not_array, "JSON array"),
        (unreachable, "Could not download"),
        (not_json.replace("signature=", "signature=00"), "HTTP 403"),
    ):
        task_id = api.data(docs.APPEND_ROWS, {"datasetId": dataset, "jsonUrl": url})[
            "appendRowsToDataset"
        ]["taskId"]
        task = wait_task(api, task_id)
        assert task["status"] == "FAILED"
        errors = api.data("query($id: ID!) { task(where: {id: $id}) { errors } }", {"id": task_id})
        assert reason in errors["task"]["errors"]
        assert reason in api.client.get(task["result"]).json()["error"]


def test_sync_import(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    rows = [
        {
            "row_data": IMAGE_URL,
            "global_key": unique + f"s{i}",
            "attachments": [{"type": "IMAGE", "value": "v"}] * 5,
        }
        for i in range(3)
    ]
    url = upload_descriptor(api, rows)
    result = api.data(docs.APPEND_ROWS_SYNC, {"datasetId": dataset, "jsonUrl": url})
    assert result == {"appendRowsToDatasetSync": {"dataset": {"id": dataset}}}
    assert row_count(api, dataset) == 3


@pytest.mark.parametrize(
    ("rows", "code", "message"),
    [
        ([{"row_data": IMAGE_URL}] * 1001, "MALFORMED_REQUEST", "1000"),
        ([{"row_data": IMAGE_URL, "attachments": [{"type": "IMAGE", "value": "v"}] * 6}], "MALFORMED_REQUEST", "5 attachments"),
        ([{"row_data": IMAGE_URL, "media_type": "totallyinvalid"}], "GRAPHQL_VALIDATION_FAILED", "Found invalid media type: 'totallyinvalid'"),
        ([{"row_data": CONVERSATION, "media_type": "IMAGE"}], "GRAPHQL_VALIDATION_FAILED", "Found invalid contents for media type: 'IMAGE'"),
        ([{"row_data": IMAGE_URL, "global_key": "k"}, {"row_data": "x", "global_key": "k"}], "MALFORMED_REQUEST", DUPLICATE_KEYS),
        ([{"row_data": IMAGE_URL, "metadata_fields": [{"schemaId": TAG_SCHEMA_ID, "value": "a"}] * 2}], "MALFORMED_REQUEST", "duplicate metadata"),
    ],
)  # fmt: skip
def test_sync_import_rejects(
    api: Api, unique: str, rows: list[Any], code: str, message: str
) -> None:
    dataset = create_dataset(api, unique + "d")
    url = upload_descriptor(api, [{"row_data": "fine"}, *rows])
    errors = api.errors(docs.APPEND_ROWS_SYNC, {"datasetId": dataset, "jsonUrl": url})
    assert errors[0]["extensions"]["code"] == code
    assert message in errors[0]["message"]
    assert row_count(api, dataset) == 0


def test_tasks_and_isolation(api: Api, other_api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    url = upload_descriptor(api, [{"row_data": IMAGE_URL}])
    for document in (docs.APPEND_ROWS, docs.APPEND_ROWS_SYNC):
        assert other_api.error_codes(document, {"datasetId": dataset, "jsonUrl": url}) == [
            "RESOURCE_NOT_FOUND"
        ]
    first = start_import(api, dataset, [{"row_data": IMAGE_URL}])
    second = start_import(api, dataset, [{"row_data": "x"}])
    wait_task(api, first)
    wait_task(api, second)
    task = get_task(api, first)
    assert set(task) == {
        "completionPercentage",
        "createdAt",
        "name",
        "result",
        "status",
        "id",
        "updatedAt",
    }
    listed = api.data(
        "query($id: ID!) { user(where: {id: $id}) { createdTasks { id createdBy { id } "
        "organization { id } } } }",
        {"id": my_id(api)},
    )["user"]["createdTasks"]
    ids = [t["id"] for t in listed]
    assert ids.index(first) < ids.index(second)  # oldest first
    assert {t["createdBy"]["id"] for t in listed} == {my_id(api)}
    newest = api.data(
        "query($id: ID!) { user(where: {id: $id}) { createdTasks(orderBy: createdAt_DESC, "
        'first: 1, where: {name: "JSON Import"}) { id } } }',
        {"id": my_id(api)},
    )["user"]["createdTasks"]
    assert newest == [{"id": second}]
    assert other_api.error_codes(docs.GET_TASK, {"taskId": first}) == ["RESOURCE_NOT_FOUND"]
    other_user = other_api.data(docs.GET_USER)["user"]["id"]
    theirs = other_api.data(docs.GET_USER_CREATED_TASKS, {"param_0": first, "param_1": other_user})
    assert theirs == {"user": {"createdTasks": []}}
