"""Data-row metadata: the ontology of metadata schemas, and metadata values on data rows.

>>> mdo = client.get_data_row_metadata_ontology()
>>> mdo.reserved_by_name["split"]            # an enum: {"train": schema, "test": ..., ...}
>>> mdo.bulk_upsert([DataRowMetadata(data_row_id=row.uid, fields=[
...     DataRowMetadataField(schema_id=mdo.reserved_by_name["tag"].uid, value="sunny"),
...     DataRowMetadataField(name="split", value="train"),      # an option's name or id
... ])])
[]

Values are checked against their schema's kind before anything is sent:
strings (at most 4,096 characters), numbers, datetimes (a `datetime` or an ISO
8601 string; naive ones are local time), embeddings (lists of floats: exactly
128 for the reserved `embedding`, at most 2,048 otherwise) and enums (the
option's schema id or name). Invalid input raises `InvalidMetadataError`.
"""

from __future__ import annotations

import logging
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime, timezone
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic.alias_generators import to_camel

from labelbox._generated.enums import DataRowMetadataKind as _WireKind
from labelbox._text import text_problem
from labelbox.exceptions import (
    InvalidMetadataError,
    LabelboxError,
    ResponseValidationError,
    UnknownMetadataSchemaError,
)

if TYPE_CHECKING:
    from labelbox._generated.fragments import MetadataSchemaFields
    from labelbox._generated.input_types import (
        DataRowCustomMetadataBatchDeleteInput,
        DataRowCustomMetadataBatchUpsertInput,
    )
    from labelbox.client import Client

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

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


def _normalize(name: str) -> str:
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
            self.setdefault(_normalize(schema.name), schema)

    def __getitem__(self, key: str) -> DataRowMetadataSchema:
        return super().__getitem__(_normalize(key))

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and super().__contains__(_normalize(key))

    @overload
    def get(self, key: str, default: None = None, /) -> DataRowMetadataSchema | None: ...

    @overload
    def get(self, key: str, default: DataRowMetadataSchema, /) -> DataRowMetadataSchema: ...

    @overload
    def get(self, key: str, default: T, /) -> DataRowMetadataSchema | T: ...

    def get(self, key: str, default: object = None, /) -> object:
        return super().get(_normalize(key), default)


NameIndexEntry = DataRowMetadataSchema | dict[str, DataRowMetadataSchema]


