"""Data-row metadata models without a server: kinds, fields, rows, deletes, responses,
schemas and the error type.

Nothing here reaches the network.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from labelbox.exceptions import (
    InvalidDataRowError,
    InvalidMetadataError,
    InvalidQueryError,
)
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataBatchResponse,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataSchema,
    DeleteDataRowMetadata,
    String,
)

from .metadata_ontology import (
    SPLIT,
    TAG,
)


def test_kind_values() -> None:
    assert {kind.name: kind.value for kind in DataRowMetadataKind} == {
        "number": "CustomMetadataNumber",
        "datetime": "CustomMetadataDateTime",
        "enum": "CustomMetadataEnum",
        "string": "CustomMetadataString",
        "option": "CustomMetadataEnumOption",
        "embedding": "CustomMetadataEmbedding",
    }
    assert DataRowMetadataKind("CustomMetadataEnum") is DataRowMetadataKind.enum


def test_models_by_keyword_and_by_camel_case() -> None:
    field = DataRowMetadataField(schema_id=TAG, value="x")
    assert (field.schema_id, field.name, field.value) == (TAG, None, "x")
    assert DataRowMetadataField(name="tag", value="x").name == "tag"
    assert DataRowMetadataField.model_validate({"schemaId": TAG, "value": 1}).schema_id == TAG
    assert field.model_dump(by_alias=True) == {"schemaId": TAG, "name": None, "value": "x"}

    row = DataRowMetadata(data_row_id="row", fields=[field])
    assert row.fields == [field]
    assert DataRowMetadata.model_validate({"dataRowId": "row", "fields": []}).data_row_id == "row"

    delete = DeleteDataRowMetadata(data_row_id="row", fields=[TAG, SPLIT])
    assert delete.fields == [TAG, SPLIT]

    response = DataRowMetadataBatchResponse(data_row_id="row", fields=[TAG, field])
    assert response.error is None
    assert response.fields == [TAG, field]


def test_schema_name_is_stripped_and_bounded() -> None:
    schema = DataRowMetadataSchema(
        uid="id", name="  padded  ", reserved=False, kind=DataRowMetadataKind.string
    )
    assert schema.name == "padded"
    assert schema.options is None and schema.parent is None
    for name in ("", "   ", "x" * 101):
        with pytest.raises(ValidationError):
            DataRowMetadataSchema(
                uid="id", name=name, reserved=False, kind=DataRowMetadataKind.string
            )


def test_string_alias_is_constrained() -> None:
    from pydantic import TypeAdapter

    adapter = TypeAdapter(String)
    assert adapter.validate_python("x" * 4096) == "x" * 4096
    with pytest.raises(ValidationError):
        adapter.validate_python("x" * 4097)


def test_invalid_metadata_error_is_a_value_error() -> None:
    assert issubclass(InvalidMetadataError, InvalidDataRowError)
    assert issubclass(InvalidMetadataError, InvalidQueryError)
    assert issubclass(InvalidMetadataError, ValueError)
