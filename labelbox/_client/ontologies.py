"""Ontologies and feature schemas."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox._client.base import ClientBase
from labelbox.pagination import CursorPages, PaginatedCollection
from labelbox.schema._ontology.nodes import Classification, Tool
from labelbox.schema.media_type import MediaType, get_media_type_validation_error
from labelbox.schema.ontology import (
    FeatureSchema,
    FeatureSchemaDict,
    Ontology,
    OntologyBuilder,
    OntologyDict,
)

if TYPE_CHECKING:
    from labelbox._generated.enums import MediaType as GraphQLMediaType


class OntologyMethods(ClientBase):
    def get_ontology(self, ontology_id: str) -> Ontology:
        """The ontology with this id; `ResourceNotFoundError` if there is none."""
        ops = self._gateway.ops
        return self._get_by_id(
            Ontology, lambda: ops.get_ontology_py_api(ontology_id).ontology, ontology_id
        )

    def get_ontologies(self, name_contains: str) -> PaginatedCollection[Ontology]:
        """Ontologies whose name contains `name_contains` (any letter case), oldest first."""
        ops = self._gateway.ops
        client = self._as_client

        def page(cursor: Any, first: int) -> tuple[list[Ontology], Any]:
            result = ops.get_ontologies_py_api(search=name_contains, from_=cursor, first=first)
            found = result.ontologies
            return [Ontology(client, node) for node in found.nodes], found.next_cursor

        return PaginatedCollection._of(client, CursorPages(page))

    def get_feature_schema(self, feature_schema_id: str) -> FeatureSchema:
        """The top-level feature schema with this id; `ResourceNotFoundError` if none."""
        ops = self._gateway.ops
        return self._get_by_id(
            FeatureSchema,
            lambda: ops.get_feature_schema_py_api(feature_schema_id).root_schema_node,
            feature_schema_id,
        )

    def get_feature_schemas(self, name_contains: str) -> PaginatedCollection[FeatureSchema]:
        """Top-level feature schemas whose name contains `name_contains`, oldest first."""
        ops = self._gateway.ops
        client = self._as_client

        def page(cursor: Any, first: int) -> tuple[list[FeatureSchema], Any]:
            result = ops.get_feature_schemas_py_api(search=name_contains, from_=cursor, first=first)
            found = result.root_schema_nodes
            return [FeatureSchema(client, node) for node in found.nodes], found.next_cursor

        return PaginatedCollection._of(client, CursorPages(page))

    def create_ontology(
        self,
        name: str,
        normalized: OntologyDict | Mapping[str, Any] | OntologyBuilder,
        media_type: MediaType | None = None,
    ) -> Ontology:
        """Create an ontology from its normalized JSON (or an `OntologyBuilder`).

        >>> builder = OntologyBuilder(tools=[Tool(tool=Tool.Type.BBOX, name="car")])
        >>> ontology = client.create_ontology("vehicles", builder.asdict())

        The ontology is checked before anything is sent (`InconsistentOntologyException`
        names the node: two tools with one name, an option on a text classification, ...).
        Nodes carrying a feature schema id keep it; the server gives every other node one.
        """
        if isinstance(normalized, OntologyBuilder):
            normalized = normalized.asdict()
        else:
            OntologyBuilder.from_dict(normalized).asdict()  # checks every node
        created = self._gateway.ops.create_ontology_py_api(
            name, json.dumps(normalized), _media_type(media_type)
        ).upsert_ontology
        return Ontology(self._as_client, created)

    def create_ontology_from_feature_schemas(
        self,
        name: str,
        feature_schema_ids: Iterable[str],
        media_type: MediaType | None = None,
    ) -> Ontology:
        """Create an ontology of existing top-level feature schemas (tools and
        classifications), which keep their ids."""
        if isinstance(feature_schema_ids, (str, bytes)):
            raise exceptions.InvalidAttributeError(
                Ontology, "feature_schema_ids", "pass a list of feature schema ids, not a str"
            )
        tools: list[Any] = []
        classifications: list[Any] = []
        for feature_schema_id in feature_schema_ids:
            normalized: Mapping[str, Any] = self.get_feature_schema(feature_schema_id).normalized
            if "tool" in normalized:
                tools.append(normalized)
            elif "type" in normalized:
                classifications.append(normalized)
            else:
                raise ValueError(
                    "Neither `tool` or `classification` found in the normalized feature schema"
                )
        return self.create_ontology(
            name, {"tools": tools, "classifications": classifications}, media_type
        )

    def create_feature_schema(
        self, normalized: FeatureSchemaDict | Mapping[str, Any]
    ) -> FeatureSchema:
        """Create a top-level feature schema: one tool or classification, as normalized JSON.

        >>> client.create_feature_schema(Tool(tool=Tool.Type.BBOX, name="cat").asdict())

        Checked before anything is sent, like `create_ontology`. With the id of an existing
        feature schema (`featureSchemaId`), that schema's definition is replaced.
        """
        if "tool" in normalized:
            Tool.from_dict(normalized).asdict()
        elif "type" in normalized:
            Classification.from_dict(normalized).asdict()
        else:
            raise exceptions.InconsistentOntologyException(
                "normalized: a feature schema is a tool (with `tool`) or a classification "
                "(with `type`)"
            )
        # Falsy values are left out, as Labelbox's SDK sends them.
        sent = {key: value for key, value in normalized.items() if value}
        created = self._gateway.ops.upsert_feature_schema_py_api(json.dumps(sent))
        return FeatureSchema(self._as_client, created.upsert_root_schema_node)


def _media_type(media_type: MediaType | None) -> GraphQLMediaType | None:
    if media_type is None:
        return None
    if not MediaType.is_supported(media_type):
        raise get_media_type_validation_error(media_type)
    from labelbox._generated.enums import MediaType as GraphQLMediaType

    return GraphQLMediaType(MediaType(media_type).value)