class DataRowMetadataOntology:
    """The metadata schemas of the organization, reserved and custom, and bulk metadata calls.

    >>> mdo = client.get_data_row_metadata_ontology()
    >>> mdo.reserved_by_name["tag"].uid
    'cko8s9r5v0001h2dk9elqdidh'

    Indexes (rebuilt by `refresh_ontology()` and after every schema change):
    `fields` (every schema), `fields_by_id` (options included), and for each of
    `reserved_` and `custom_`: `*_fields`, `*_by_id`, `*_by_name` (an enum maps to
    `{option name: option schema}`, other kinds to the schema) and
    `*_by_name_normalized` (a `NormalizedNameIndex`: any case and spacing of a
    name finds the schema). Reserved names are searched before custom ones.
    """

    fields: list[DataRowMetadataSchema]
    fields_by_id: dict[str, DataRowMetadataSchema]
    reserved_fields: list[DataRowMetadataSchema]
    reserved_by_id: dict[str, DataRowMetadataSchema]
    reserved_by_name: dict[str, NameIndexEntry]
    reserved_by_name_normalized: NormalizedNameIndex
    custom_fields: list[DataRowMetadataSchema]
    custom_by_id: dict[str, DataRowMetadataSchema]
    custom_by_name: dict[str, NameIndexEntry]
    custom_by_name_normalized: NormalizedNameIndex

    def __init__(self, client: Client) -> None:
        self._client: Client | None = client
        self._batch_size = BATCH_SIZE
        self._build(self._fetch_schemas())

    @classmethod
    def _from_schemas(
        cls, schemas: Iterable[DataRowMetadataSchema], client: Client | None = None
    ) -> DataRowMetadataOntology:
        """An ontology over given schemas (for tests); without a client it never refreshes."""
        ontology = cls.__new__(cls)
        ontology._client = client
        ontology._batch_size = BATCH_SIZE
        ontology._build(schemas)
        return ontology

    # -- the ontology --------------------------------------------------------------------

    def refresh_ontology(self) -> None:
        """Fetch the schemas again and rebuild the indexes."""
        if self._client is not None:
            self._build(self._fetch_schemas())

    def get_by_name(self, name: str) -> NameIndexEntry:
        """The schema named `name` (reserved first), or `{option name: option}` for an enum.

        Raises `UnknownMetadataSchemaError` (a `KeyError`) if no schema has that exact name.
        """
        if name in self.reserved_by_name:
            return self.reserved_by_name[name]
        if name in self.custom_by_name:
            return self.custom_by_name[name]
        raise UnknownMetadataSchemaError(f"There is no metadata schema named {name!r}")

    def _fetch_schemas(self) -> list[DataRowMetadataSchema]:
        client = self._require_client()
        result = client._gateway.ops.get_metadata_ontology_beta_py_api()
        return [_schema_from_wire(item) for item in result.custom_metadata_ontology]

    def _build(self, schemas: Iterable[DataRowMetadataSchema]) -> None:
        self.fields = [_with_parent_on_options(schema) for schema in schemas]
        self.fields_by_id = _id_index(self.fields)
        self.reserved_fields = [schema for schema in self.fields if schema.reserved]
        self.reserved_by_id = _id_index(self.reserved_fields)
        self.reserved_by_name = _name_index(self.reserved_fields)
        self.reserved_by_name_normalized = NormalizedNameIndex(self.reserved_fields)
        self.custom_fields = [schema for schema in self.fields if not schema.reserved]
        self.custom_by_id = _id_index(self.custom_fields)
        self.custom_by_name = _name_index(self.custom_fields)
        self.custom_by_name_normalized = NormalizedNameIndex(self.custom_fields)
        self._reserved_exact = {schema.name: schema for schema in self.reserved_fields}
        self._custom_exact = {schema.name: schema for schema in self.custom_fields}

    def _find_by_name(self, name: str) -> DataRowMetadataSchema | None:
        """A top-level schema by exact name, then by normalized name; reserved ones first."""
        for index in (
            self._reserved_exact,
            self._custom_exact,
            self.reserved_by_name_normalized,
            self.custom_by_name_normalized,
        ):
            schema = index.get(name)
            if schema is not None:
                return schema
        return None

    def _require_client(self) -> Client:
        if self._client is None:
            raise LabelboxError("this DataRowMetadataOntology was built without a client")
        return self._client

    # -- schema management ---------------------------------------------------------------

    def create_schema(
        self, name: str, kind: DataRowMetadataKind, options: list[str] | None = None
    ) -> DataRowMetadataSchema:
        """Create a custom schema; `options` are the option names of an enum.

        >>> mdo.create_schema("weather", DataRowMetadataKind.enum, ["sunny", "rainy"])

        Returns the new schema and refreshes the ontology. A name already in use
        raises `MalformedQueryException` (from the server).
        """
        if not isinstance(kind, DataRowMetadataKind):
            raise InvalidMetadataError(f"must be a DataRowMetadataKind, not {kind!r}", field="kind")
        if kind is DataRowMetadataKind.option:
            raise InvalidMetadataError(
                "options are created with their enum (create_schema(name, enum, options))",
                field="kind",
            )
        data: dict[str, Any] = {"name": _check_name(name, "name"), "kind": _WireKind(kind.value)}
        if options:
            if kind is not DataRowMetadataKind.enum:
                raise InvalidMetadataError(
                    f"only enum schemas have options, not {kind.name} schemas", field="options"
                )
            names = [_check_name(option, f"options[{i}]") for i, option in enumerate(options)]
            _check_unique(names, "options")
            data["options"] = [
                {"name": option, "kind": _WireKind.CustomMetadataEnumOption} for option in names
            ]
        return self._upsert_schema(data)

    def update_schema(self, name: str, new_name: str) -> DataRowMetadataSchema:
        """Rename the custom schema `name`; ids (and option ids) are kept.

        Raises `UnknownMetadataSchemaError` (a `KeyError`) if `name` is not a custom schema.
        """
        schema = self._custom_schema(name)
        data = _schema_input(schema)
        data["name"] = _check_name(new_name, "new_name")
        return self._upsert_schema(data)

    def update_enum_option(self, name: str, option: str, new_option: str) -> DataRowMetadataSchema:
        """Rename the option `option` of the custom enum `name`; ids are kept.

        Raises `UnknownMetadataSchemaError` (a `KeyError`) if `name` is not a custom schema
        or has no such option, `InvalidMetadataError` if it is not an enum.
        """
        schema = self._custom_schema(name)
        if schema.kind is not DataRowMetadataKind.enum:
            raise InvalidMetadataError(
                f"{schema.name!r} is a {schema.kind.name} schema, not an enum", field="name"
            )
        target = _find_option(schema, option)
        if target is None:
            raise UnknownMetadataSchemaError(
                f"Metadata enum {schema.name!r} has no option {option!r}"
            )
        new_option = _check_name(new_option, "new_option")
        data = _schema_input(schema)
        for item in data["options"]:
            if item["id"] == target.uid:
                item["name"] = new_option
        return self._upsert_schema(data)

    def delete_schema(self, name: str) -> bool:
        """Delete the custom schema `name` (and its values on data rows); True on success.

        Raises `UnknownMetadataSchemaError` (a `KeyError`) if `name` is not a custom schema.
        """
        schema = self._custom_schema(name)
        client = self._require_client()
        result = client._gateway.ops.delete_custom_metadata_schema_py_api(schema.uid)
        self.refresh_ontology()
        return result.delete_custom_metadata_schema.success

    def _custom_schema(self, name: str) -> DataRowMetadataSchema:
        """A custom schema by exact, then normalized name; reserved names are refused."""
        for attempt in range(2):
            schema = self._custom_exact.get(name)
            if schema is None and name not in self._reserved_exact:
                schema = self.custom_by_name_normalized.get(name)
            if schema is not None:
                return schema
            if name in self._reserved_exact or name in self.reserved_by_name_normalized:
                raise UnknownMetadataSchemaError(
                    f"{name!r} is a reserved metadata schema; only custom ones change"
                )
            if attempt == 0:
                self.refresh_ontology()
        raise UnknownMetadataSchemaError(f"{name!r} is not a custom metadata schema")

    def _upsert_schema(self, data: dict[str, Any]) -> DataRowMetadataSchema:
        from labelbox._generated.input_types import UpsertCustomMetadataSchemaInput

        client = self._require_client()
        result = client._gateway.ops.upsert_custom_metadata_schema_py_api(
            UpsertCustomMetadataSchemaInput.model_validate(data),
        )
        schema = _schema_from_wire(result.upsert_custom_metadata_schema)
        self.refresh_ontology()
        return schema

    # -- reading -------------------------------------------------------------------------

    def parse_metadata(self, unparsed: Sequence[Mapping[str, Any]]) -> list[DataRowMetadata]:
        """Parse `[{"dataRowId": ..., "fields": [{"schemaId": ..., "value": ...}]}]`."""
        if isinstance(unparsed, Mapping):
            raise InvalidMetadataError("pass a list of dicts, not a dict", field="unparsed")
        refresher = _Refresher(self)
        parsed = []
        for index, row in enumerate(_rows(unparsed, "unparsed")):
            if not isinstance(row, Mapping) or not isinstance(row.get("dataRowId"), str):
                raise InvalidMetadataError(
                    "expected a dict with a string 'dataRowId'", field="dataRowId", index=index
                )
            fields = self._parse_fields(_fields_of(row.get("fields") or [], index), refresher)
            parsed.append(DataRowMetadata(data_row_id=row["dataRowId"], fields=fields))
        return parsed

    def parse_metadata_fields(
        self, unparsed: Sequence[Mapping[str, Any]]
    ) -> list[DataRowMetadataField]:
        """Parse `[{"schemaId": ..., "value": ...}]` as the API returns them.

        An enum gives one field `(schema_id=enum id, value=option id, name=option
        name)`; datetimes become aware UTC `datetime`s, numbers floats. Unknown
        schema ids refresh the ontology once, then are kept raw with a warning.
        """
        return self._parse_fields(_fields_of(unparsed, None), _Refresher(self))

    def _parse_fields(
        self, unparsed: Iterable[Mapping[str, Any]], refresher: _Refresher
    ) -> list[DataRowMetadataField]:
        parsed: list[DataRowMetadataField] = []
        for item in unparsed:
            schema_id = item["schemaId"]
            value = item.get("value")
            schema = refresher.by_id(schema_id)
            if schema is None:
                logger.warning("Metadata schema id %r is not in the ontology; kept raw", schema_id)
                parsed.append(DataRowMetadataField(schema_id=schema_id, value=value))
            elif schema.kind is DataRowMetadataKind.enum:
                continue  # its option's entry carries the value
            elif schema.kind is DataRowMetadataKind.option:
                parsed.append(
                    DataRowMetadataField(
                        schema_id=schema.parent, name=schema.name, value=schema.uid
                    )
                )
            else:
                parsed.append(
                    DataRowMetadataField(
                        schema_id=schema.uid, name=schema.name, value=_read_value(schema, value)
                    )
                )
        return parsed

    # -- writing -------------------------------------------------------------------------

    def parse_upsert_metadata(
        self, metadata_fields: Sequence[DataRowMetadataField | Mapping[str, Any]]
    ) -> list[dict[str, Any]]:
        """Validate metadata fields and flatten them to the `{"schemaId", "value"}` items sent.

        Accepts `DataRowMetadataField`s or dicts with `"schema_id"` (or
        `"schemaId"`) or `"name"`, and `"value"`. Names resolve to ids; an enum
        becomes two items (the enum and its option). Raises `InvalidMetadataError`
        (naming the field, e.g. `metadata_fields[2].value`) on an unknown schema,
        a value of the wrong kind, or the same schema twice. An unknown schema id
        refreshes the ontology once first (it may be new); names do not.
        """
        return self._flatten(metadata_fields, _Refresher(self), "metadata_fields", None)

    def _flatten(
        self,
        metadata_fields: Sequence[DataRowMetadataField | Mapping[str, Any]],
        refresher: _Refresher,
        prefix: str,
        index: int | None,
    ) -> list[dict[str, Any]]:
        if isinstance(metadata_fields, (Mapping, str, bytes)) or not isinstance(
            metadata_fields, Iterable
        ):
            raise InvalidMetadataError(
                "must be a list of DataRowMetadataField or dicts", field=prefix, index=index
            )
        items: list[dict[str, Any]] = []
        seen: dict[str, int] = {}
        for position, raw in enumerate(metadata_fields):
            where = f"{prefix}[{position}]"
            field = _as_field(raw, where, index)
            schema = self._resolve_schema(field, refresher, where, index)
            if schema.uid in seen:
                raise InvalidMetadataError(
                    f"schema {schema.name!r} is given twice (also {prefix}[{seen[schema.uid]}])",
                    field=where,
                    index=index,
                )
            seen[schema.uid] = position
            items.extend(_upsert_items(schema, field.value, f"{where}.value", index))
        return items

    def _resolve_schema(
        self, field: DataRowMetadataField, refresher: _Refresher, where: str, index: int | None
    ) -> DataRowMetadataSchema:
        if field.schema_id is not None:
            schema = refresher.by_id(field.schema_id)
            if schema is None:
                raise InvalidMetadataError(
                    f"unknown metadata schema id {field.schema_id!r}",
                    field=f"{where}.schema_id",
                    index=index,
                )
        elif field.name is not None:
            schema = refresher.by_name(field.name)
            if schema is None:
                raise InvalidMetadataError(
                    f"unknown metadata schema name {field.name!r}",
                    field=f"{where}.name",
                    index=index,
                )
        else:
            raise InvalidMetadataError("needs a schema_id or a name", field=where, index=index)
        if schema.kind is DataRowMetadataKind.option:
            parent = self.fields_by_id.get(schema.parent or "")
            enum_name = parent.name if parent is not None else schema.parent
            raise InvalidMetadataError(
                f"{schema.uid!r} is the option {schema.name!r} of the enum {enum_name!r}: "
                "give the enum as the schema and the option as the value",
                field=f"{where}.schema_id",
                index=index,
            )
        return schema

    def bulk_upsert(
        self, metadata: Sequence[DataRowMetadata]
    ) -> list[DataRowMetadataBatchResponse]:
        """Set metadata values on data rows; returns the rows that failed (`[]` if none).

        >>> mdo.bulk_upsert([DataRowMetadata(data_row_id=row.uid, fields=[
        ...     DataRowMetadataField(name="tag", value="sunny")])])

        Every row is validated before anything is sent (`InvalidMetadataError`,
        with `index` the row's position); rows go in requests of 50. Values of
        schemas not given are kept.
        """
        from labelbox._generated.input_types import DataRowCustomMetadataBatchUpsertInput

        refresher = _Refresher(self)
        inputs: list[DataRowCustomMetadataBatchUpsertInput] = []
        for index, row in enumerate(_rows(metadata, "metadata")):
            if not isinstance(row, DataRowMetadata):
                raise InvalidMetadataError("expected a DataRowMetadata", index=index)
            _check_data_row_id(row.data_row_id, "data_row_id", index)
            fields = self._flatten(row.fields, refresher, "fields", index)
            inputs.append(
                DataRowCustomMetadataBatchUpsertInput.model_validate(
                    {"dataRowId": row.data_row_id, "fields": fields}
                )
            )
        client = self._require_client()
        failures: list[DataRowMetadataBatchResponse] = []
        for batch in _batches(inputs, self._batch_size):
            result = client._gateway.ops.upsert_data_row_metadata_beta_py_api(batch)
            for item in result.upsert_data_row_custom_metadata:
                raw = [{"schemaId": f.schema_id, "value": f.value} for f in item.fields]
                failures.append(
                    DataRowMetadataBatchResponse(
                        data_row_id=item.data_row_id,
                        error=item.error,
                        fields=list(self._parse_fields(raw, _Refresher(self, refresh=False))),
                    )
                )
        return failures

    def bulk_delete(
        self, deletes: Sequence[DeleteDataRowMetadata]
    ) -> list[DataRowMetadataBatchResponse]:
        """Remove metadata values from data rows; returns the rows that failed (`[]` if none).

        >>> mdo.bulk_delete([DeleteDataRowMetadata(data_row_id=row.uid, fields=[tag_id])])

        Schemas without a value on the row are fine. Every schema id is checked
        before anything is sent; rows go in requests of 50.
        """
        from labelbox._generated.input_types import DataRowCustomMetadataBatchDeleteInput

        refresher = _Refresher(self)
        inputs: list[DataRowCustomMetadataBatchDeleteInput] = []
        for index, row in enumerate(_rows(deletes, "deletes")):
            if not isinstance(row, DeleteDataRowMetadata):
                raise InvalidMetadataError("expected a DeleteDataRowMetadata", index=index)
            _check_data_row_id(row.data_row_id, "data_row_id", index)
            if not row.fields:
                raise InvalidMetadataError("no schema ids given", field="fields", index=index)
            schema_ids: dict[str, None] = {}
            for position, schema_id in enumerate(row.fields):
                schema = refresher.by_id(schema_id)
                if schema is None:
                    raise InvalidMetadataError(
                        f"unknown metadata schema id {schema_id!r}",
                        field=f"fields[{position}]",
                        index=index,
                    )
                schema_ids[schema.uid] = None
                # An enum's value lives in its option's entry too: remove both.
                for option in schema.options or []:
                    schema_ids[option.uid] = None
            inputs.append(
                DataRowCustomMetadataBatchDeleteInput.model_validate(
                    {"dataRowId": row.data_row_id, "schemaIds": list(schema_ids)}
                )
            )
        client = self._require_client()
        failures: list[DataRowMetadataBatchResponse] = []
        for batch in _batches(inputs, self._batch_size):
            result = client._gateway.ops.delete_data_row_metadata_beta_py_api(batch)
            failures.extend(
                DataRowMetadataBatchResponse(
                    data_row_id=item.data_row_id,
                    error=item.error,
                    fields=[f.schema_id for f in item.fields],
                )
                for item in result.delete_data_row_custom_metadata
            )
        return failures

    def bulk_export(self, data_row_ids: Sequence[str]) -> list[DataRowMetadata]:
        """The metadata of each data row, in the order given (empty `fields` if none).

        >>> mdo.bulk_export([row.uid for row in rows])

        Rows go in requests of 50.
        """
        ids = list(_rows(data_row_ids, "data_row_ids", "a list of data row ids"))
        for position, data_row_id in enumerate(ids):
            _check_data_row_id(data_row_id, f"data_row_ids[{position}]", None)
        client = self._require_client()
        refresher = _Refresher(self)
        exported: list[DataRowMetadata] = []
        for batch in _batches(ids, self._batch_size):
            result = client._gateway.ops.data_row_custom_metadata_py_api(batch)
            by_id = {item.data_row_id: item for item in result.data_row_custom_metadata}
            for data_row_id in batch:
                item = by_id.get(data_row_id)
                raw = [] if item is None else item.fields
                fields = self._parse_fields(
                    ({"schemaId": f.schema_id, "value": f.value} for f in raw), refresher
                )
                exported.append(DataRowMetadata(data_row_id=data_row_id, fields=fields))
        return exported


