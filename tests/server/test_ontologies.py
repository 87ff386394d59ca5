"""Ontologies and feature schemas: the official SDK's documents, canonical normalized JSON,
server-assigned ids, reuse of feature schemas, search, and rejected input."""

from __future__ import annotations

import json
from typing import Any

import pytest

from labelbox_server.domain.ids import is_valid_id
from labelbox_server.domain.ontology_json import nodes

from . import setup_documents as docs
from .conftest import Api

ONTOLOGY = {
    "tools": [
        {
            "tool": "rectangle",
            "name": "box",
            "classifications": [
                {
                    "type": "radio",
                    "instructions": "kind",
                    "options": [
                        {"value": "car", "options": [{"type": "text", "instructions": "plate"}]},
                        {"value": "bus", "label": "Bus"},
                    ],
                }
            ],
        },
        {"tool": "polygon", "name": "area", "color": "#00ff00", "required": True},
    ],
    "classifications": [
        {"type": "checklist", "name": "flags", "options": [{"value": "blurry"}]},
        {"type": "text", "instructions": "notes", "scope": "index"},
    ],
}


def create_ontology(api: Api, name: str, normalized: Any, media_type: str | None = None) -> Any:
    data = {"name": name, "normalized": json.dumps(normalized), "mediaType": media_type}
    return api.data(docs.CREATE_ONTOLOGY, {"data": data})["upsertOntology"]


def create_feature_schema(api: Api, normalized: Any) -> Any:
    data = {"normalized": json.dumps(normalized)}
    return api.data(docs.CREATE_FEATURE_SCHEMA, {"data": data})["upsertRootSchemaNode"]


def ontology_errors(api: Api, normalized: Any) -> list[dict[str, Any]]:
    data = {"name": "bad", "normalized": json.dumps(normalized), "mediaType": None}
    return api.errors(docs.CREATE_ONTOLOGY, {"data": data})


def test_an_ontology_is_stored_in_canonical_form_with_ids_on_every_node(
    api: Api, unique: str
) -> None:
    ontology = create_ontology(api, unique + "o", ONTOLOGY, "IMAGE")
    normalized = ontology["normalized"]
    assert (ontology["objectSchemaCount"], ontology["classificationSchemaCount"]) == (2, 2)
    assert ontology["description"] == ""
    box, area = normalized["tools"]
    assert set(box) == {
        "tool",
        "name",
        "required",
        "color",
        "classifications",
        "schemaNodeId",
        "featureSchemaId",
    }
    assert (box["required"], area["required"], area["color"]) == (False, True, "#00ff00")
    assert box["color"] == "#ff0000"  # the color OntologyBuilder gives the first of two tools
    kind = box["classifications"][0]
    assert set(kind) == {
        "type",
        "instructions",
        "name",
        "required",
        "options",
        "schemaNodeId",
        "featureSchemaId",
    }
    car, bus = kind["options"]
    assert set(car) == {"schemaNodeId", "featureSchemaId", "label", "value", "options"}
    assert (car["label"], bus["label"]) == ("car", "Bus")
    assert car["options"][0]["name"] == car["options"][0]["instructions"] == "plate"
    flags, notes = normalized["classifications"]
    assert (flags["instructions"], flags["scope"], notes["scope"]) == ("flags", "global", "index")
    every = list(nodes(normalized))
    assert len(every) == 9
    node_ids = [n.node["schemaNodeId"] for n in every]
    feature_ids = [n.node["featureSchemaId"] for n in every]
    assert all(is_valid_id(i) for i in node_ids + feature_ids)
    assert len(set(node_ids + feature_ids)) == 18
    assert api.data(docs.GET_ONTOLOGY, {"param_0": ontology["id"]})["ontology"] == ontology


def test_feature_schemas_keep_their_ids_across_ontologies(api: Api, unique: str) -> None:
    first = create_ontology(api, unique + "first", ONTOLOGY)["normalized"]
    reused = {"tools": [first["tools"][0]], "classifications": [first["classifications"][0]]}
    second = create_ontology(api, unique + "second", reused)["normalized"]
    old, new = list(nodes(reused)), list(nodes(second))
    assert [n.node["featureSchemaId"] for n in new] == [n.node["featureSchemaId"] for n in old]
    assert not {n.node["schemaNodeId"] for n in new} & {n.node["schemaNodeId"] for n in old}


