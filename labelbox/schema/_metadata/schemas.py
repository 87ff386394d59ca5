"""Managing custom schemas: create, rename, rename an enum's option, delete."""

from __future__ import annotations

from typing import Any

from labelbox._generated.enums import DataRowMetadataKind as _WireKind
from labelbox.exceptions import InvalidMetadataError, UnknownMetadataSchemaError
from labelbox.schema._metadata.indexes import find_option, schema_from_wire
from labelbox.schema._metadata.inputs import check_name, check_unique
from labelbox.schema._metadata.models import DataRowMetadataKind, DataRowMetadataSchema
from labelbox.schema._metadata.ontology import OntologyBase


class SchemaMethods(OntologyBase):
    """The schema-management calls of `DataRowMetadataOntology`; each refreshes the ontology."""

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
        data: dict[str, Any] = {"name": check_name(name, "name"), "kind": _WireKind(kind.value)}
        if options:
            if kind is not DataRowMetadataKind.enum:
                raise InvalidMetadataError(
                    f"only enum schemas have options, not {kind.name} schemas", field="options"
                )
            names = [check_name(option, f"options[{i}]") for i, option in enumerate(options)]
            check_unique(names, "options")
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
        data["name"] = check_name(new_name, "new_name")
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
        target = find_option(schema, option)
        if target is None:
            raise UnknownMetadataSchemaError(
                f"Metadata enum {schema.name!r} has no option {option!r}"
            )
        new_option = check_name(new_option, "new_option")
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
        schema = schema_from_wire(result.upsert_custom_metadata_schema)
        self.refresh_ontology()
        return schema


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
