"""The normalized JSON of an ontology, typed (keys as on the wire).

What `OntologyBuilder.asdict()` returns and what `Ontology.normalized` holds: every key is
present, ids are None until the server assigns them.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

from typing_extensions import NotRequired, TypedDict

ToolTypeValue = Literal[
    "polygon", "superpixel", "raster-segmentation", "point", "rectangle", "line", "named-entity"
]
ClassificationTypeValue = Literal["text", "checklist", "radio", "dropdown"]
ScopeValue = Literal["global", "index"]


class OptionDict(TypedDict):
    """An answer of a choice classification; `options` are classifications nested under it."""

    schemaNodeId: str | None
    featureSchemaId: str | None
    label: str | int
    value: str | int
    options: list[ClassificationDict]


class ClassificationDict(TypedDict):
    """A classification; `scope` only at the top level of an ontology."""

    type: ClassificationTypeValue
    instructions: str
    name: str
    required: bool
    options: list[OptionDict]
    schemaNodeId: str | None
    featureSchemaId: str | None
    scope: NotRequired[ScopeValue]


class ToolDict(TypedDict):
    """A tool (an object kind), with the classifications nested under it."""

    tool: ToolTypeValue
    name: str
    required: bool
    color: str | None
    classifications: list[ClassificationDict]
    schemaNodeId: str | None
    featureSchemaId: str | None


class OntologyDict(TypedDict):
    """An ontology's normalized JSON; `projectInstructions` is set by
    `Project.upsert_instructions`."""

    tools: list[ToolDict]
    classifications: list[ClassificationDict]
    projectInstructions: NotRequired[str]


#: A feature schema's normalized JSON: one tool or one (top-level) classification.
FeatureSchemaDict: TypeAlias = ToolDict | ClassificationDict
