"""Project setup: frontend options stored as given, the ontology derived from them or
connected, instructions in the ontology's normalized JSON; the official SDK's documents."""

from __future__ import annotations

import json
from typing import Any

from . import sdk_documents as docs
from . import setup_documents as setup_docs
from .conftest import Api
from .test_ontologies import ONTOLOGY, create_ontology
from .test_projects import create_project


def editor_id(api: Api) -> str:
    frontends = api.data('{ labelingFrontends(where: {name: "editor"}) { id } }')
    frontend_id: str = frontends["labelingFrontends"][0]["id"]
    return frontend_id


def create_options(api: Api, project_id: str, text: str) -> dict[str, Any]:
    variables = {
        "project": project_id,
        "labelingFrontend": editor_id(api),
        "customizationOptions": text,
    }
    options: dict[str, Any] = api.data(setup_docs.CREATE_LABELING_FRONTEND_OPTIONS, variables)[
        "createLabelingFrontendOptions"
    ]
    return options


def project_ontology(api: Api, project_id: str) -> Any:
    return api.data(setup_docs.GET_PROJECT_ONTOLOGY, {"param_0": project_id})["project"]["ontology"]


def test_frontend_options_round_trip_and_derive_the_ontology(api: Api, unique: str) -> None:
    project = create_project(api, unique + "setup")
    text = json.dumps(ONTOLOGY, indent=3)  # stored byte for byte, whitespace included
    options = create_options(api, project["id"], text)
    assert options["customizationOptions"] == text
    listed = api.data(setup_docs.GET_PROJECT_LABELING_FRONTEND_OPTIONS, {"param_0": project["id"]})
    assert listed["project"]["labelingFrontendOptions"] == [options]
    ontology = project_ontology(api, project["id"])
    assert ontology["name"] == unique + "setup"
    assert [t["name"] for t in ontology["normalized"]["tools"]] == ["box", "area"]
    assert all(t["featureSchemaId"] and t["schemaNodeId"] for t in ontology["normalized"]["tools"])
    related = api.data(
        "query($id: ID!) { project(where: {id: $id}) { labelingFrontendOptions"
        " { project { id } labelingFrontend { name } organization { id } } } }",
        {"id": project["id"]},
    )["project"]["labelingFrontendOptions"][0]
    assert related["project"]["id"] == project["id"]
    assert related["labelingFrontend"]["name"] == "Editor"


def test_options_that_are_no_ontology_are_stored_without_one(api: Api, unique: str) -> None:
    project = create_project(api, unique + "plain")
    assert create_options(api, project["id"], "not json")["customizationOptions"] == "not json"
    assert project_ontology(api, project["id"]) is None


def test_invalid_ontology_options_are_rejected(api: Api, unique: str) -> None:
    project = create_project(api, unique + "bad")
    text = json.dumps({"tools": [{"tool": "line", "name": "x"}, {"tool": "line", "name": "x"}]})
    variables = {
        "project": project["id"],
        "labelingFrontend": editor_id(api),
        "customizationOptions": text,
    }
    errors = api.errors(setup_docs.CREATE_LABELING_FRONTEND_OPTIONS, variables)
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    assert "duplicate tool name" in errors[0]["message"]


def test_options_have_no_lookup_by_id(api: Api) -> None:
    codes = api.error_codes(setup_docs.GET_LABELING_FRONTEND_OPTIONS_PROJECT, {"param_0": "x"})
    assert codes == ["GRAPHQL_VALIDATION_FAILED"]


def test_connect_ontology_replaces_the_derived_one(api: Api, unique: str) -> None:
    project = create_project(api, unique + "editor")
    create_options(api, project["id"], json.dumps({"tools": [], "classifications": []}))
    derived = project_ontology(api, project["id"])
    mine = create_ontology(api, unique + "mine", ONTOLOGY)
    result = api.data(
        setup_docs.CONNECT_ONTOLOGY, {"projectId": project["id"], "ontologyId": mine["id"]}
    )
    assert result["project"]["connectOntology"]["id"] == project["id"]
    assert project_ontology(api, project["id"])["id"] == mine["id"]
    # The derived ontology is gone; the connected one lists the project.
    assert api.error_codes(setup_docs.GET_ONTOLOGY, {"param_0": derived["id"]}) == [
        "RESOURCE_NOT_FOUND"
    ]
    users = api.data(setup_docs.GET_ONTOLOGY_PROJECTS, {"param_0": False, "param_1": mine["id"]})
    assert [p["id"] for p in users["ontology"]["projects"]] == [project["id"]]
    # Setting up another project with it makes no copy.
    other = create_project(api, unique + "editor2")
    api.data(setup_docs.CONNECT_ONTOLOGY, {"projectId": other["id"], "ontologyId": mine["id"]})
    found = api.data(setup_docs.GET_ONTOLOGIES, {"search": unique + "mine"})["ontologies"]["nodes"]
    assert [o["id"] for o in found] == [mine["id"]]


def test_connect_unknown_ontology_or_project(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p")
    variables = {"projectId": project["id"], "ontologyId": "cmissing"}
    assert api.error_codes(setup_docs.CONNECT_ONTOLOGY, variables) == ["RESOURCE_NOT_FOUND"]
    variables = {"projectId": "cmissing", "ontologyId": "cmissing"}
    assert api.error_codes(setup_docs.CONNECT_ONTOLOGY, variables) == ["RESOURCE_NOT_FOUND"]


def test_instructions_go_into_the_ontology_json(api: Api, unique: str) -> None:
    project = create_project(api, unique + "instructions")
    create_options(api, project["id"], json.dumps(ONTOLOGY))
    before = project_ontology(api, project["id"])
    url = api.upload(b"%PDF-1.4 instructions", "instructions.pdf", "application/pdf")
    result = api.data(
        setup_docs.SET_PROJECT_INSTRUCTIONS, {"projectId": project["id"], "instructions_url": url}
    )["setProjectInstructions"]
    assert result["id"] == project["id"]
    assert result["ontology"]["options"] == {**before["normalized"], "projectInstructions": url}
    after = project_ontology(api, project["id"])
    assert after["normalized"] == {**before["normalized"], "projectInstructions": url}


def test_instructions_need_an_ontology(api: Api, unique: str) -> None:
    project = create_project(api, unique + "bare")
    variables = {"projectId": project["id"], "instructions_url": "https://x.example/i.pdf"}
    assert api.error_codes(setup_docs.SET_PROJECT_INSTRUCTIONS, variables) == ["MALFORMED_REQUEST"]
    assert api.data(docs.GET_PROJECT, {"param_0": project["id"]})["project"]["id"] == project["id"]
    assert project_ontology(api, project["id"]) is None
