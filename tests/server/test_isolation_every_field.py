"""Every root field of the schema, called with a second organization's key against the first
organization's objects, sees nothing of them and changes nothing.

The cases live in one module per domain (`isolation_core.py`, `isolation_setup.py`,
`isolation_labels.py`, `isolation_members.py`, `mal_isolation.py`, `isolation_model_runs.py`,
and `isolation_project_mutations.py` for the fields of `Mutation.project`); this module merges
them and checks them against the schema: a root field added to the SDL without a case fails
`test_every_root_field_has_an_isolation_case`. After each case the owner's objects are read
back and compared with what they were before.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from graphql import GraphQLObjectType

from labelbox_server import LocalServer
from labelbox_server.graphql.schema import build_schema

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import TAG_SCHEMA_ID, create_dataset, create_row, export_rows, import_rows
from .isolation_common import CREATE_PROJECT, Check, Owner
from .isolation_core import CORE_CASES
from .isolation_labels import LABEL_CASES, label_objects, label_snapshot
from .isolation_members import MEMBER_CASES, member_objects, member_snapshot
from .isolation_model_runs import MODEL_RUN_CASES, model_run_objects, model_run_snapshot
from .isolation_project_mutations import NESTED_CASES
from .isolation_setup import SETUP_CASES, setup_objects, setup_snapshot
from .mal_isolation import MAL_CASES, mal_objects, mal_snapshot


def _snapshot(owner: Owner) -> dict[str, Any]:
    """Everything of the owner the cases could touch, as the owner reads it."""
    api = owner.api
    row = api.data(
        "query($id: ID!) { dataRow(where: {id: $id}) { id externalId globalKey rowData updatedAt"
        " deleted customMetadata { schemaId value } attachments { id type value } } }",
        {"id": owner["row"]},
    )["dataRow"]
    return {
        "project": api.data(
            "query($id: ID!) { project(where: {id: $id}) { id name description updatedAt"
            " deleted labelingFrontend { id } datasets { id } } }",
            {"id": owner["project"]},
        )["project"],
        "dataset": api.data(
            "query($id: ID!) { dataset(where: {id: $id}) { id name description rowCount"
            " updatedAt deleted projects { id } } }",
            {"id": owner["dataset"]},
        )["dataset"],
        "row": row,
        "rows": api.data(
            "query($id: ID!) { dataset(where: {id: $id}) { dataRows { id } } }",
            {"id": owner["dataset"]},
        )["dataset"]["dataRows"],
        "ontology": api.data(docs.GET_METADATA_ONTOLOGY)["customMetadataOntology"],
        "projects": api.data("{ projects { id name } }")["projects"],
        "frontends": api.data("{ labelingFrontends { id name } }")["labelingFrontends"],
        "tasks": api.data(
            "query($id: ID!) { user(where: {id: $id}) { createdTasks { id name status"
            " updatedAt result } } }",
            {"id": owner["user"]},
        )["user"]["createdTasks"],
        "keys": api.data(docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS_RESULT, {"jobId": owner["lookup"]}),
        "users": api.data(docs.GET_ORGANIZATION_USERS)["organization"]["users"],
        **setup_snapshot(owner),
        **label_snapshot(owner),
        **member_snapshot(owner),
        **mal_snapshot(owner),
        **model_run_snapshot(owner),
    }


@pytest.fixture(scope="module")
def owner(server: LocalServer) -> Owner:
    http = httpx.Client(timeout=60)
    api = Api(server.endpoint, server.new_organization(), http)
    me = api.data(docs.GET_USER)["user"]
    organization = api.data(docs.GET_ORGANIZATION)["organization"]
    project_id = api.data(CREATE_PROJECT, {"name": "owned"})["createProject"]["id"]
    dataset = create_dataset(api, "owned")
    api.data(docs.CONNECT_PROJECT_AND_DATASET, {"projectId": project_id, "datasetId": dataset})
    schema = api.data(
        docs.UPSERT_METADATA_SCHEMA,
        {"data": {"name": "owned-schema", "kind": "CustomMetadataString"}},
    )["upsertCustomMetadataSchema"]
    row = create_row(
        api,
        dataset,
        "https://storage.example.com/owned.jpg",
        external_id="owned-external",
        global_key="owned-key",
        metadata_fields=[
            {"schemaId": schema["id"], "value": "secret"},
            {"schemaId": TAG_SCHEMA_ID, "value": "tag"},
        ],
        attachments=[{"type": "RAW_TEXT", "value": "owned note"}],
    )
    attachment = api.data(
        "query($id: ID!) { dataRow(where: {id: $id}) { attachments { id } } }", {"id": row["id"]}
    )["dataRow"]["attachments"][0]["id"]
    task, _ = import_rows(api, dataset, [{"row_data": "https://x.example/i.jpg"}])
    export_rows(api, dataset)
    export_task = next(
        t["id"]
        for t in api.data(
            "query($id: ID!) { user(where: {id: $id}) { createdTasks { id name } } }",
            {"id": me["id"]},
        )["user"]["createdTasks"]
        if t["name"] == "Export dataset data rows"
    )
    assign = api.data(
        docs.ASSIGN_GLOBAL_KEYS,
        {"globalKeyDataRowLinks": [{"dataRowId": row["id"], "globalKey": "owned-key"}]},
    )["assignGlobalKeysToDataRows"]["jobId"]
    lookup = api.data(docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS, {"globalKeys": ["owned-key"]})[
        "dataRowsForGlobalKeys"
    ]["jobId"]
    clear = api.data(docs.CLEAR_GLOBAL_KEYS, {"globalKeys": ["never-assigned"]})["clearGlobalKeys"][
        "jobId"
    ]
    frontend = api.data("{ labelingFrontends { id } }")["labelingFrontends"][0]["id"]
    descriptor = api.upload(
        b'[{"row_data": "https://x.example/j.jpg"}]', "d.json", "application/json"
    )
    setup = setup_objects(api, project_id, row["id"])
    labels = label_objects(api, project_id, row["id"], setup["ontology_tool"])
    membership = member_objects(api, server, organization["id"], project_id, dataset)
    mal = mal_objects(api, project_id, row["id"], setup["ontology_tool"])
    model_runs = model_run_objects(
        api, project_id, row["id"], labels["label"], setup["ontology"], setup["ontology_tool"]
    )
    return Owner(
        api,
        {
            "user": me["id"],
            "organization": organization["id"],
            "project": project_id,
            "dataset": dataset,
            "schema": schema["id"],
            "row": row["id"],
            "attachment": attachment,
            "import": task["id"],
            "export": export_task,
            "assign": assign,
            "lookup": lookup,
            "clear": clear,
            "frontend": frontend,
            "descriptor": descriptor,
            **setup,
            **labels,
            **membership,
            **mal,
            **model_runs,
        },
    )


@pytest.fixture(scope="module")
def intruder(server: LocalServer) -> Api:
    """The admin of another organization."""
    return Api(server.endpoint, server.new_organization(), httpx.Client(timeout=60))


@pytest.fixture(scope="module")
def before(owner: Owner) -> dict[str, Any]:
    return _snapshot(owner)


CASES: dict[str, Check] = {
    **CORE_CASES,
    **SETUP_CASES,
    **LABEL_CASES,
    **MEMBER_CASES,
    **MAL_CASES,
    **MODEL_RUN_CASES,
}


def root_fields() -> list[str]:
    schema = build_schema()
    fields: list[str] = []
    for root in (schema.query_type, schema.mutation_type):
        assert isinstance(root, GraphQLObjectType)
        fields.extend(f"{root.name}.{name}" for name in root.fields)
    return fields


def test_every_root_field_has_an_isolation_case() -> None:
    fields = root_fields()
    assert len(fields) > 35
    assert sorted(set(fields) - set(CASES)) == [], "root fields without an isolation case"
    assert sorted(set(CASES) - set(fields)) == [], "cases for fields the schema does not have"


@pytest.mark.parametrize("field", root_fields())
def test_another_organization_sees_and_changes_nothing(
    field: str, owner: Owner, intruder: Api, before: dict[str, Any]
) -> None:
    CASES[field](intruder, owner)
    assert _snapshot(owner) == before


# -- fields of `Mutation.project(where: {id})` on the intruder's own project, with the owner's
# ids: each sees and changes nothing of the owner's.


def _own_project(intruder: Api) -> str:
    project_id: str = intruder.data(CREATE_PROJECT, {"name": "intruder"})["createProject"]["id"]
    return project_id


def nested_fields() -> list[str]:
    namespace = build_schema().type_map["ProjectMutations"]
    assert isinstance(namespace, GraphQLObjectType)
    return sorted(namespace.fields)


def test_every_project_mutation_has_an_isolation_case() -> None:
    assert sorted(NESTED_CASES) == nested_fields()


@pytest.mark.parametrize("field", nested_fields())
def test_project_mutations_with_another_organizations_ids(
    field: str, owner: Owner, intruder: Api, before: dict[str, Any]
) -> None:
    NESTED_CASES[field](intruder, owner, _own_project(intruder))
    assert _snapshot(owner) == before
