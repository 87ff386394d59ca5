"""The normalized JSON of ontologies and feature schemas: checked, completed, walked.

What the SDK sends (`OntologyBuilder.asdict()`, or any dict of that shape) becomes the
canonical form the API returns, which `OntologyBuilder.from_dict(...).asdict()` reproduces
exactly:

* ontology `{tools, classifications}` (+ `projectInstructions`, a URL, once set);
* tool `{tool, name, required, color, classifications, schemaNodeId, featureSchemaId}`;
* classification `{type, instructions, name, required, options, schemaNodeId,
  featureSchemaId}`, plus `scope` (`global` | `index`) at the top level;
* option `{schemaNodeId, featureSchemaId, label, value, options}` (`options` are nested
  classifications).

Missing keys get their defaults (`required` false, `scope` global, `label` the value, a tool
without a color the color `OntologyBuilder` would give it), `name` and `instructions` of a
classification are the same text, and unknown keys are dropped. Invalid input raises
`MalformedRequest` naming the node (`tools[1].classifications[0]: ...`): unknown tool or
classification types, empty names, two siblings with one name or option value, options on a
text classification, a choice classification without options.

Ids are not assigned here: `nodes()` walks a canonical tree so the caller can.
"""

from __future__ import annotations

import colorsys
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import MalformedRequest

TOOL_TYPES = frozenset(
    {"polygon", "superpixel", "raster-segmentation", "point", "rectangle", "line", "named-entity"}
)
CLASSIFICATION_TYPES = frozenset({"text", "checklist", "radio", "dropdown"})
CHOICE_TYPES = frozenset({"checklist", "radio", "dropdown"})
SCOPES = frozenset({"global", "index"})
INSTRUCTIONS = "projectInstructions"

TOOL, CLASSIFICATION, OPTION = "tool", "classification", "option"


def parse_text(text: str, what: str) -> Any:
    """JSON text → value (`MALFORMED_REQUEST` when it is not JSON)."""
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        raise MalformedRequest(f"{what} is not valid JSON") from None


def tool_color(index: int, count: int) -> str:
    """The color `OntologyBuilder` gives the `index`-th of `count` tools without one."""
    rgb = tuple(int(255 * x) for x in colorsys.hsv_to_rgb(index / count, 1, 1))
    return "#" + "".join(f"{c:02x}" for c in rgb)


def canonical_ontology(raw: Any) -> dict[str, Any]:
    """An ontology's normalized JSON in canonical form (ids as given, not yet assigned)."""
    if not isinstance(raw, Mapping):
        raise MalformedRequest("normalized: expected an object with tools and classifications")
    tools = _list(raw.get("tools"), "tools")
    classifications = _list(raw.get("classifications"), "classifications")
    result: dict[str, Any] = {
        "tools": [
            canonical_tool(tool, f"tools[{i}]", tool_color(i, len(tools)))
            for i, tool in enumerate(tools)
        ],
        "classifications": [
            canonical_classification(c, f"classifications[{i}]", top_level=True)
            for i, c in enumerate(classifications)
        ],
    }
    _unique(result["tools"], "name", "tools", "tool name")
    _unique(result["classifications"], "instructions", "classifications", "classification")
    instructions = raw.get(INSTRUCTIONS)
    if isinstance(instructions, str):
        result[INSTRUCTIONS] = instructions
    return result


def canonical_feature(raw: Any) -> tuple[str, dict[str, Any]]:
    """A feature schema's normalized JSON: (`tool` or `classification`, canonical form)."""
    if isinstance(raw, Mapping) and "tool" in raw:
        return TOOL, canonical_tool(raw, "normalized", None)
    if isinstance(raw, Mapping) and "type" in raw:
        return CLASSIFICATION, canonical_classification(raw, "normalized", top_level=True)
    raise MalformedRequest("normalized: expected a tool (with `tool`) or a classification (`type`)")


def canonical_tool(raw: Any, path: str, default_color: str | None) -> dict[str, Any]:
    node = _object(raw, path)
    tool = node.get("tool")
    if tool not in TOOL_TYPES:
        raise MalformedRequest(f"{path}: unknown tool {tool!r} (one of {sorted(TOOL_TYPES)})")
    color = node.get("color")
    if color is not None and not isinstance(color, str):
        raise MalformedRequest(f"{path}.color: expected a string")
    children = _list(node.get("classifications"), f"{path}.classifications")
    classifications = [
        canonical_classification(c, f"{path}.classifications[{i}]", top_level=False)
        for i, c in enumerate(children)
    ]
    _unique(classifications, "instructions", f"{path}.classifications", "classification")
    return {
        "tool": tool,
        "name": _name(node.get("name"), f"{path}.name"),
        "required": _flag(node.get("required"), f"{path}.required"),
        "color": color if color is not None else default_color,
        "classifications": classifications,
        "schemaNodeId": _id(node.get("schemaNodeId"), f"{path}.schemaNodeId"),
        "featureSchemaId": _id(node.get("featureSchemaId"), f"{path}.featureSchemaId"),
    }


