"""Data rows: create (row data kinds, media types, global keys, metadata, attachments),
read, update, delete, lists, external-id lookup, attachments, relationships."""

from __future__ import annotations

import json
from typing import Any

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import (
    CAPTURE_DATETIME_SCHEMA_ID,
    CONVERSATION,
    IMAGE_URL,
    SPLIT_SCHEMA_ID,
    TAG_SCHEMA_ID,
    TRAIN_OPTION_ID,
    create_dataset,
    create_row,
    row_count,
)
from .test_blobs import PNG_HEADER
from .test_projects import DATETIME, create_project

DATA_ROW_KEYS = {
    "createdAt",
    "externalId",
    "globalKey",
    "mediaAttributes",
    "customMetadata",
    "metadataFields",
    "rowData",
    "id",
    "updatedAt",
}
TILED = {
    "tileLayerUrl": "https://s3-us-west-1.amazonaws.com/lb-tiler-layers/mexico_city/{z}/{x}/{y}.png",
    "bounds": [[19.405662413477728, -99.21052827588443], [19.400498983095076, -99.20534818927473]],
    "minZoom": 12,
    "maxZoom": 20,
    "epsg": "EPSG4326",
    "alternativeLayers": [{"tileLayerUrl": "https://x/{z}/{x}/{y}.png", "name": "Satellite"}],
}
PDF = {"pdfUrl": "https://storage.example.com/doc.pdf", "textLayerUrl": "https://x/text.json"}


def media_type(api: Api, row_id: str) -> str:
    found: str = api.data(
        "query($id: ID!) { dataRow(where: {id: $id}) { mediaType } }", {"id": row_id}
    )["dataRow"]["mediaType"]
    return found


def test_create_data_row_from_url(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL, external_id="ext-1")
    assert set(row) == DATA_ROW_KEYS
    assert row["rowData"] == IMAGE_URL and row["externalId"] == "ext-1"
    assert row["globalKey"] is None
    assert row["mediaAttributes"] == {"mimeType": "image/jpeg"}
    assert row["customMetadata"] == [] and row["metadataFields"] == []
    assert DATETIME.match(row["createdAt"]) and row["createdAt"] == row["updatedAt"]
    assert media_type(api, row["id"]) == "IMAGE"
    assert api.data(docs.GET_DATA_ROW, {"param_0": row["id"]})["dataRow"] == row
    assert row_count(api, dataset) == 1


def test_relationships_labels_and_labeling_activity(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL)
    got = api.data(docs.GET_DATA_ROW_DATASET, {"param_0": row["id"]})["dataRow"]["dataset"]
    assert got == api.data(docs.GET_DATASET, {"param_0": dataset})["dataset"]
    assert got["rowCount"] == 1
    creator = api.data(docs.GET_DATA_ROW_CREATED_BY, {"param_0": row["id"]})["dataRow"]
    assert creator["createdBy"] == api.data(docs.GET_USER)["user"]
    org = api.data(docs.GET_DATA_ROW_ORGANIZATION, {"param_0": row["id"]})["dataRow"]
    assert org["organization"] == api.data(docs.GET_ORGANIZATION)["organization"]
    labels = api.data(docs.GET_DATA_ROW_LABELS, {"param_0": False, "param_1": row["id"]})
    assert labels == {"dataRow": {"labels": []}}
    project = create_project(api, unique + "p")
    activity = api.data(
        docs.GET_WINNING_LABEL_ID, {"dataRowId": row["id"], "projectId": project["id"]}
    )
    assert activity == {"dataRow": {"labelingActivity": {"selectedLabelId": None}}}


