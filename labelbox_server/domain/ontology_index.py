"""An ontology's features, indexed for validating annotations against it.

Built from an ontology's normalized JSON (`{tools: [...], classifications: [...]}`, as the
SDK reads it back, with `featureSchemaId` on every node). Each node is a `Feature`: a tool
(`rectangle`, `polygon`, ...) with its nested classifications, a classification (`radio`,
`checklist`, `text`, `dropdown`) with its options, or an option with its nested
classifications. Annotations name a feature by `schemaId` (its `featureSchemaId`) or by
`name` (a tool's or classification's `name`, an option's `value`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

TOOLS = frozenset(
    {"rectangle", "polygon", "line", "point", "superpixel", "raster-segmentation", "named-entity"}
)
CLASSIFICATIONS = frozenset({"radio", "checklist", "text", "dropdown"})
OPTION = "option"


@dataclass(frozen=True)
class Feature:
    """One node of an ontology. `kind` is the tool (`rectangle`, ...), the classification
    type (`radio`, ...) or `option`; `children` are a tool's or an option's
    classifications, or a classification's options."""

    kind: str
    feature_schema_id: str
    name: str
    value: str
    color: str | None = None
    children: Children = field(default_factory=lambda: Children(()))

    @property
    def is_tool(self) -> bool:
        return self.kind in TOOLS


@dataclass(frozen=True)
class Children:
    """Features by feature schema id and by name."""

    features: tuple[Feature, ...]
    by_id: Mapping[str, Feature] = field(init=False)
    by_name: Mapping[str, Feature] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {f.feature_schema_id: f for f in self.features})
        names: dict[str, Feature] = {}
        for feature in self.features:
            names.setdefault(feature.name, feature)
            if feature.kind == OPTION:
                names.setdefault(feature.value, feature)
        object.__setattr__(self, "by_name", names)

    def find(self, schema_id: Any, name: Any) -> Feature | None:
        """The feature with this schema id (when given), else this name."""
        if isinstance(schema_id, str):
            return self.by_id.get(schema_id)
        if isinstance(name, str):
            return self.by_name.get(name)
        return None

    def __bool__(self) -> bool:
        return bool(self.features)


@dataclass(frozen=True)
class OntologyIndex:
    """The top-level tools and classifications of an ontology."""

    top: Children

    @classmethod
    def from_normalized(cls, normalized: Mapping[str, Any] | None) -> OntologyIndex:
        """The index of a normalized ontology (an empty one for None)."""
        normalized = normalized or {}
        tools = [_tool(t) for t in _items(normalized.get("tools"))]
        classifications = [_classification(c) for c in _items(normalized.get("classifications"))]
        return cls(Children(tuple(f for f in (*tools, *classifications) if f is not None)))


def slug(name: str) -> str:
    """How LBV1 exports write a feature's `value`: lower case, words joined by `_`."""
    return re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_") or name


def _items(value: Any) -> Iterable[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _schema_id(node: Mapping[str, Any]) -> str:
    value = node.get("featureSchemaId") or node.get("schemaNodeId")
    return str(value) if value else ""


def _tool(node: Mapping[str, Any]) -> Feature | None:
    kind, name = node.get("tool"), node.get("name")
    if kind not in TOOLS or not isinstance(name, str):
        return None
    nested = [_classification(c) for c in _items(node.get("classifications"))]
    color = node.get("color")
    return Feature(
        kind=str(kind),
        feature_schema_id=_schema_id(node),
        name=name,
        value=slug(name),
        color=color if isinstance(color, str) else None,
        children=Children(_present(nested)),
    )


def _classification(node: Mapping[str, Any]) -> Feature | None:
    kind = node.get("type")
    name = node.get("name") or node.get("instructions")
    if kind not in CLASSIFICATIONS or not isinstance(name, str):
        return None
    options = [_option(o) for o in _items(node.get("options"))]
    return Feature(
        kind=str(kind),
        feature_schema_id=_schema_id(node),
        name=name,
        value=slug(name),
        children=Children(_present(options)),
    )


def _option(node: Mapping[str, Any]) -> Feature | None:
    value = node.get("value")
    label = node.get("label")
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return None
    nested = [_classification(c) for c in _items(node.get("options"))]
    return Feature(
        kind=OPTION,
        feature_schema_id=_schema_id(node),
        name=str(label) if isinstance(label, str) and label else str(value),
        value=str(value),
        children=Children(_present(nested)),
    )


def _present(features: Sequence[Feature | None]) -> tuple[Feature, ...]:
    return tuple(f for f in features if f is not None)
