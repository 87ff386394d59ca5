"""The ontology's state: the schemas and their indexes, fetched, rebuilt and searched by name."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from labelbox.exceptions import LabelboxError, UnknownMetadataSchemaError
from labelbox.schema._metadata.indexes import (
    id_index,
    name_index,
    schema_from_wire,
    with_parent_on_options,
)
from labelbox.schema._metadata.models import (
    BATCH_SIZE,
    DataRowMetadataSchema,
    NameIndexEntry,
    NormalizedNameIndex,
)

if TYPE_CHECKING:
    from labelbox.client import Client


class OntologyBase:
    """What the groups of `DataRowMetadataOntology` methods share: the client and the indexes."""

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

    def __init__(self, client: Client | None) -> None:
        """Only the client and the batch size; `_build` sets the indexes."""
        self._client: Client | None = client
        self._batch_size = BATCH_SIZE

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
        return [schema_from_wire(item) for item in result.custom_metadata_ontology]

    def _build(self, schemas: Iterable[DataRowMetadataSchema]) -> None:
        self.fields = [with_parent_on_options(schema) for schema in schemas]
        self.fields_by_id = id_index(self.fields)
        self.reserved_fields = [schema for schema in self.fields if schema.reserved]
        self.reserved_by_id = id_index(self.reserved_fields)
        self.reserved_by_name = name_index(self.reserved_fields)
        self.reserved_by_name_normalized = NormalizedNameIndex(self.reserved_fields)
        self.custom_fields = [schema for schema in self.fields if not schema.reserved]
        self.custom_by_id = id_index(self.custom_fields)
        self.custom_by_name = name_index(self.custom_fields)
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


class Refresher:
    """Schema lookups for one call: an unknown id refreshes the ontology once."""

    def __init__(self, ontology: OntologyBase, refresh: bool = True) -> None:
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