def shared_ontology(client: Client, *, fresh: bool = False) -> DataRowMetadataOntology:
    """The client's metadata ontology, fetched once and reused (again with `fresh`)."""
    return client._gateway.shared(
        DataRowMetadataOntology, lambda: DataRowMetadataOntology(client), fresh=fresh
    )


class _Refresher:
    """Schema lookups for one call: an unknown id refreshes the ontology once."""

    def __init__(self, ontology: DataRowMetadataOntology, refresh: bool = True) -> None:
        self._ontology = ontology
        self._may_refresh = refresh

    def _lookup(
        self, find: Callable[[], DataRowMetadataSchema | None]
    ) -> DataRowMetadataSchema | None:
        schema = find()
        if schema is None and self._may_refresh:
            self._may_refresh = False
            self._ontology.refresh_ontology()
            schema = find()
        return schema

    def by_id(self, schema_id: str) -> DataRowMetadataSchema | None:
        return self._lookup(lambda: self._ontology.fields_by_id.get(schema_id))

    def by_name(self, name: str) -> DataRowMetadataSchema | None:
        # Names never refresh (as in 3.36): a typo must not cost a request.
        return self._ontology._find_by_name(name)


# -- helpers -------------------------------------------------------------------------------


def _schema_from_wire(item: MetadataSchemaFields) -> DataRowMetadataSchema:
    try:
        kind = DataRowMetadataKind(item.kind.value)
        options = None
        if kind is DataRowMetadataKind.enum:
            options = [
                DataRowMetadataSchema(
                    uid=option.uid,
                    name=option.name,
                    reserved=option.reserved,
                    kind=DataRowMetadataKind(option.kind.value),
                    parent=item.uid,
                )
                for option in item.options or []
            ]
        return DataRowMetadataSchema(
            uid=item.uid, name=item.name, reserved=item.reserved, kind=kind, options=options
        )
    except ValidationError as error:
        raise ResponseValidationError(f"Unexpected metadata schema {item.uid!r}: {error}") from None


