"""`Tool`, `Classification` and `Option`: the nodes of an ontology.

Each node converts to its normalized JSON (`asdict()`) and back (`from_dict()`). `asdict()`
checks the node first and raises `InconsistentOntologyException` naming it and the reason:
two nested classifications with one name, two options with one value, options on a text
classification, a choice classification without options, or an object of the wrong kind
where a node is expected (an `Option` among a tool's classifications, say).
`from_dict()` accepts every key missing (defaults as `asdict()` writes them) and raises the
same exception for a value of the wrong kind.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, cast

from labelbox.exceptions import InconsistentOntologyException
from labelbox.schema._ontology.types import (
    ClassificationDict,
    ClassificationTypeValue,
    OptionDict,
    ToolDict,
    ToolTypeValue,
)


@dataclass
class Option:
    """An answer of a radio, checklist or dropdown classification.

    >>> Option(value="red")                 # label defaults to the value
    >>> Option(value="car", options=[Classification(Classification.Type.TEXT, "plate")])
    """

    value: str | int
    label: str | int | None = None
    schema_id: str | None = None
    feature_schema_id: str | None = None
    options: list[Classification] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.label is None:
            self.label = self.value

    @classmethod
    def from_dict(cls, dictionary: Mapping[str, Any]) -> Option:
        return _option(dictionary, "option")

    def asdict(self) -> OptionDict:
        _check_nested(self.options, f"option {self.value!r}")
        return {
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
            "label": self.label if self.label is not None else self.value,
            "value": self.value,
            "options": [o.asdict(is_subclass=True) for o in self.options],
        }

    def add_option(self, option: Classification) -> None:
        """Nest a classification under this option (its instructions must be new here)."""
        _require(option, Classification, f"option {self.value!r}")
        if option.instructions in (o.instructions for o in self.options):
            raise InconsistentOntologyException(
                f"Duplicate nested classification '{option.instructions}' for option '{self.label}'"
            )
        self.options.append(option)


@dataclass
class Classification:
    """A question about an object or the whole asset: free text, or a choice of `Option`s.

    >>> Classification(Classification.Type.RADIO, "color", options=[Option("red")])
    """

    class Type(Enum):
        TEXT = "text"
        CHECKLIST = "checklist"
        RADIO = "radio"
        DROPDOWN = "dropdown"

    class Scope(Enum):
        GLOBAL = "global"
        INDEX = "index"

    class_type: Type
    instructions: str
    required: bool = False
    options: list[Option] = field(default_factory=list)
    schema_id: str | None = None
    feature_schema_id: str | None = None
    scope: Scope | None = None

    def __post_init__(self) -> None:
        if self.class_type == Classification.Type.DROPDOWN:
            warnings.warn(
                "Dropdown classification is deprecated and will be removed in a future "
                "release; use radio instead.",
                stacklevel=3,
            )

    @property
    def name(self) -> str:
        """The classification's name: its instructions."""
        return self.instructions

    @classmethod
    def from_dict(cls, dictionary: Mapping[str, Any]) -> Classification:
        return _classification(dictionary, "classification")

    def asdict(self, is_subclass: bool = False) -> ClassificationDict:
        """The normalized JSON; `scope` only for a top-level one (`is_subclass=False`)."""
        what = f"classification '{self.instructions}'"
        kind = _require(self.class_type, Classification.Type, f"{what}: class_type")
        if kind in _CHOICES and not self.options:
            raise InconsistentOntologyException(
                f"Classification '{self.instructions}' requires options."
            )
        if kind == Classification.Type.TEXT and self.options:
            raise InconsistentOntologyException(
                f"Classification '{self.instructions}' is a text classification: it takes no options."
            )
        values: set[str | int] = set()
        for option in self.options:
            _require(option, Option, what)
            if option.value in values:
                raise InconsistentOntologyException(
                    f"Duplicate option '{option.value}' for classification '{self.instructions}'."
                )
            values.add(option.value)
        classification: ClassificationDict = {
            "type": cast(ClassificationTypeValue, kind.value),
            "instructions": self.instructions,
            "name": self.instructions,
            "required": self.required,
            "options": [o.asdict() for o in self.options],
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
        }
        if not is_subclass:
            scope = self.scope if self.scope is not None else Classification.Scope.GLOBAL
            classification["scope"] = scope.value
        return classification

    def add_option(self, option: Option) -> None:
        """Add an answer (its value must be new in this classification)."""
        _require(option, Option, f"classification '{self.instructions}'")
        if option.value in (o.value for o in self.options):
            raise InconsistentOntologyException(
                f"Duplicate option '{option.value}' for classification '{self.name}'."
            )
        self.options.append(option)


_CHOICES = frozenset(
    {Classification.Type.CHECKLIST, Classification.Type.RADIO, Classification.Type.DROPDOWN}
)


