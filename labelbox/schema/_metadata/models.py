"""The public metadata models, the schema kinds, the value limits and `NormalizedNameIndex`."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Annotated, Any, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel

T = TypeVar("T")

#: Longest string value accepted (the server's limit; Labelbox's SDK 3.36 checked 1,024).
MAX_STRING_LENGTH = 4096
#: Length of a reserved `embedding` value.
EMBEDDING_LENGTH = 128
#: Longest custom embedding accepted.
MAX_EMBEDDING_LENGTH = 2048
#: Rows per request of `bulk_upsert`, `bulk_delete` and `bulk_export`.
BATCH_SIZE = 50

#: A metadata string value.
String = Annotated[str, StringConstraints(max_length=MAX_STRING_LENGTH)]
#: A reserved `embedding` value: exactly 128 floats.
Embedding = Annotated[list[float], Field(min_length=EMBEDDING_LENGTH, max_length=EMBEDDING_LENGTH)]
#: A schema or option name: 1 to 100 characters, surrounding whitespace removed.
SchemaName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class DataRowMetadataKind(Enum):
    """The kind of a metadata schema; the values are the API's names."""

    number = "CustomMetadataNumber"
    datetime = "CustomMetadataDateTime"
    enum = "CustomMetadataEnum"
    string = "CustomMetadataString"
    option = "CustomMetadataEnumOption"
    embedding = "CustomMetadataEmbedding"


class DataRowMetadataSchema(BaseModel):
    """A metadata schema. Enums list their `options`; an option names its enum in `parent`."""

    uid: str
    name: SchemaName
    reserved: bool
    kind: DataRowMetadataKind
    options: list[DataRowMetadataSchema] | None = None
    parent: str | None = None


class _CamelModel(BaseModel):
    # Accepts snake_case names and the API's camelCase (`schemaId`); dumps camelCase by alias.
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class DataRowMetadataField(_CamelModel):
    """One metadata value: give the schema's `schema_id` or its `name` (the id wins).

    For an enum, `value` is the option's schema id or name. Fields read from the
    server carry both the id and the name; datetimes come back as aware UTC
    `datetime`s and numbers as floats.
    """

    schema_id: str | None = None
    name: str | None = None
    value: Any = None


class DataRowMetadata(_CamelModel):
    """The metadata of one data row."""

    data_row_id: str
    fields: list[DataRowMetadataField]


class DeleteDataRowMetadata(_CamelModel):
    """Schema ids whose values to remove from one data row (an enum's id removes its option)."""

    data_row_id: str
    fields: list[str]


class DataRowMetadataBatchResponse(_CamelModel):
    """A data row a bulk call failed for, with the server's `error`.

    `fields` are the row's fields (`DataRowMetadataField`s for upserts, schema ids
    for deletes).
    """

    data_row_id: str
    error: str | None = None
    fields: list[DataRowMetadataField | str]


def normalize(name: str) -> str:
    """The key of the `*_normalized` indexes: lower case, whitespace removed."""
    return "".join(name.split()).lower()


class NormalizedNameIndex(dict[str, DataRowMetadataSchema]):
    """Schemas by normalized name (lower case, whitespace removed).

    Keys are stored normalized, and lookups normalize the key, so
    `index["captureDateTime"]`, `index["capture date time"]` and
    `index["capturedatetime"]` find the same schema. Enums map to the enum schema.
    """

    def __init__(self, schemas: Iterable[DataRowMetadataSchema] = ()) -> None:
        super().__init__()
        for schema in schemas:
            # On a collision the first schema keeps the key; exact names stay in `*_by_name`.
            self.setdefault(normalize(schema.name), schema)

    def __getitem__(self, key: str) -> DataRowMetadataSchema:
        return super().__getitem__(normalize(key))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(normalize(key))

    @overload
    def get(self, key: str, default: None = None, /) -> DataRowMetadataSchema | None: ...

    @overload
    def get(self, key: str, default: DataRowMetadataSchema, /) -> DataRowMetadataSchema: ...

    @overload
    def get(self, key: str, default: T, /) -> DataRowMetadataSchema | T: ...

    def get(self, key: str, default: object = None, /) -> object:
        return super().get(normalize(key), default)


#: An entry of the `*_by_name` indexes: a schema, or `{option name: option}` for an enum.
NameIndexEntry = DataRowMetadataSchema | dict[str, DataRowMetadataSchema]