def _with_parent_on_options(schema: DataRowMetadataSchema) -> DataRowMetadataSchema:
    if not schema.options or all(option.parent == schema.uid for option in schema.options):
        return schema
    options = [option.model_copy(update={"parent": schema.uid}) for option in schema.options]
    return schema.model_copy(update={"options": options})


def _id_index(schemas: Iterable[DataRowMetadataSchema]) -> dict[str, DataRowMetadataSchema]:
    index: dict[str, DataRowMetadataSchema] = {}
    for schema in schemas:
        index[schema.uid] = schema
        for option in schema.options or []:
            index[option.uid] = option
    return index


def _name_index(schemas: Iterable[DataRowMetadataSchema]) -> dict[str, NameIndexEntry]:
    index: dict[str, NameIndexEntry] = {}
    for schema in schemas:
        if schema.kind is DataRowMetadataKind.enum:
            index[schema.name] = {option.name: option for option in schema.options or []}
        else:
            index[schema.name] = schema
    return index


def _find_option(schema: DataRowMetadataSchema, name: str) -> DataRowMetadataSchema | None:
    options = schema.options or []
    for option in options:
        if option.name == name:
            return option
    return NormalizedNameIndex(options).get(name)


def _schema_input(schema: DataRowMetadataSchema) -> dict[str, Any]:
    """The upsert input that keeps a schema as it is (ids included)."""
    data: dict[str, Any] = {
        "id": schema.uid,
        "name": schema.name,
        "kind": _WireKind(schema.kind.value),
    }
    if schema.options is not None:
        data["options"] = [
            {"id": option.uid, "name": option.name, "kind": _WireKind.CustomMetadataEnumOption}
            for option in schema.options
        ]
    return data