def test_inline_text_and_media_types(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    for text in ("123", "test", "some words, not a URL"):
        row = create_row(api, dataset, text)
        assert row["rowData"] == text
        assert media_type(api, row["id"]) == "TEXT"
    cases = {
        "https://x/a.mp4": ("VIDEO", "video/mp4"),
        "https://x/a.PDF": ("PDF", "application/pdf"),
        "https://x/a.txt": ("TEXT", "text/plain"),
        "https://x/a.html": ("HTML", "text/html"),
        "https://x/a.json": ("JSON", "application/json"),
        "gs://bucket/a.png": ("IMAGE", "image/png"),
        "https://x/a.mp3?sig=1": ("AUDIO", "audio/mpeg"),
    }
    for url, (kind, mime) in cases.items():
        row = create_row(api, dataset, url)
        assert (media_type(api, row["id"]), row["mediaAttributes"]) == (kind, {"mimeType": mime})
    given = create_row(api, dataset, "https://x/noextension", media_type="VIDEO")
    assert media_type(api, given["id"]) == "VIDEO"
    assert row_count(api, dataset) == 3 + len(cases) + 1


def test_uploaded_image_gets_its_size(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    url = api.upload(PNG_HEADER + b"\0" * 100)  # no name, no type: the bytes tell
    row = create_row(api, dataset, url)
    assert row["mediaAttributes"] == {"mimeType": "image/png", "width": 640, "height": 480}
    url = api.upload(b"not an image")
    row = create_row(api, dataset, url, media_type="IMAGE")
    assert row["mediaAttributes"] == {"mimeType": "application/octet-stream"}
    url = api.upload(PNG_HEADER + b"\0" * 100, "pic.png", "image/png")
    row = create_row(api, dataset, url)
    assert row["mediaAttributes"] == {"mimeType": "image/png", "width": 640, "height": 480}
    assert media_type(api, row["id"]) == "IMAGE"


def test_pdf_rows(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    for given in (None, "PDF"):
        row = create_row(api, dataset, json.dumps(PDF), media_type=given)
        assert row["rowData"] == PDF["pdfUrl"]
        assert row["mediaAttributes"]["textLayerUrl"] == PDF["textLayerUrl"]
        assert media_type(api, row["id"]) == "PDF"
    errors = api.errors(
        docs.CREATE_DATA_ROW,
        {"row_data": json.dumps(PDF), "media_type": "TEXT", "dataset": dataset},
    )
    assert errors[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "Found invalid contents for media type: 'TEXT'" in errors[0]["message"]
    assert row_count(api, dataset) == 2


def test_tiled_imagery(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    geo = create_row(api, dataset, json.dumps(TILED))
    assert json.loads(geo["rowData"]) == TILED
    assert media_type(api, geo["id"]) == "TMS_GEO"
    simple = create_row(api, dataset, json.dumps(TILED), media_type="TMS_SIMPLE")
    assert json.loads(simple["rowData"]) == TILED
    assert media_type(api, simple["id"]) == "TMS_SIMPLE"


def test_conversational_row_becomes_a_url(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    for given in (None, "CONVERSATIONAL"):
        row = create_row(api, dataset, json.dumps(CONVERSATION), media_type=given)
        assert row["rowData"].startswith("http")
        response = api.client.get(row["rowData"])
        assert response.status_code == 200 and response.json() == CONVERSATION
        assert response.headers["content-type"] == "application/json"
        assert media_type(api, row["id"]) == "CONVERSATIONAL"


def test_invalid_contents_for_a_media_type(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    for content in ({"invalid_object": "x"}, CONVERSATION, TILED, PDF):
        errors = api.errors(
            docs.CREATE_DATA_ROW,
            {"row_data": json.dumps(content), "media_type": "IMAGE", "dataset": dataset},
        )
        assert errors[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
        assert "Found invalid contents for media type: 'IMAGE'" in errors[0]["message"]
    unknown = api.errors(
        docs.CREATE_DATA_ROW, {"row_data": IMAGE_URL, "media_type": "UNKNOWN", "dataset": dataset}
    )
    assert unknown[0]["message"] == "Found invalid media type: 'UNKNOWN'"
    assert api.error_codes(
        docs.CREATE_DATA_ROW, {"row_data": IMAGE_URL, "media_type": "BOGUS", "dataset": dataset}
    ) == ["GRAPHQL_VALIDATION_FAILED"]
    # No media type: an unknown object is just text.
    plain = create_row(api, dataset, '{"a": 1}')
    assert plain["rowData"] == '{"a": 1}'
    assert row_count(api, dataset) == 1


def test_global_keys_on_create(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL, global_key=unique + 'a"<>\\{}|b')
    assert row["globalKey"] == unique + "a_______b"
    taken = api.errors(
        docs.CREATE_DATA_ROW,
        {"row_data": IMAGE_URL, "global_key": unique + "a_______b", "dataset": dataset},
    )
    assert taken[0]["extensions"]["code"] == "RESOURCE_CONFLICT"
    for bad in ("", "k" * 201):
        codes = api.error_codes(
            docs.CREATE_DATA_ROW, {"row_data": IMAGE_URL, "global_key": bad, "dataset": dataset}
        )
        assert codes == ["MALFORMED_REQUEST"]
    assert create_row(api, dataset, IMAGE_URL, global_key="k" * 200)["globalKey"] == "k" * 200
    assert row_count(api, dataset) == 2


def test_create_with_metadata_and_attachments(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    fields = [
        {"schemaId": TAG_SCHEMA_ID, "value": "a tag"},
        {"schemaId": SPLIT_SCHEMA_ID, "value": {}},
        {"schemaId": TRAIN_OPTION_ID, "value": {}},
        {"schemaId": CAPTURE_DATETIME_SCHEMA_ID, "value": "2023-01-02T03:04:05+00:00Z"},
    ]
    attachments = [
        {"type": "RAW_TEXT", "value": "hello"},
        {"type": "IMAGE", "value": "https://x/att.png"},
    ]
    row = create_row(api, dataset, IMAGE_URL, metadata_fields=fields, attachments=attachments)
    stored = {m["schemaId"]: m["value"] for m in row["customMetadata"]}
    assert stored == {
        TAG_SCHEMA_ID: "a tag",
        SPLIT_SCHEMA_ID: {},
        TRAIN_OPTION_ID: {},
        CAPTURE_DATETIME_SCHEMA_ID: "2023-01-02T03:04:05Z",
    }
    logical = sorted(row["metadataFields"], key=lambda f: f["name"])
    assert logical == [
        {"schemaId": CAPTURE_DATETIME_SCHEMA_ID, "name": "captureDateTime",
         "value": "2023-01-02T03:04:05Z", "kind": "CustomMetadataDateTime"},
        {"schemaId": SPLIT_SCHEMA_ID, "name": "split", "value": "train",
         "kind": "CustomMetadataEnum"},
        {"schemaId": TAG_SCHEMA_ID, "name": "tag", "value": "a tag",
         "kind": "CustomMetadataString"},
    ]  # fmt: skip
    got = api.data(docs.GET_DATA_ROW_ATTACHMENTS, {"param_0": row["id"]})["dataRow"]["attachments"]
    assert [(a["type"], a["value"]) for a in got] == [
        ("RAW_TEXT", "hello"),
        ("IMAGE", "https://x/att.png"),
    ]


def test_create_rejects_bad_metadata_and_attachments(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    bad_inputs: list[dict[str, Any]] = [
        {"metadata_fields": [{"schemaId": TAG_SCHEMA_ID, "value": "a"}] * 2},
        {"metadata_fields": [{"schemaId": "cunknown000000000000000000", "value": "a"}]},
        {"metadata_fields": [{"schemaId": TAG_SCHEMA_ID, "value": 5}]},
        {"metadata_fields": [{"schemaId": SPLIT_SCHEMA_ID, "value": {}}]},
        {"attachments": [{"type": "IMAGE", "value": ""}]},
    ]
    for extra in bad_inputs:
        codes = api.error_codes(
            docs.CREATE_DATA_ROW, {"row_data": IMAGE_URL, "dataset": dataset, **extra}
        )
        assert codes == ["MALFORMED_REQUEST"], extra
    assert api.error_codes(docs.CREATE_DATA_ROW, {"row_data": "", "dataset": dataset}) == [
        "MALFORMED_REQUEST"
    ]
    assert row_count(api, dataset) == 0


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


def test_dataset_data_rows_filter_and_order(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    for ext in ("b", "a", "c", "a"):
        create_row(api, dataset, IMAGE_URL, external_id=ext)
    create_row(api, dataset, IMAGE_URL)
    by_ext = api.data(
        docs.GET_DATASET_DATA_ROWS_BY_EXTERNAL_ID, {"param_0": "a", "param_1": dataset}
    )
    assert [r["externalId"] for r in by_ext["dataset"]["dataRows"]] == ["a", "a"]
    ordered = api.data(
        "query($id: ID!, $o: DataRowOrderByInput) { dataset(where: {id: $id}) { "
        "dataRows(orderBy: $o) { externalId } } }",
        {"id": dataset, "o": "externalId_DESC"},
    )["dataset"]["dataRows"]
    assert [r["externalId"] for r in ordered] == ["c", "b", "a", "a", None]
    page = api.data(
        "query($id: ID!) { dataset(where: {id: $id}) { dataRows(skip: 1, first: 2, "
        "orderBy: externalId_ASC, where: {externalId_not: null}) { externalId } } }",
        {"id": dataset},
    )["dataset"]["dataRows"]
    assert [r["externalId"] for r in page] == ["a", "b"]
    plain = api.data(docs.GET_DATASET_DATA_ROWS, {"param_0": dataset})["dataset"]["dataRows"]
    assert len(plain) == 5 and all(set(r) == DATA_ROW_KEYS for r in plain)


def test_external_ids_to_data_row_ids(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    first = create_row(api, dataset, IMAGE_URL, external_id=unique + "same")
    second = create_row(api, dataset, IMAGE_URL, external_id=unique + "same")
    other = create_row(api, create_dataset(api, unique + "e"), IMAGE_URL, external_id=unique + "x")
    found = api.data(
        docs.EXTERNAL_IDS_TO_DATA_ROW_IDS,
        {"externalId_in": [unique + "x", unique + "same", unique + "none"]},
    )["externalIdsToDataRowIds"]
    assert found == [
        {"dataRowId": first["id"], "externalId": unique + "same"},
        {"dataRowId": second["id"], "externalId": unique + "same"},
        {"dataRowId": other["id"], "externalId": unique + "x"},
    ]
    assert api.data(docs.EXTERNAL_IDS_TO_DATA_ROW_IDS, {"externalId_in": []}) == {
        "externalIdsToDataRowIds": []
    }


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


def test_data_rows_are_isolated(api: Api, other_api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL, external_id=unique + "iso", global_key=unique + "iso")
    not_found = ["RESOURCE_NOT_FOUND"]
    assert other_api.error_codes(docs.GET_DATA_ROW, {"param_0": row["id"]}) == not_found
    assert (
        other_api.error_codes(docs.UPDATE_DATA_ROW, {"externalId": "x", "DataRowId": row["id"]})
        == not_found
    )
    assert (
        other_api.error_codes(docs.CREATE_DATA_ROW, {"row_data": IMAGE_URL, "dataset": dataset})
        == not_found
    )
    assert other_api.error_codes(docs.GET_DATASET_DATA_ROWS, {"param_0": dataset}) == not_found
    assert other_api.data(
        docs.EXTERNAL_IDS_TO_DATA_ROW_IDS, {"externalId_in": [unique + "iso"]}
    ) == {"externalIdsToDataRowIds": []}
    # Global keys are per organization: the other one can use the same key.
    theirs = create_row(
        other_api, create_dataset(other_api, unique + "o"), IMAGE_URL, global_key=unique + "iso"
    )
    assert theirs["globalKey"] == unique + "iso"
    assert api.data(docs.GET_DATA_ROW, {"param_0": row["id"]})["dataRow"]["externalId"] == (
        unique + "iso"
    )


def test_deleting_a_dataset_deletes_its_rows(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL, external_id=unique + "x", global_key=unique + "x")
    api.data(docs.DELETE_DATASET, {"DatasetId": dataset})
    assert api.error_codes(docs.GET_DATA_ROW, {"param_0": row["id"]}) == ["RESOURCE_NOT_FOUND"]
    found = api.data(docs.EXTERNAL_IDS_TO_DATA_ROW_IDS, {"externalId_in": [unique + "x"]})
    assert found == {"externalIdsToDataRowIds": []}
    assert api.data(docs.delete_data_rows([row["id"]])) == {"deleteDataRows": []}
