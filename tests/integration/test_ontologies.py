"""Ontologies, feature schemas and the builder, with our SDK against a real local server."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

import labelbox as lb
from labelbox import Classification, OntologyBuilder, Option, Tool
from labelbox.exceptions import InconsistentOntologyException, ResourceNotFoundError
from labelbox.schema.media_type import MediaType
from labelbox.schema.ontology import FeatureSchema, Ontology


def full_builder() -> OntologyBuilder:
    """Every tool type, every classification type, options with nested classifications."""
    nested = Classification(
        Classification.Type.RADIO,
        "occluded",
        options=[
            Option("yes", options=[Classification(Classification.Type.TEXT, "how much")]),
            Option(2, label="two"),
        ],
    )
    tools = [Tool(tool=kind, name=f"{kind.name.lower()} tool") for kind in Tool.Type]
    tools[0].add_classification(nested)
    tools[1].color = "#123456"
    tools[2].required = True
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dropdown = Classification(Classification.Type.DROPDOWN, "dropdown", options=[Option("d")])
    classifications = [
        Classification(Classification.Type.TEXT, "notes", scope=Classification.Scope.INDEX),
        Classification(Classification.Type.CHECKLIST, "flags", options=[Option("a"), Option("b")]),
        Classification(Classification.Type.RADIO, "quality", required=True, options=[Option("ok")]),
        dropdown,
    ]
    return OntologyBuilder(tools=tools, classifications=classifications)


def every_node(normalized: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    def walk(node: dict[str, Any]) -> None:
        found.append(node)
        for key in ("classifications", "options"):
            for child in node.get(key, []):
                walk(child)

    for node in [*normalized["tools"], *normalized["classifications"]]:
        walk(node)
    return found


def _without_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _without_ids(v)
            for k, v in value.items()
            if k not in ("featureSchemaId", "schemaNodeId")
        }
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def test_ontology_round_trip(client: lb.Client) -> None:
    builder = full_builder()
    ontology = client.create_ontology("round trip", builder.asdict(), MediaType.Image)
    assert isinstance(ontology, Ontology)
    assert ontology.object_schema_count == len(Tool.Type)
    assert ontology.classification_schema_count == 4
    normalized = ontology.normalized
    assert OntologyBuilder.from_dict(normalized).asdict() == normalized
    nodes = every_node(normalized)
    # 7 tools, a radio under the first with 2 options and a text under one of them; 4
    # classifications with 2 + 1 + 1 options.
    assert len(nodes) == len(Tool.Type) + 1 + 2 + 1 + 4 + 2 + 1 + 1
    assert all(node["featureSchemaId"] and node["schemaNodeId"] for node in nodes)
    # The server's answer is what the builder sent, plus ids.
    assert _without_ids(normalized) == _without_ids(builder.asdict())
    assert normalized["tools"][1]["color"] == "#123456"
    assert [t.name for t in ontology.tools()] == [t.name for t in builder.tools]
    assert ontology.tools()[0].classifications[0].options[1].label == "two"
    assert [c.class_type for c in ontology.classifications()] == [
        c.class_type for c in builder.classifications
    ]
    assert client.get_ontology(ontology.uid).normalized == normalized
    assert ontology.created_by() == client.get_user()
    assert list(ontology.projects()) == []


def test_get_ontologies_searches_names(client: lb.Client) -> None:
    made = [client.create_ontology(f"Searchable {i} of a kind", {"tools": []}) for i in range(3)]
    found = list(client.get_ontologies("SEARCHABLE"))
    assert [o.uid for o in found] == [o.uid for o in made]
    assert client.get_ontologies("searchable 1").get_one() == made[1]


def test_feature_schemas(client: lb.Client) -> None:
    tool = client.create_feature_schema(
        Tool(tool=Tool.Type.BBOX, name="fs cat", color="black").asdict()
    )
    assert isinstance(tool, FeatureSchema)
    assert tool.name == "fs cat" and tool.color == "black"
    assert tool.uid == tool.normalized["featureSchemaId"]
    classification = client.create_feature_schema(
        {"type": "radio", "instructions": "fs mood", "options": [{"value": "happy"}]}
    )
    assert classification.color is None
    assert client.get_feature_schema(tool.uid).normalized == tool.normalized
    assert [f.uid for f in client.get_feature_schemas("fs ")] == [tool.uid, classification.uid]

    ontology = client.create_ontology_from_feature_schemas(
        "from feature schemas", [tool.uid, classification.uid]
    )
    assert ontology.normalized["tools"][0]["featureSchemaId"] == tool.uid
    assert ontology.normalized["classifications"][0]["featureSchemaId"] == classification.uid
    assert ontology.normalized["tools"][0]["schemaNodeId"]
    with pytest.raises(lb.exceptions.InvalidAttributeError, match="feature_schema_ids"):
        client.create_ontology_from_feature_schemas("one id", tool.uid)  # not a list


def test_lookups_of_unknown_ids(client: lb.Client) -> None:
    with pytest.raises(ResourceNotFoundError):
        client.get_ontology("cmissingontology000000000")
    with pytest.raises(ResourceNotFoundError):
        client.get_feature_schema("cmissingschema00000000000")


@pytest.mark.parametrize(
    ("normalized", "message"),
    [
        (
            {"tools": [{"tool": "rectangle", "name": "a"}, {"tool": "polygon", "name": "a"}]},
            "Duplicate tool name 'a'",
        ),
        (
            {"classifications": [{"type": "text", "instructions": "t", "options": [{"value": 1}]}]},
            "text classification: it takes no options",
        ),
        (
            {"classifications": [{"type": "radio", "instructions": "r"}]},
            "Classification 'r' requires options",
        ),
        ({"tools": [{"tool": "hexagon", "name": "h"}]}, "tools[0].tool: 'hexagon' is not one of"),
        (
            {"tools": [{"tool": "line", "name": "l", "classifications": [{"value": "x"}]}]},
            "tools[0].classifications[0].type: None is not one of",
        ),
    ],
)
def test_bad_ontologies_raise_before_anything_is_sent(
    client: lb.Client, sent: list[str], normalized: Any, message: str
) -> None:
    with pytest.raises(InconsistentOntologyException, match=message.replace("[", r"\[")):
        client.create_ontology("bad", normalized)
    assert sent == []


def test_builder_checks_nodes() -> None:
    builder = OntologyBuilder()
    builder.add_tool(Tool(tool=Tool.Type.POINT, name="p"))
    with pytest.raises(InconsistentOntologyException, match="Duplicate tool name 'p'"):
        builder.add_tool(Tool(tool=Tool.Type.LINE, name="p"))
    radio = Classification(Classification.Type.RADIO, "r", options=[Option("x")])
    with pytest.raises(InconsistentOntologyException, match="Duplicate option 'x'"):
        radio.add_option(Option("x"))
    tool = Tool(tool=Tool.Type.BBOX, name="b", classifications=[Option("misplaced")])  # type: ignore[list-item]
    builder.tools.append(tool)
    with pytest.raises(InconsistentOntologyException, match="tool 'b': expected a Classification"):
        builder.asdict()
    with pytest.raises(InconsistentOntologyException, match="expected a Option"):
        Classification(Classification.Type.RADIO, "q").add_option("yes")  # type: ignore[arg-type]