def _check_name(name: object, field: str) -> str:
    if not isinstance(name, str):
        raise InvalidMetadataError(f"must be a string, not {type(name).__name__}", field=field)
    problem = text_problem(name, nul=True)
    if problem:
        raise InvalidMetadataError(problem, field=field)
    stripped = name.strip()
    if not 1 <= len(stripped) <= 100:
        raise InvalidMetadataError("must have 1 to 100 characters (spaces stripped)", field=field)
    return stripped


def _check_unique(names: Sequence[str], field: str) -> None:
    seen: set[str] = set()
    for position, name in enumerate(names):
        if name in seen:
            raise InvalidMetadataError(f"{name!r} is given twice", field=f"{field}[{position}]")
        seen.add(name)


def _rows(rows: Any, field: str, what: str = "a list") -> Iterable[Any]:
    """`rows` if it is a list-like of rows; `InvalidMetadataError` naming `field` otherwise."""
    if isinstance(rows, (str, bytes, Mapping, BaseModel)) or not isinstance(rows, Iterable):
        raise InvalidMetadataError(f"pass {what}, not a {type(rows).__name__}", field=field)
    return rows


def _fields_of(fields: Any, index: int | None) -> list[Mapping[str, Any]]:
    """Fields as the API returns them (`{"schemaId": ..., "value": ...}`), checked."""
    checked = []
    for position, item in enumerate(_rows(fields, "fields")):
        if not isinstance(item, Mapping) or not isinstance(item.get("schemaId"), str):
            raise InvalidMetadataError(
                "expected a dict with a string 'schemaId'", field=f"fields[{position}]", index=index
            )
        checked.append(item)
    return checked


