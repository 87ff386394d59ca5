"""Schemas from the wire, and the indexes of the ontology: by id, by name, options by name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pydantic import ValidationError

from labelbox.exceptions import ResponseValidationError
from labelbox.schema._metadata.models import (
    DataRowMetadataKind,
    DataRowMetadataSchema,
    NameIndexEntry,
    NormalizedNameIndex,
)

if TYPE_CHECKING:
    from labelbox._generated.fragments import MetadataSchemaFields


def schema_from_wire(item: MetadataSchemaFields) -> DataRowMetadataSchema:
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


def with_parent_on_options(schema: DataRowMetadataSchema) -> DataRowMetadataSchema:
    if not schema.options or all(option.parent == schema.uid for option in schema.options):
        return schema
    options = [option.model_copy(update={"parent": schema.uid}) for option in schema.options]
    return schema.model_copy(update={"options": options})


def id_index(schemas: Iterable[DataRowMetadataSchema]) -> dict[str, DataRowMetadataSchema]:
    index: dict[str, DataRowMetadataSchema] = {}
    for schema in schemas:
        index[schema.uid] = schema
        for option in schema.options or []:
            index[option.uid] = option
    return index


def name_index(schemas: Iterable[DataRowMetadataSchema]) -> dict[str, NameIndexEntry]:
    index: dict[str, NameIndexEntry] = {}
    for schema in schemas:
        if schema.kind is DataRowMetadataKind.enum:
            index[schema.name] = {option.name: option for option in schema.options or []}
        else:
            index[schema.name] = schema
    return index


def find_option(schema: DataRowMetadataSchema, name: str) -> DataRowMetadataSchema | None:
    options = schema.options or []
    for option in options:
        if option.name == name:
            return option
    return NormalizedNameIndex(options).get(name)
