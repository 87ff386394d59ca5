"""Creating data rows: row data kinds (URLs, inline text, uploads, PDFs, tiled imagery,
conversations), media types, global keys, and metadata and attachments given on create."""

from __future__ import annotations

import json
from typing import Any

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import (
    CAPTURE_DATETIME_SCHEMA_ID,
    CONVERSATION,
    DATA_ROW_KEYS,
    IMAGE_URL,
    PDF,
    SPLIT_SCHEMA_ID,
    TAG_SCHEMA_ID,
    TILED,
    TRAIN_OPTION_ID,
    create_dataset,
    create_row,
    row_count,
)
from .test_blobs import PNG_HEADER
from .test_projects import DATETIME


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
