"""Metadata fields in and out: parsing the API's fields, resolving and flattening fields to send."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from labelbox.exceptions import InvalidMetadataError
from labelbox.schema._metadata.inputs import as_field, check_rows, fields_of
from labelbox.schema._metadata.models import (
    DataRowMetadata,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataSchema,
)
from labelbox.schema._metadata.ontology import OntologyBase, Refresher
from labelbox.schema._metadata.values import read_value, upsert_items

# The public module's logger: its name is the one users configure.
logger = logging.getLogger("labelbox.schema.data_row_metadata")


class FieldMethods(OntologyBase):
    """Reading metadata as the API returns it, and checking metadata before it is sent."""

    # -- reading -------------------------------------------------------------------------

    def parse_metadata(self, unparsed: Sequence[Mapping[str, Any]]) -> list[DataRowMetadata]:
        """Parse `[{"dataRowId": ..., "fields": [{"schemaId": ..., "value": ...}]}]`."""
        if isinstance(unparsed, Mapping):
            raise InvalidMetadataError("pass a list of dicts, not a dict", field="unparsed")
        refresher = Refresher(self)
        parsed = []
        for index, row in enumerate(check_rows(unparsed, "unparsed")):
            if not isinstance(row, Mapping) or not isinstance(row.get("dataRowId"), str):
                raise InvalidMetadataError(
                    "expected a dict with a string 'dataRowId'", field="dataRowId", index=index
                )
            fields = self._parse_fields(fields_of(row.get("fields") or [], index), refresher)
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
        return self._parse_fields(fields_of(unparsed, None), Refresher(self))

    def _parse_fields(
        self, unparsed: Iterable[Mapping[str, Any]], refresher: Refresher
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
                        schema_id=schema.uid, name=schema.name, value=read_value(schema, value)
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
        return self._flatten(metadata_fields, Refresher(self), "metadata_fields", None)

    def _flatten(
        self,
        metadata_fields: Sequence[DataRowMetadataField | Mapping[str, Any]],
        refresher: Refresher,
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
            field = as_field(raw, where, index)
            schema = self._resolve_schema(field, refresher, where, index)
            if schema.uid in seen:
                raise InvalidMetadataError(
                    f"schema {schema.name!r} is given twice (also {prefix}[{seen[schema.uid]}])",
                    field=where,
                    index=index,
                )
            seen[schema.uid] = position
            items.extend(upsert_items(schema, field.value, f"{where}.value", index))
        return items

    def _resolve_schema(
        self, field: DataRowMetadataField, refresher: Refresher, where: str, index: int | None
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
