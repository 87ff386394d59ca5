"""Changing data rows after they are made: update, delete, attachments, and deleting their
dataset."""

from __future__ import annotations

import json

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import (
    IMAGE_URL,
    PDF,
    TAG_SCHEMA_ID,
    create_dataset,
    create_row,
    row_count,
)


def test_update_data_row(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL, external_id="old")
    updated = api.data(docs.UPDATE_DATA_ROW, {"externalId": "new", "DataRowId": row["id"]})[
        "updateDataRow"
    ]
    assert updated["externalId"] == "new" and updated["rowData"] == IMAGE_URL
    assert updated["updatedAt"] >= row["updatedAt"]
    update = (
        "mutation($id: ID!, $data: DataRowUpdateInput!) { updateDataRow(where: {id: $id}, "
        f"data: $data) {{ {docs.DATA_ROW_SEL} mediaType }} }}"
    )
    tiled_pdf = {"pdfUrl": PDF["pdfUrl"], "tileLayerUrl": "https://x/tiles.json"}
    pdf = api.data(update, {"id": row["id"], "data": {"rowData": json.dumps(tiled_pdf)}})
    assert pdf["updateDataRow"]["rowData"] == PDF["pdfUrl"]
    assert pdf["updateDataRow"]["mediaAttributes"]["tileLayerUrl"] == "https://x/tiles.json"
    assert pdf["updateDataRow"]["mediaType"] == "PDF"
    changed = api.data(
        update,
        {
            "id": row["id"],
            "data": {
                "globalKey": unique + "k|1",
                "rowData": "https://x/v.mp4",
                "mediaType": "VIDEO",
                "metadataFields": [{"schemaId": TAG_SCHEMA_ID, "value": "t1"}],
            },
        },
    )["updateDataRow"]
    assert changed["globalKey"] == unique + "k_1" and changed["mediaType"] == "VIDEO"
    assert changed["customMetadata"] == [{"schemaId": TAG_SCHEMA_ID, "value": "t1"}]
    again = api.data(
        update,
        {"id": row["id"], "data": {"metadataFields": [{"schemaId": TAG_SCHEMA_ID, "value": "t2"}]}},
    )["updateDataRow"]
    assert again["customMetadata"] == [{"schemaId": TAG_SCHEMA_ID, "value": "t2"}]
    other = create_row(api, dataset, IMAGE_URL)
    assert api.error_codes(update, {"id": other["id"], "data": {"globalKey": unique + "k|1"}}) == [
        "RESOURCE_CONFLICT"
    ]
    assert api.error_codes(update, {"id": row["id"], "data": {"rowData": None}}) == [
        "MALFORMED_REQUEST"
    ]
    missing = "cmissing00000000000000000"
    assert api.error_codes(docs.UPDATE_DATA_ROW, {"externalId": "x", "DataRowId": missing}) == [
        "RESOURCE_NOT_FOUND"
    ]


def test_delete_data_rows(api: Api, other_api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    rows = [create_row(api, dataset, IMAGE_URL, external_id=unique + str(i)) for i in range(3)]
    theirs = create_row(other_api, create_dataset(other_api, unique + "o"), IMAGE_URL)
    ids = [rows[0]["id"], rows[1]["id"], theirs["id"], "cunknown000000000000000000"]
    deleted = api.data(docs.delete_data_rows(ids))["deleteDataRows"]
    assert sorted(d["id"] for d in deleted) == sorted(ids[:2])
    assert row_count(api, dataset) == 1
    assert api.data(docs.delete_data_rows(ids))["deleteDataRows"] == []  # already gone
    assert api.error_codes(docs.GET_DATA_ROW, {"param_0": rows[0]["id"]}) == ["RESOURCE_NOT_FOUND"]
    listed = api.data(docs.GET_DATASET_DATA_ROWS, {"param_0": dataset})["dataset"]["dataRows"]
    assert [r["id"] for r in listed] == [rows[2]["id"]]
    with_deleted = api.data(
        "query($id: ID!) { dataset(where: {id: $id}) { dataRows(where: {deleted: true}) { id } } }",
        {"id": dataset},
    )["dataset"]["dataRows"]
    assert sorted(r["id"] for r in with_deleted) == sorted(ids[:2])
    found = api.data(
        docs.EXTERNAL_IDS_TO_DATA_ROW_IDS, {"externalId_in": [unique + "0", unique + "2"]}
    )
    assert found["externalIdsToDataRowIds"] == [
        {"dataRowId": rows[2]["id"], "externalId": unique + "2"}
    ]
    assert other_api.data(docs.GET_DATA_ROW, {"param_0": theirs["id"]})["dataRow"]["id"]


def test_attachments(api: Api, other_api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL)
    created = api.data(
        docs.CREATE_DATA_ROW_ATTACHMENT,
        {"type": "TEXT_URL", "value": "https://x/t.txt", "dataRowId": row["id"]},
    )["createDataRowAttachment"]
    assert (created["type"], created["value"]) == ("TEXT_URL", "https://x/t.txt")
    listed = api.data(docs.GET_DATA_ROW_ATTACHMENTS, {"param_0": row["id"]})["dataRow"][
        "attachments"
    ]
    assert listed == [created]
    assert other_api.error_codes(
        docs.CREATE_DATA_ROW_ATTACHMENT, {"type": "IMAGE", "value": "v", "dataRowId": row["id"]}
    ) == ["RESOURCE_NOT_FOUND"]
    assert other_api.error_codes(
        docs.DELETE_DATA_ROW_ATTACHMENT, {"attachment_id": created["id"]}
    ) == ["RESOURCE_NOT_FOUND"]
    assert api.error_codes(
        docs.CREATE_DATA_ROW_ATTACHMENT, {"type": "IMAGE", "value": "", "dataRowId": row["id"]}
    ) == ["MALFORMED_REQUEST"]
    assert api.data(docs.DELETE_DATA_ROW_ATTACHMENT, {"attachment_id": created["id"]}) == {
        "deleteDataRowAttachment": {"id": created["id"]}
    }
    assert api.data(docs.GET_DATA_ROW_ATTACHMENTS, {"param_0": row["id"]})["dataRow"] == {
        "attachments": []
    }
    assert api.error_codes(docs.DELETE_DATA_ROW_ATTACHMENT, {"attachment_id": created["id"]}) == [
        "RESOURCE_NOT_FOUND"
    ]


def test_deleting_a_dataset_deletes_its_rows(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL, external_id=unique + "x", global_key=unique + "x")
    api.data(docs.DELETE_DATASET, {"DatasetId": dataset})
    assert api.error_codes(docs.GET_DATA_ROW, {"param_0": row["id"]}) == ["RESOURCE_NOT_FOUND"]
    found = api.data(docs.EXTERNAL_IDS_TO_DATA_ROW_IDS, {"externalId_in": [unique + "x"]})
    assert found == {"externalIdsToDataRowIds": []}
    assert api.data(docs.delete_data_rows([row["id"]])) == {"deleteDataRows": []}
