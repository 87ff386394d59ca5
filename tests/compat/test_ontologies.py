"""The official SDK 3.36.0 against our server: ontologies and feature schemas."""

from __future__ import annotations

import time

import pytest

import labelbox
from labelbox import Classification, OntologyBuilder, Option, Tool
from labelbox.exceptions import MalformedQueryException
from labelbox.schema.media_type import MediaType


def builder() -> OntologyBuilder:
    return OntologyBuilder(
        tools=[
            Tool(tool=Tool.Type.BBOX, name="box"),
            Tool(
                tool=Tool.Type.POLYGON,
                name="area",
                classifications=[
                    Classification(
                        class_type=Classification.Type.RADIO,
                        instructions="kind",
                        options=[Option(value="a"), Option(value="b")],
                    )
                ],
            ),
        ],
        classifications=[
            Classification(class_type=Classification.Type.TEXT, instructions="notes"),
            Classification(
                class_type=Classification.Type.CHECKLIST,
                instructions="flags",
                options=[Option(value="x", options=[])],
            ),
        ],
    )


def test_create_and_read_an_ontology(client: labelbox.Client) -> None:
    name = f"compat ontology {time.time_ns()}"
    ontology = client.create_ontology(name, builder().asdict(), MediaType.Image)
    assert ontology.name == name
    assert (ontology.object_schema_count, ontology.classification_schema_count) == (2, 2)
    normalized = ontology.normalized
    assert OntologyBuilder.from_dict(normalized).asdict() == normalized
    tools = ontology.tools()
    assert [t.name for t in tools] == ["box", "area"]
    assert all(t.feature_schema_id and t.schema_id for t in tools)
    option = tools[1].classifications[0].options[0]
    assert option.feature_schema_id and option.schema_id and option.label == "a"
    assert [c.instructions for c in ontology.classifications()] == ["notes", "flags"]

    fetched = client.get_ontology(ontology.uid)
    assert fetched.normalized == normalized
    assert fetched.created_by().uid == client.get_user().uid
    assert [o.name for o in client.get_ontologies(name)] == [name]


def test_feature_schemas_and_ontologies_made_of_them(client: labelbox.Client) -> None:
    suffix = str(time.time_ns())
    tool = client.create_feature_schema(
        Tool(tool=Tool.Type.LINE, name=f"compat line {suffix}", color="black").asdict()
    )
    classification = client.create_feature_schema(
        Classification(
            class_type=Classification.Type.RADIO,
            instructions=f"compat radio {suffix}",
            options=[Option(value="yes")],
        ).asdict()
    )
    assert tool.uid == tool.normalized["featureSchemaId"]
    fetched = client.get_feature_schema(tool.uid)
    assert (fetched.uid, fetched.name, fetched.normalized) == (
        tool.uid,
        tool.name,
        tool.normalized,
    )
    found = list(client.get_feature_schemas(suffix))
    assert [f.uid for f in found] == [tool.uid, classification.uid]

    ontology = client.create_ontology_from_feature_schemas(
        f"compat from schemas {suffix}", [tool.uid, classification.uid]
    )
    assert ontology.normalized["tools"][0]["featureSchemaId"] == tool.uid
    assert ontology.normalized["tools"][0]["schemaNodeId"]
    assert ontology.normalized["classifications"][0]["featureSchemaId"] == classification.uid


def test_the_server_rejects_inconsistent_ontologies(client: labelbox.Client) -> None:
    normalized = {
        "tools": [{"tool": "rectangle", "name": "same"}, {"tool": "point", "name": "same"}],
        "classifications": [],
    }
    with pytest.raises(MalformedQueryException, match="duplicate tool name"):
        client.create_ontology("duplicates", normalized)