@dataclass
class Tool:
    """A kind of object labelers draw (a box, a polygon, ...), with nested classifications.

    >>> Tool(tool=Tool.Type.BBOX, name="car")
    """

    class Type(Enum):
        POLYGON = "polygon"
        SEGMENTATION = "superpixel"
        RASTER_SEGMENTATION = "raster-segmentation"
        POINT = "point"
        BBOX = "rectangle"
        LINE = "line"
        NER = "named-entity"

    tool: Type
    name: str
    required: bool = False
    color: str | None = None
    classifications: list[Classification] = field(default_factory=list)
    schema_id: str | None = None
    feature_schema_id: str | None = None

    @classmethod
    def from_dict(cls, dictionary: Mapping[str, Any]) -> Tool:
        return _tool(dictionary, "tool")

    def asdict(self) -> ToolDict:
        kind = _require(self.tool, Tool.Type, f"tool '{self.name}': tool")
        _check_nested(self.classifications, f"tool '{self.name}'")
        return {
            "tool": cast(ToolTypeValue, kind.value),
            "name": self.name,
            "required": self.required,
            "color": self.color,
            "classifications": [c.asdict(is_subclass=True) for c in self.classifications],
            "schemaNodeId": self.schema_id,
            "featureSchemaId": self.feature_schema_id,
        }

    def add_classification(self, classification: Classification) -> None:
        """Nest a classification under this tool (its instructions must be new here)."""
        _require(classification, Classification, f"tool '{self.name}'")
        if classification.instructions in (c.instructions for c in self.classifications):
            raise InconsistentOntologyException(
                f"Duplicate nested classification '{classification.instructions}' "
                f"for tool '{self.name}'"
            )
        self.classifications.append(classification)


# -- checks ---------------------------------------------------------------------------------


def _require(value: Any, kind: type[Any], where: str) -> Any:
    if not isinstance(value, kind):
        raise InconsistentOntologyException(
            f"{where}: expected a {kind.__qualname__}, got {type(value).__name__} {value!r}"
        )
    return value


def _check_nested(classifications: Iterable[Any], where: str) -> None:
    seen: set[str] = set()
    for classification in classifications:
        _require(classification, Classification, where)
        if classification.instructions in seen:
            raise InconsistentOntologyException(
                f"Duplicate nested classification '{classification.instructions}' for {where}"
            )
        seen.add(classification.instructions)


# -- from normalized JSON -------------------------------------------------------------------


def _tool(data: Mapping[str, Any], path: str) -> Tool:
    node = _mapping(data, path)
    return Tool(
        tool=_enum(Tool.Type, node.get("tool"), f"{path}.tool"),
        name=_text(node.get("name"), f"{path}.name"),
        required=_flag(node.get("required"), f"{path}.required"),
        color=_optional_text(node.get("color"), f"{path}.color"),
        classifications=[
            _classification(c, f"{path}.classifications[{i}]")
            for i, c in enumerate(_items(node.get("classifications"), f"{path}.classifications"))
        ],
        schema_id=_optional_text(node.get("schemaNodeId"), f"{path}.schemaNodeId"),
        feature_schema_id=_optional_text(node.get("featureSchemaId"), f"{path}.featureSchemaId"),
    )


def _classification(data: Mapping[str, Any], path: str) -> Classification:
    node = _mapping(data, path)
    instructions = node.get("instructions")
    if instructions is None:
        instructions = node.get("name")
    scope = node.get("scope")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # reading a dropdown is not creating one
        return Classification(
            class_type=_enum(Classification.Type, node.get("type"), f"{path}.type"),
            instructions=_text(instructions, f"{path}.instructions"),
            required=_flag(node.get("required"), f"{path}.required"),
            options=[
                _option(o, f"{path}.options[{i}]")
                for i, o in enumerate(_items(node.get("options"), f"{path}.options"))
            ],
            schema_id=_optional_text(node.get("schemaNodeId"), f"{path}.schemaNodeId"),
            feature_schema_id=_optional_text(
                node.get("featureSchemaId"), f"{path}.featureSchemaId"
            ),
            scope=_enum(Classification.Scope, scope, f"{path}.scope") if scope else None,
        )


def _option(data: Mapping[str, Any], path: str) -> Option:
    node = _mapping(data, path)
    value = node.get("value")
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InconsistentOntologyException(f"{path}.value: expected a string or an integer")
    label = node.get("label")
    if label is not None and (isinstance(label, bool) or not isinstance(label, str | int)):
        raise InconsistentOntologyException(f"{path}.label: expected a string or an integer")
    return Option(
        value=value,
        label=label,
        schema_id=_optional_text(node.get("schemaNodeId"), f"{path}.schemaNodeId"),
        feature_schema_id=_optional_text(node.get("featureSchemaId"), f"{path}.featureSchemaId"),
        options=[
            _classification(c, f"{path}.options[{i}]")
            for i, c in enumerate(_items(node.get("options"), f"{path}.options"))
        ],
    )


def _mapping(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InconsistentOntologyException(f"{path}: expected an object, got {value!r}")
    return value


def _items(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise InconsistentOntologyException(f"{path}: expected a list, got {value!r}")
    return list(value)


def _text(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InconsistentOntologyException(f"{path}: expected a non-empty string, got {value!r}")
    return value


def _optional_text(value: Any, path: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InconsistentOntologyException(f"{path}: expected a string, got {value!r}")
    return value


def _flag(value: Any, path: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InconsistentOntologyException(f"{path}: expected true or false, got {value!r}")
    return value


def _enum(kind: type[Any], value: Any, path: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(repr(member.value) for member in kind)
        raise InconsistentOntologyException(f"{path}: {value!r} is not one of {allowed}") from None