def _check_data_row_id(data_row_id: object, field: str, index: int | None) -> None:
    if not isinstance(data_row_id, str) or not data_row_id:
        raise InvalidMetadataError(f"not a data row id: {data_row_id!r}", field=field, index=index)
    problem = text_problem(data_row_id, nul=True)
    if problem:
        raise InvalidMetadataError(problem, field=field, index=index)


_FIELD_KEYS = frozenset({"schema_id", "schemaId", "name", "value", "kind"})


def _as_field(raw: object, where: str, index: int | None) -> DataRowMetadataField:
    if isinstance(raw, DataRowMetadataField):
        return _checked_field(raw, where, index)
    if not isinstance(raw, Mapping):
        raise InvalidMetadataError(
            f"expected a DataRowMetadataField or a dict, not {type(raw).__name__}",
            field=where,
            index=index,
        )
    unknown = sorted(str(key) for key in raw if key not in _FIELD_KEYS)
    if unknown:
        raise InvalidMetadataError(
            f"unknown key(s) {', '.join(map(repr, unknown))}; use schema_id or name, and value",
            field=where,
            index=index,
        )
    if "value" not in raw:
        raise InvalidMetadataError("has no 'value'", field=where, index=index)
    schema_id = raw.get("schema_id")
    camel_id = raw.get("schemaId")
    if schema_id is not None and camel_id is not None and schema_id != camel_id:
        raise InvalidMetadataError(
            "'schema_id' and 'schemaId' differ", field=f"{where}.schema_id", index=index
        )
    schema_id = schema_id if schema_id is not None else camel_id
    name = raw.get("name")
    return _checked_field(
        DataRowMetadataField.model_construct(schema_id=schema_id, name=name, value=raw["value"]),
        where,
        index,
    )