def canonical_classification(raw: Any, path: str, *, top_level: bool) -> dict[str, Any]:
    node = _object(raw, path)
    kind = node.get("type")
    if kind not in CLASSIFICATION_TYPES:
        raise MalformedRequest(
            f"{path}: unknown classification type {kind!r} (one of {sorted(CLASSIFICATION_TYPES)})"
        )
    text = node.get("instructions")
    if text is None:
        text = node.get("name")
    instructions = _name(text, f"{path}.instructions")
    raw_options = _list(node.get("options"), f"{path}.options")
    if kind == "text" and raw_options:
        raise MalformedRequest(f"{path}: a text classification takes no options")
    if kind in CHOICE_TYPES and not raw_options:
        raise MalformedRequest(f"{path}: a {kind} classification requires options")
    options = [canonical_option(o, f"{path}.options[{i}]") for i, o in enumerate(raw_options)]
    _unique(options, "value", f"{path}.options", "option value")
    result = {
        "type": kind,
        "instructions": instructions,
        "name": instructions,
        "required": _flag(node.get("required"), f"{path}.required"),
        "options": options,
        "schemaNodeId": _id(node.get("schemaNodeId"), f"{path}.schemaNodeId"),
        "featureSchemaId": _id(node.get("featureSchemaId"), f"{path}.featureSchemaId"),
    }
    if top_level:
        scope = node.get("scope")
        if scope is None:
            scope = "global"
        if scope not in SCOPES:
            raise MalformedRequest(f"{path}.scope: expected one of {sorted(SCOPES)}")
        result["scope"] = scope
    return result


def canonical_option(raw: Any, path: str) -> dict[str, Any]:
    node = _object(raw, path)
    value = node.get("value")
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        raise MalformedRequest(f"{path}.value: expected a non-empty string or an integer")
    label = node.get("label")
    if label is None:
        label = value
    if isinstance(label, bool) or not isinstance(label, str | int):
        raise MalformedRequest(f"{path}.label: expected a string or an integer")
    children = _list(node.get("options"), f"{path}.options")
    nested = [
        canonical_classification(c, f"{path}.options[{i}]", top_level=False)
        for i, c in enumerate(children)
    ]
    _unique(nested, "instructions", f"{path}.options", "classification")
    return {
        "schemaNodeId": _id(node.get("schemaNodeId"), f"{path}.schemaNodeId"),
        "featureSchemaId": _id(node.get("featureSchemaId"), f"{path}.featureSchemaId"),
        "label": label,
        "value": value,
        "options": nested,
    }


# -- walking ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """A tool, classification or option of a canonical tree (`node` is the dict itself,
    so ids can be written into it); `root` for tools and top-level classifications."""

    kind: str
    path: str
    node: dict[str, Any]
    root: bool

    @property
    def name(self) -> str:
        key = {TOOL: "name", CLASSIFICATION: "instructions", OPTION: "label"}[self.kind]
        return str(self.node[key])


def nodes(normalized: Mapping[str, Any]) -> Iterator[Node]:
    """Every node of a canonical ontology, parents before their children."""
    for i, tool in enumerate(normalized.get("tools", [])):
        yield from feature_nodes(TOOL, tool, f"tools[{i}]")
    for i, classification in enumerate(normalized.get("classifications", [])):
        yield from feature_nodes(CLASSIFICATION, classification, f"classifications[{i}]")


def feature_nodes(kind: str, node: dict[str, Any], path: str, root: bool = True) -> Iterator[Node]:
    """A canonical tool or classification and every node under it, parents first."""
    yield Node(kind, path, node, root)
    if kind == TOOL:
        for i, child in enumerate(node["classifications"]):
            yield from feature_nodes(CLASSIFICATION, child, f"{path}.classifications[{i}]", False)
    elif kind == CLASSIFICATION:
        for i, child in enumerate(node["options"]):
            yield from feature_nodes(OPTION, child, f"{path}.options[{i}]", False)
    else:
        for i, child in enumerate(node["options"]):
            yield from feature_nodes(CLASSIFICATION, child, f"{path}.options[{i}]", False)


# -- small checks -------------------------------------------------------------------------


def _object(raw: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(raw, Mapping):
        raise MalformedRequest(f"{path}: expected an object")
    return raw


def _list(raw: Any, path: str) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise MalformedRequest(f"{path}: expected a list")
    return raw


def _name(raw: Any, path: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise MalformedRequest(f"{path}: expected a non-empty string")
    return raw


def _flag(raw: Any, path: str) -> bool:
    if raw is None:
        return False
    if not isinstance(raw, bool):
        raise MalformedRequest(f"{path}: expected true or false")
    return raw


def _id(raw: Any, path: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw:
        raise MalformedRequest(f"{path}: expected an id")
    return raw


def _unique(items: list[dict[str, Any]], key: str, path: str, what: str) -> None:
    seen: dict[Any, int] = {}
    for index, item in enumerate(items):
        value = item[key]
        if value in seen:
            raise MalformedRequest(
                f"{path}[{index}]: duplicate {what} {value!r} (also {path}[{seen[value]}])"
            )
        seen[value] = index