def test_ontology_from_feature_schemas(api: Api, unique: str) -> None:
    tool = create_feature_schema(api, {"tool": "point", "name": unique + "dot", "color": "blue"})
    classification = create_feature_schema(
        api, {"type": "radio", "instructions": unique + "q", "options": [{"value": "yes"}]}
    )
    tool_id = tool["normalized"]["featureSchemaId"]
    assert tool["id"] == tool_id and tool["name"] == unique + "dot"
    assert tool["normalized"]["schemaNodeId"] is None
    assert classification["normalized"]["scope"] == "global"
    fetched = api.data(
        docs.GET_FEATURE_SCHEMA, {"rootSchemaNodeWhere": {"featureSchemaId": tool_id}}
    )
    assert fetched["rootSchemaNode"] == tool
    ontology = create_ontology(
        api,
        unique + "from-schemas",
        {"tools": [tool["normalized"]], "classifications": [classification["normalized"]]},
    )["normalized"]
    assert ontology["tools"][0]["featureSchemaId"] == tool_id
    assert ontology["tools"][0]["color"] == "blue"
    assert is_valid_id(ontology["tools"][0]["schemaNodeId"])
    option = ontology["classifications"][0]["options"][0]
    assert (
        option["featureSchemaId"] == classification["normalized"]["options"][0]["featureSchemaId"]
    )


def test_upserting_a_feature_schema_with_its_id_replaces_it(api: Api, unique: str) -> None:
    created = create_feature_schema(api, {"tool": "line", "name": unique + "edge"})
    changed = create_feature_schema(api, {**created["normalized"], "name": unique + "border"})
    assert changed["id"] == created["id"]
    assert changed["name"] == unique + "border"
    found = api.data(
        docs.GET_FEATURE_SCHEMAS, {"search": unique, "filter": {"status": "ALL"}, "first": 100}
    )["rootSchemaNodes"]["nodes"]
    assert [n["id"] for n in found] == [created["id"]]


def test_search_ontologies_by_name_substring_in_pages(api: Api, unique: str) -> None:
    made = [create_ontology(api, f"{unique}Search-{i}", {"tools": []})["id"] for i in range(5)]
    create_ontology(api, unique + "other", {})
    seen: list[str] = []
    cursor = None
    while True:
        page = api.data(
            docs.GET_ONTOLOGIES,
            {
                "search": unique.upper() + "search",
                "filter": {"status": "ALL"},
                "from": cursor,
                "first": 2,
            },
        )["ontologies"]
        seen.extend(n["id"] for n in page["nodes"])
        cursor = page["nextCursor"]
        if not cursor:
            break
    assert seen == made


def test_ontology_relationships(api: Api, unique: str) -> None:
    ontology = create_ontology(api, unique + "rel", {})
    assert ontology["normalized"] == {"tools": [], "classifications": []}
    projects = api.data(docs.GET_ONTOLOGY_PROJECTS, {"param_0": False, "param_1": ontology["id"]})
    assert projects["ontology"]["projects"] == []
    creator = api.data(
        "query($id: ID!) { ontology(where: {id: $id}) { createdBy { id } options } }",
        {"id": ontology["id"]},
    )["ontology"]
    assert creator["createdBy"]["id"] == api.data("{ user { id } }")["user"]["id"]
    assert creator["options"] == ontology["normalized"]


@pytest.mark.parametrize(
    ("normalized", "message"),
    [
        (
            {"tools": [{"tool": "rectangle", "name": "a"}, {"tool": "point", "name": "a"}]},
            "tools[1]: duplicate tool name 'a' (also tools[0])",
        ),
        ({"tools": [{"tool": "hexagon", "name": "a"}]}, "tools[0]: unknown tool 'hexagon'"),
        (
            {
                "classifications": [
                    {"type": "text", "instructions": "t", "options": [{"value": "x"}]}
                ]
            },
            "classifications[0]: a text classification takes no options",
        ),
        (
            {"classifications": [{"type": "radio", "instructions": "r"}]},
            "classifications[0]: a radio classification requires options",
        ),
        (
            {
                "classifications": [
                    {
                        "type": "radio",
                        "instructions": "r",
                        "options": [{"value": "x"}, {"value": "x"}],
                    }
                ]
            },
            "classifications[0].options[1]: duplicate option value 'x'",
        ),
        ({"tools": [{"tool": "line", "name": " "}]}, "tools[0].name: expected a non-empty string"),
        (
            {
                "tools": [
                    {"tool": "line", "name": "l", "featureSchemaId": "cnotanexistingschema00000"}
                ]
            },
            "tools[0].featureSchemaId: feature schema 'cnotanexistingschema00000' not found",
        ),
        ([1, 2], "normalized: expected an object"),
    ],
)
def test_invalid_ontologies_are_rejected(api: Api, normalized: Any, message: str) -> None:
    errors = ontology_errors(api, normalized)
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    assert errors[0]["message"].startswith(message), errors[0]["message"]


def test_unknown_ids_are_not_found(api: Api) -> None:
    assert api.error_codes(docs.GET_ONTOLOGY, {"param_0": "cmissing"}) == ["RESOURCE_NOT_FOUND"]
    where = {"rootSchemaNodeWhere": {"featureSchemaId": "cmissing"}}
    assert api.error_codes(docs.GET_FEATURE_SCHEMA, where) == ["RESOURCE_NOT_FOUND"]
