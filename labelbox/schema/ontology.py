"""Ontologies: what can be labeled in a project.

An `Ontology` is stored on the server; `OntologyBuilder`, `Tool`, `Classification` and
`Option` build its normalized JSON (typed: `OntologyDict`, `ToolDict`, ...). A
`FeatureSchema` is a top-level tool or classification that ontologies can share.

>>> builder = OntologyBuilder(tools=[Tool(tool=Tool.Type.BBOX, name="car")])
>>> ontology = client.create_ontology("vehicles", builder.asdict())
>>> project.setup_editor(ontology)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from labelbox._generated.entities import FeatureSchemaBase, OntologyBase
from labelbox.orm.field import Field
from labelbox.schema._ontology.builder import OntologyBuilder
from labelbox.schema._ontology.nodes import Classification, Option, Tool
from labelbox.schema._ontology.types import (
    ClassificationDict,
    FeatureSchemaDict,
    OntologyDict,
    OptionDict,
    ToolDict,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

    from labelbox.client import Client

#: A feature schema id (25 characters).
FeatureSchemaId: TypeAlias = str
#: A schema node id: a node's id in one ontology (25 characters).
SchemaId: TypeAlias = str


class FeatureSchema(FeatureSchemaBase):
    """A top-level tool or classification, reusable across ontologies
    (`client.create_ontology_from_feature_schemas`). `uid` is its feature schema id."""

    normalized: Field[FeatureSchemaDict] = Field("normalized")

    @property
    def color(self) -> str | None:
        """A tool's color (None for a classification)."""
        normalized = self.normalized
        return normalized["color"] if "tool" in normalized else None  # type: ignore[typeddict-item]


class Ontology(OntologyBase):
    """An ontology: `normalized` holds its tools and classifications (an `OntologyDict`),
    with the server's `featureSchemaId` and `schemaNodeId` on every node.

    `tools()` and `classifications()` give them as `Tool` / `Classification` objects.
    Relationships: `projects()` (the projects using it) and `created_by()`.
    """

    normalized: Field[OntologyDict] = Field("normalized")

    def __init__(self, client: Client, field_values: BaseModel | Mapping[str, Any]) -> None:
        super().__init__(client, field_values)
        self._tools: list[Tool] | None = None
        self._classifications: list[Classification] | None = None

    def tools(self) -> list[Tool]:
        """The tools (object kinds) of the ontology."""
        if self._tools is None:
            self._tools = [Tool.from_dict(tool) for tool in self.normalized["tools"]]
        return self._tools

    def classifications(self) -> list[Classification]:
        """The top-level classifications of the ontology."""
        if self._classifications is None:
            self._classifications = [
                Classification.from_dict(c) for c in self.normalized["classifications"]
            ]
        return self._classifications


def feature_kind(normalized: FeatureSchemaDict) -> str:
    """`tool` or `classification`, for a feature schema's normalized JSON."""
    return "tool" if "tool" in cast(dict[str, object], normalized) else "classification"


__all__ = [
    "Classification",
    "ClassificationDict",
    "FeatureSchema",
    "FeatureSchemaDict",
    "FeatureSchemaId",
    "Ontology",
    "OntologyBuilder",
    "OntologyDict",
    "Option",
    "OptionDict",
    "SchemaId",
    "Tool",
    "ToolDict",
]
