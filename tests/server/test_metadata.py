"""Data-row metadata: the ontology, custom schemas, values (upsert, delete, read)."""

from __future__ import annotations

from typing import Any

import pytest

from labelbox_server.domain.metadata_values import MetadataError, normalize_datetime

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import (
    CAPTURE_DATETIME_SCHEMA_ID,
    EMBEDDING_SCHEMA_ID,
    IMAGE_URL,
    PRECOMPUTED_EMBEDDING_ID,
    SPLIT_SCHEMA_ID,
    TAG_SCHEMA_ID,
    TEST_OPTION_ID,
    TRAIN_OPTION_ID,
    create_dataset,
    create_row,
    export_rows,
)


def ontology(api: Api) -> dict[str, dict[str, Any]]:
    return {s["name"]: s for s in api.data(docs.GET_METADATA_ONTOLOGY)["customMetadataOntology"]}


def create_schema(
    api: Api, name: str, kind: str, options: list[str] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {"name": name, "kind": kind}
    if options is not None:
        data["options"] = [{"name": o, "kind": "CustomMetadataEnumOption"} for o in options]
    schema: dict[str, Any] = api.data(docs.UPSERT_METADATA_SCHEMA, {"data": data})[
        "upsertCustomMetadataSchema"
    ]
    return schema


def upsert(api: Api, row_id: str, fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = api.data(
        docs.UPSERT_DATA_ROW_METADATA, {"metadata": [{"dataRowId": row_id, "fields": fields}]}
    )["upsertDataRowCustomMetadata"]
    return result


def stored(api: Api, row_id: str) -> dict[str, Any]:
    items = api.data(docs.DATA_ROW_CUSTOM_METADATA, {"dataRowIds": [row_id]})[
        "dataRowCustomMetadata"
    ]
    return {f["schemaId"]: f["value"] for f in items[0]["fields"]}


def test_reserved_ontology(fresh_api: Api) -> None:
    schemas = ontology(fresh_api)
    assert schemas["tag"] == {
        "id": TAG_SCHEMA_ID, "name": "tag", "kind": "CustomMetadataString",
        "reserved": True, "options": [],
    }  # fmt: skip
    split = schemas["split"]
    assert split["kind"] == "CustomMetadataEnum" and split["reserved"] is True
    assert {o["name"]: o["id"] for o in split["options"]} == {
        "train": TRAIN_OPTION_ID, "test": TEST_OPTION_ID, "valid": "cko8sc2yr0004h2dk69aj5x63"
    }  # fmt: skip
    assert all(o["kind"] == "CustomMetadataEnumOption" and o["reserved"] for o in split["options"])
    assert schemas["captureDateTime"]["id"] == CAPTURE_DATETIME_SCHEMA_ID
    assert schemas["embedding"]["id"] == EMBEDDING_SCHEMA_ID
    ids = {s["id"] for s in schemas.values()}
    assert PRECOMPUTED_EMBEDDING_ID in ids


def test_custom_schemas(api: Api, other_api: Api, unique: str) -> None:
    text = create_schema(api, unique + "text", "CustomMetadataString")
    assert text["kind"] == "CustomMetadataString" and text["options"] == []
    enum = create_schema(api, unique + "enum", "CustomMetadataEnum", ["a", "b"])
    assert [o["name"] for o in enum["options"]] == ["a", "b"]
    assert all(o["kind"] == "CustomMetadataEnumOption" for o in enum["options"])
    mine = ontology(api)
    assert mine[unique + "text"]["reserved"] is False
    assert unique + "text" not in ontology(other_api)
    for name in (unique + "text", "tag", "split", "  ", "x" * 101):
        codes = api.error_codes(
            docs.UPSERT_METADATA_SCHEMA, {"data": {"name": name, "kind": "CustomMetadataNumber"}}
        )
        assert codes == ["MALFORMED_REQUEST"], name
    assert create_schema(api, f"  {unique}stripped  ", "CustomMetadataNumber")["name"] == (
        unique + "stripped"
    )
    # Rename the schema and an option, add an option: ids are kept.
    a, b = enum["options"]
    renamed = api.data(
        docs.UPSERT_METADATA_SCHEMA,
        {
            "data": {
                "id": enum["id"],
                "name": unique + "enum2",
                "kind": "CustomMetadataEnum",
                "options": [
                    {"id": a["id"], "name": "a2", "kind": "CustomMetadataEnumOption"},
                    {"name": "c", "kind": "CustomMetadataEnumOption"},
                ],
            }
        },
    )["upsertCustomMetadataSchema"]
    assert renamed["id"] == enum["id"] and renamed["name"] == unique + "enum2"
    options = {o["name"]: o["id"] for o in renamed["options"]}
    assert options["a2"] == a["id"] and options["b"] == b["id"] and "c" in options
    reserved = {"id": TAG_SCHEMA_ID, "name": "tag2", "kind": "CustomMetadataString"}
    assert api.error_codes(docs.UPSERT_METADATA_SCHEMA, {"data": reserved}) == ["MALFORMED_REQUEST"]
    theirs = {"id": text["id"], "name": "stolen", "kind": "CustomMetadataString"}
    assert other_api.error_codes(docs.UPSERT_METADATA_SCHEMA, {"data": theirs}) == [
        "RESOURCE_NOT_FOUND"
    ]
    assert other_api.error_codes(docs.DELETE_METADATA_SCHEMA, {"where": {"id": text["id"]}}) == [
        "RESOURCE_NOT_FOUND"
    ]
    assert api.error_codes(docs.DELETE_METADATA_SCHEMA, {"where": {"id": TAG_SCHEMA_ID}}) == [
        "MALFORMED_REQUEST"
    ]


def test_values_of_every_kind(api: Api, unique: str) -> None:
    number = create_schema(api, unique + "n", "CustomMetadataNumber")
    custom_embedding = create_schema(api, unique + "e", "CustomMetadataEmbedding")
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL)
    fields = [
        {"schemaId": TAG_SCHEMA_ID, "value": "x" * 4096},
        {"schemaId": number["id"], "value": 1.5},
        {"schemaId": CAPTURE_DATETIME_SCHEMA_ID, "value": "2023-01-02T05:04:05.123456+02:00"},
        {"schemaId": EMBEDDING_SCHEMA_ID, "value": [0.25] * 128},
        {"schemaId": custom_embedding["id"], "value": [1, 2, 3]},
        {"schemaId": SPLIT_SCHEMA_ID, "value": {}},
        {"schemaId": TRAIN_OPTION_ID, "value": {}},
    ]
    assert upsert(api, row["id"], fields) == []
    values = stored(api, row["id"])
    assert values[CAPTURE_DATETIME_SCHEMA_ID] == "2023-01-02T03:04:05.123456Z"
    assert values[number["id"]] == 1.5 and values[custom_embedding["id"]] == [1, 2, 3]
    assert values[SPLIT_SCHEMA_ID] == {} and values[TRAIN_OPTION_ID] == {}
    # A new option replaces the old one; an option alone implies its enum.
    assert upsert(api, row["id"], [{"schemaId": TEST_OPTION_ID, "value": {}}]) == []
    values = stored(api, row["id"])
    assert TRAIN_OPTION_ID not in values and values[TEST_OPTION_ID] == {}
    assert values[SPLIT_SCHEMA_ID] == {}
    got = api.data(docs.GET_DATA_ROW, {"param_0": row["id"]})["dataRow"]
    logical = {f["name"]: f for f in got["metadataFields"]}
    assert logical["split"] == {
        "schemaId": SPLIT_SCHEMA_ID, "name": "split", "value": "test", "kind": "CustomMetadataEnum"
    }  # fmt: skip
    assert logical[unique + "n"]["kind"] == "CustomMetadataNumber"
    assert len(got["metadataFields"]) == 6 and len(got["customMetadata"]) == 7
    assert got["updatedAt"] > row["updatedAt"]


@pytest.mark.parametrize(
    ("schema_id", "value"),
    [
        (TAG_SCHEMA_ID, "x" * 4097),
        (TAG_SCHEMA_ID, 3),
        (CAPTURE_DATETIME_SCHEMA_ID, "yesterday"),
        (EMBEDDING_SCHEMA_ID, [0.0] * 127),
        (EMBEDDING_SCHEMA_ID, ["a"] * 128),
        (PRECOMPUTED_EMBEDDING_ID, [0.0] * 2049),
        (SPLIT_SCHEMA_ID, {}),  # an enum needs an option
        (TRAIN_OPTION_ID, "train"),
        ("cunknown000000000000000000", "x"),
    ],
)
def test_invalid_values_are_reported(api: Api, unique: str, schema_id: str, value: Any) -> None:
    row = create_row(api, create_dataset(api, unique + "d"), IMAGE_URL)
    fields = [{"schemaId": schema_id, "value": value}]
    failures = upsert(api, row["id"], fields)
    assert len(failures) == 1
    assert failures[0]["dataRowId"] == row["id"] and failures[0]["error"]
    assert failures[0]["fields"] == fields
    assert stored(api, row["id"]) == {}


def test_options_of_another_enum_and_two_options(api: Api, unique: str) -> None:
    enum = create_schema(api, unique + "enum", "CustomMetadataEnum", ["x"])
    row = create_row(api, create_dataset(api, unique + "d"), IMAGE_URL)
    for fields in (
        [
            {"schemaId": SPLIT_SCHEMA_ID, "value": {}},
            {"schemaId": enum["options"][0]["id"], "value": {}},
        ],
        [{"schemaId": TRAIN_OPTION_ID, "value": {}}, {"schemaId": TEST_OPTION_ID, "value": {}}],
    ):
        assert len(upsert(api, row["id"], fields)) == 1


def test_batch_results_only_list_failures(api: Api, other_api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    rows = [create_row(api, dataset, IMAGE_URL) for _ in range(3)]
    theirs = create_row(other_api, create_dataset(other_api, unique + "o"), IMAGE_URL)
    batch = [
        {"dataRowId": rows[0]["id"], "fields": [{"schemaId": TAG_SCHEMA_ID, "value": "a"}]},
        {"dataRowId": theirs["id"], "fields": [{"schemaId": TAG_SCHEMA_ID, "value": "a"}]},
        {"dataRowId": rows[1]["id"], "fields": [{"schemaId": TAG_SCHEMA_ID, "value": 1}]},
        {"dataRowId": rows[2]["id"], "fields": [{"schemaId": TAG_SCHEMA_ID, "value": "c"}]},
    ]
    failures = api.data(docs.UPSERT_DATA_ROW_METADATA, {"metadata": batch})[
        "upsertDataRowCustomMetadata"
    ]
    assert [f["dataRowId"] for f in failures] == [theirs["id"], rows[1]["id"]]
    assert all(f["error"] for f in failures)
    read = api.data(
        docs.DATA_ROW_CUSTOM_METADATA,
        {"dataRowIds": [rows[2]["id"], theirs["id"], rows[1]["id"], rows[0]["id"]]},
    )["dataRowCustomMetadata"]
    assert [r["dataRowId"] for r in read] == [
        rows[2]["id"],
        theirs["id"],
        rows[1]["id"],
        rows[0]["id"],
    ]
    assert [r["fields"] for r in read] == [
        [{"value": "c", "schemaId": TAG_SCHEMA_ID}], [], [], [{"value": "a", "schemaId": TAG_SCHEMA_ID}]
    ]  # fmt: skip
    assert other_api.data(docs.DATA_ROW_CUSTOM_METADATA, {"dataRowIds": [rows[0]["id"]]})[
        "dataRowCustomMetadata"
    ] == [{"dataRowId": rows[0]["id"], "fields": []}]


def test_delete_values(api: Api, other_api: Api, unique: str) -> None:
    row = create_row(api, create_dataset(api, unique + "d"), IMAGE_URL)
    fields: list[dict[str, Any]] = [
        {"schemaId": TAG_SCHEMA_ID, "value": "a"},
        {"schemaId": SPLIT_SCHEMA_ID, "value": {}},
        {"schemaId": TRAIN_OPTION_ID, "value": {}},
    ]
    assert upsert(api, row["id"], fields) == []
    deletes = [{"dataRowId": row["id"], "schemaIds": [SPLIT_SCHEMA_ID, CAPTURE_DATETIME_SCHEMA_ID]}]
    assert api.data(docs.DELETE_DATA_ROW_METADATA, {"deletes": deletes}) == {
        "deleteDataRowCustomMetadata": []
    }
    assert stored(api, row["id"]) == {TAG_SCHEMA_ID: "a"}
    failures = other_api.data(
        docs.DELETE_DATA_ROW_METADATA,
        {"deletes": [{"dataRowId": row["id"], "schemaIds": [TAG_SCHEMA_ID]}]},
    )["deleteDataRowCustomMetadata"]
    assert [f["dataRowId"] for f in failures] == [row["id"]]
    assert stored(api, row["id"]) == {TAG_SCHEMA_ID: "a"}


def test_deleting_a_schema_removes_its_values(api: Api, unique: str) -> None:
    enum = create_schema(api, unique + "enum", "CustomMetadataEnum", ["a"])
    text = create_schema(api, unique + "text", "CustomMetadataString")
    dataset = create_dataset(api, unique + "d")
    row = create_row(
        api,
        dataset,
        IMAGE_URL,
        metadata_fields=[
            {"schemaId": enum["id"], "value": {}},
            {"schemaId": enum["options"][0]["id"], "value": {}},
            {"schemaId": text["id"], "value": "kept"},
        ],
    )
    assert len(row["customMetadata"]) == 3
    before = export_rows(api, dataset, include_metadata=True)
    assert len(before[0]["customMetadata"]) == 3
    assert api.data(docs.DELETE_METADATA_SCHEMA, {"where": {"id": enum["id"]}}) == {
        "deleteCustomMetadataSchema": {"success": True}
    }
    assert stored(api, row["id"]) == {text["id"]: "kept"}
    assert unique + "enum" not in ontology(api)
    after = export_rows(api, dataset, include_metadata=True)  # the change made a new export
    assert after[0]["customMetadata"] == [{"schemaId": text["id"], "value": "kept"}]
    assert after[0]["metadataFields"] == [
        {
            "schemaId": text["id"],
            "name": unique + "text",
            "value": "kept",
            "kind": "CustomMetadataString",
        }
    ]
    # The name is free again.
    assert create_schema(api, unique + "enum", "CustomMetadataString")["name"] == unique + "enum"


def test_normalize_datetime() -> None:
    assert normalize_datetime("2023-01-02T03:04:05Z") == "2023-01-02T03:04:05Z"
    assert normalize_datetime("2023-01-02T03:04:05+00:00Z") == "2023-01-02T03:04:05Z"
    assert normalize_datetime("2023-01-02T03:04:05.5") == "2023-01-02T03:04:05.500000Z"
    assert normalize_datetime("2023-01-02") == "2023-01-02T00:00:00Z"
    for bad in ("", "nope", 5, None):
        with pytest.raises(MetadataError):
            normalize_datetime(bad)