def _checked_field(
    field: DataRowMetadataField, where: str, index: int | None
) -> DataRowMetadataField:
    """`field` if its schema id and name are text that can be sent."""
    for key in ("schema_id", "name"):
        value = getattr(field, key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InvalidMetadataError(
                f"must be a string, not {type(value).__name__}", field=f"{where}.{key}", index=index
            )
        problem = text_problem(value, nul=True)
        if problem:
            raise InvalidMetadataError(problem, field=f"{where}.{key}", index=index)
    return field


def _upsert_items(
    schema: DataRowMetadataSchema, value: Any, where: str, index: int | None
) -> list[dict[str, Any]]:
    """The wire items for one field's value, checked against the schema's kind."""

    def invalid(reason: str) -> InvalidMetadataError:
        return InvalidMetadataError(reason, field=where, index=index)

    kind = schema.kind
    if kind is DataRowMetadataKind.string:
        if not isinstance(value, str):
            raise invalid(f"{schema.name!r} takes a string, not {type(value).__name__}")
        if len(value) > MAX_STRING_LENGTH:
            raise invalid(f"strings have at most {MAX_STRING_LENGTH} characters, not {len(value)}")
        problem = text_problem(value, nul=True)
        if problem:
            raise invalid(problem)
        return [{"schemaId": schema.uid, "value": value}]
    if kind is DataRowMetadataKind.number:
        number = _as_number(value)
        if number is None:
            raise invalid(f"{schema.name!r} takes a finite number, not {value!r}")
        return [{"schemaId": schema.uid, "value": number}]
    if kind is DataRowMetadataKind.datetime:
        return [{"schemaId": schema.uid, "value": _write_datetime(value, schema.name, invalid)}]
    if kind is DataRowMetadataKind.embedding:
        return [{"schemaId": schema.uid, "value": _as_embedding(schema, value, invalid)}]
    if kind is DataRowMetadataKind.enum:
        option = _enum_option(schema, value)
        if option is None:
            names = ", ".join(repr(o.name) for o in schema.options or [])
            raise invalid(
                f"{value!r} is not an option of the enum {schema.name!r} (options: {names})"
            )
        return [{"schemaId": schema.uid, "value": {}}, {"schemaId": option.uid, "value": {}}]
    raise invalid(f"values of {kind.name} schemas cannot be set")


def _as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if not isinstance(value, (numbers.Real, str)):
        return None
    try:
        number = float(value)  # 10**400 overflows, "1e400" is inf: neither is finite
    except (ValueError, OverflowError, TypeError):
        return None
    return number if math.isfinite(number) else None


def _as_embedding(
    schema: DataRowMetadataSchema, value: object, invalid: Callable[[str], InvalidMetadataError]
) -> list[float]:
    if not isinstance(value, (list, tuple)):
        raise invalid(f"{schema.name!r} takes a list of floats, not {type(value).__name__}")
    vector: list[float] = []
    for item in value:
        number = None if isinstance(item, str) else _as_number(item)
        if number is None:
            raise invalid(f"embeddings hold finite numbers, not {item!r}")
        vector.append(number)
    if schema.reserved and schema.name == "embedding":
        if len(vector) != EMBEDDING_LENGTH:
            raise invalid(f"'embedding' takes exactly {EMBEDDING_LENGTH} floats, not {len(vector)}")
    elif not 1 <= len(vector) <= MAX_EMBEDDING_LENGTH:
        raise invalid(f"embeddings have 1 to {MAX_EMBEDDING_LENGTH} floats, not {len(vector)}")
    return vector


def _enum_option(schema: DataRowMetadataSchema, value: object) -> DataRowMetadataSchema | None:
    if isinstance(value, DataRowMetadataSchema):
        value = value.uid
    if not isinstance(value, str):
        return None
    for option in schema.options or []:
        if option.uid == value:
            return option
    return _find_option(schema, value)


_FRACTION = re.compile(r"(\.\d+)")


def _parse_datetime(text: str) -> datetime:
    """An ISO 8601 string as a datetime; a trailing `Z` means UTC (naive stays naive)."""
    body = text.strip()
    utc = body[-1:] in ("Z", "z")
    if utc:
        body = body[:-1]
    # Python 3.10's fromisoformat takes only 3 or 6 fraction digits.
    body = _FRACTION.sub(lambda m: (m.group(1) + "000000")[:7], body, count=1)
    parsed = datetime.fromisoformat(body)
    if utc and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


def _write_datetime(
    value: object, name: str, invalid: Callable[[str], InvalidMetadataError]
) -> str:
    """UTC ISO 8601 with a `Z`; naive datetimes (and strings without offset) are local time."""
    if isinstance(value, str):
        try:
            moment = _parse_datetime(value)
        except ValueError:
            raise invalid(f"{value!r} is not an ISO 8601 datetime") from None
    elif isinstance(value, datetime):
        moment = value
    else:
        raise invalid(
            f"{name!r} takes a datetime or an ISO 8601 string, not {type(value).__name__}"
        )
    try:
        utc = moment.astimezone(timezone.utc)
    except (OverflowError, ValueError) as error:
        raise invalid(f"{value!r} cannot be converted to UTC: {error}") from None
    return utc.replace(tzinfo=None).isoformat() + "Z"


def _read_value(schema: DataRowMetadataSchema, value: Any) -> Any:
    """A value from the server in its Python type; kept raw (with a warning) if malformed."""
    try:
        if schema.kind is DataRowMetadataKind.datetime and isinstance(value, str):
            moment = _parse_datetime(value)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
            return moment.astimezone(timezone.utc)
        if schema.kind is DataRowMetadataKind.number and value is not None:
            return float(value)
        if schema.kind is DataRowMetadataKind.embedding and isinstance(value, list):
            return [float(item) for item in value]
    except (TypeError, ValueError, OverflowError):
        logger.warning(
            "Metadata value %r of %r is not a valid %s; kept raw",
            value,
            schema.name,
            schema.kind.name,
        )
    return value


def _batches(items: Sequence[T], size: int) -> Iterable[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
