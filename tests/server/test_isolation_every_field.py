"""Every root field of the schema, called with a second organization's key against the first
organization's objects, sees nothing of them and changes nothing.

The cases are checked against the schema: a root field added to the SDL without a case here
fails `test_every_root_field_has_an_isolation_case`. After each case the owner's objects are
read back and compared with what they were before.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from graphql import GraphQLObjectType

from labelbox_server import LocalServer
from labelbox_server.graphql.schema import build_schema

from . import label_documents as label_docs
from . import sdk_documents as docs
from . import setup_documents as setup_docs
from .conftest import Api
from .data_helpers import TAG_SCHEMA_ID, create_dataset, create_row, export_rows, import_rows
from .isolation_model_runs import MODEL_RUN_CASES, model_run_objects, model_run_snapshot
from .mal_isolation import MAL_CASES, mal_objects, mal_snapshot

NOT_FOUND = ["RESOURCE_NOT_FOUND"]


@dataclass
class Owner:
    """The first organization's objects, by name (ids, keys, URLs)."""

    api: Api
    ids: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return self.ids[name]


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
        **_setup_snapshot(owner),
        **_label_snapshot(owner),
        **_member_snapshot(owner),
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
    setup = _setup_objects(api, project_id, row["id"])
    labels = _label_objects(api, project_id, row["id"], setup["ontology_tool"])
    membership = _member_objects(api, server, organization["id"], project_id, dataset)
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


Check = Callable[[Api, Owner], None]


def no_variables(_owner: Owner) -> dict[str, Any]:
    return {}


def not_found(document: str, variables: Callable[[Owner], dict[str, Any]]) -> Check:
    def check(intruder: Api, owner: Owner) -> None:
        assert intruder.error_codes(document, variables(owner)) == NOT_FOUND

    return check


def returns(
    document: str,
    variables: Callable[[Owner], dict[str, Any]],
    expect: Callable[[dict[str, Any], Owner], Any],
) -> Check:
    def check(intruder: Api, owner: Owner) -> None:
        result = expect(intruder.data(document, variables(owner)), owner)
        assert result is not False, result

    return check


def _none_of(owner: Owner, items: list[dict[str, Any]], *names: str) -> bool:
    found = {item["id"] for item in items}
    return found.isdisjoint({owner[name] for name in names})


def _lookup_result(intruder: Api, job_id: str) -> dict[str, Any]:
    result: dict[str, Any] = intruder.data(
        docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS_RESULT, {"jobId": job_id}
    )["dataRowsForGlobalKeysResult"]["data"]
    return result


def _check_lookup(intruder: Api, owner: Owner) -> None:
    job = intruder.data(docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS, {"globalKeys": ["owned-key"]})
    data = _lookup_result(intruder, job["dataRowsForGlobalKeys"]["jobId"])
    assert data["fetchedDataRows"] == [{"id": ""}]
    assert data["notFoundGlobalKeys"] == ["owned-key"]


def _check_upload(intruder: Api, owner: Owner) -> None:
    url = intruder.upload(b"mine", "mine.txt", "text/plain")
    assert url != owner["descriptor"]
    assert intruder.client.get(url).content == b"mine"


def _check_create_project(intruder: Api, owner: Owner) -> None:
    project_id = intruder.data(CREATE_PROJECT, {"name": "owned"})["createProject"]["id"]
    assert owner.api.error_codes(docs.GET_PROJECT, {"param_0": project_id}) == NOT_FOUND


def _check_tasks(intruder: Api, owner: Owner) -> None:
    for name in ("import", "export"):
        assert intruder.error_codes(docs.GET_TASK, {"taskId": owner[name]}) == NOT_FOUND


def _check_assign(intruder: Api, owner: Owner) -> None:
    links = [{"dataRowId": owner["row"], "globalKey": "stolen"}]
    job = intruder.data(docs.ASSIGN_GLOBAL_KEYS, {"globalKeyDataRowLinks": links})
    result = intruder.data(
        docs.ASSIGN_GLOBAL_KEYS_RESULT, {"jobId": job["assignGlobalKeysToDataRows"]["jobId"]}
    )["assignGlobalKeysToDataRowsResult"]["data"]
    assert result["accessDeniedAssignments"] == links
    assert result["sanitizedAssignments"] == result["unmodifiedAssignments"] == []


def _check_clear(intruder: Api, owner: Owner) -> None:
    job = intruder.data(docs.CLEAR_GLOBAL_KEYS, {"globalKeys": ["owned-key"]})
    result = intruder.data(
        docs.CLEAR_GLOBAL_KEYS_RESULT, {"jobId": job["clearGlobalKeys"]["jobId"]}
    )["clearGlobalKeysResult"]["data"]
    assert result["clearedGlobalKeys"] == []
    assert result["notFoundGlobalKeys"] == ["owned-key"]


def _failed_rows(field: str) -> Callable[[dict[str, Any], Owner], bool]:
    def expect(data: dict[str, Any], owner: Owner) -> bool:
        failures = [(item["dataRowId"], item["error"]) for item in data[field]]
        return failures == [(owner["row"], "Data row not found")]

    return expect


# -- ontologies, project setup and the labeling queue -----------------------------------------


def _setup_objects(api: Api, project_id: str, row_id: str) -> dict[str, str]:
    """The owner's ontology and feature schema."""
    tool = {"tool": "rectangle", "name": "owned-tool"}
    ontology = api.data(
        setup_docs.CREATE_ONTOLOGY,
        {"data": {"name": "owned-ontology", "normalized": json.dumps({"tools": [tool]})}},
    )["upsertOntology"]
    feature = api.data(
        setup_docs.CREATE_FEATURE_SCHEMA,
        {"data": {"normalized": json.dumps({"tool": "point", "name": "owned-point"})}},
    )["upsertRootSchemaNode"]
    frontend = api.data("{ labelingFrontends { id } }")["labelingFrontends"][0]["id"]
    options = api.data(
        setup_docs.CREATE_LABELING_FRONTEND_OPTIONS,
        {"project": project_id, "labelingFrontend": frontend, "customizationOptions": "{}"},
    )["createLabelingFrontendOptions"]
    api.data(setup_docs.CONNECT_ONTOLOGY, {"projectId": project_id, "ontologyId": ontology["id"]})
    batch = api.data(
        setup_docs.CREATE_BATCH,
        {"projectId": project_id, "batchInput": {"name": "owned-batch", "dataRowIds": [row_id]}},
    )["project"]["createBatchV2"]["batch"]
    api.data(
        setup_docs.set_labeling_parameter_overrides([(row_id, 2, 3)]), {"projectId": project_id}
    )
    api.data(setup_docs.UPSERT_REVIEW_QUEUE, {"projectId": project_id, "quotaFactor": 0.5})
    return {
        "ontology": ontology["id"],
        "ontology_tool": ontology["normalized"]["tools"][0]["featureSchemaId"],
        "feature": feature["id"],
        "options": options["id"],
        "batch": batch["id"],
    }


def _setup_snapshot(owner: Owner) -> dict[str, Any]:
    api = owner.api
    return {
        "ontology": api.data(setup_docs.GET_ONTOLOGY, {"param_0": owner["ontology"]}),
        "feature": api.data(
            setup_docs.GET_FEATURE_SCHEMA,
            {"rootSchemaNodeWhere": {"featureSchemaId": owner["feature"]}},
        ),
        "ontologies": api.data(setup_docs.GET_ONTOLOGIES, {"search": "owned"}),
        "features": api.data(setup_docs.GET_FEATURE_SCHEMAS, {"search": "owned"}),
        "setup": api.data(
            "query($id: ID!) { project(where: {id: $id}) { labelingFrontendOptions"
            " { id customizationOptions } ontology { id normalized } } }",
            {"id": owner["project"]},
        ),
        "queue": api.data(
            "query($id: ID!, $rows: [ID!]!) { project(where: {id: $id}) { queueMode tagSetStatus"
            " batches { nodes { id name size updatedAt deleted } }"
            " labelingParameterOverrides { id priority numberOfLabels dataRow { id } }"
            " dataRowsNotInProject(dataRowIds: $rows) } }",
            {"id": owner["project"], "rows": [owner["row"]]},
        ),
    }


def _reuse_rejected(document: str, data: Callable[[Owner], dict[str, Any]]) -> Check:
    """Another organization's feature schema ids are unknown ids (the input is rejected)."""

    def check(intruder: Api, owner: Owner) -> None:
        errors = intruder.errors(document, {"data": data(owner)})
        assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
        assert "not found" in errors[0]["message"]

    return check


SETUP_CASES: dict[str, Check] = {
    "Query.ontology": not_found(setup_docs.GET_ONTOLOGY, lambda o: {"param_0": o["ontology"]}),
    "Query.ontologies": returns(
        setup_docs.GET_ONTOLOGIES,
        lambda o: {"search": "owned"},
        lambda d, o: d["ontologies"] == {"nodes": [], "nextCursor": None},
    ),
    "Query.rootSchemaNode": not_found(
        setup_docs.GET_FEATURE_SCHEMA,
        lambda o: {"rootSchemaNodeWhere": {"featureSchemaId": o["feature"]}},
    ),
    "Query.rootSchemaNodes": returns(
        setup_docs.GET_FEATURE_SCHEMAS,
        lambda o: {"search": "owned"},
        lambda d, o: d["rootSchemaNodes"] == {"nodes": [], "nextCursor": None},
    ),
    "Mutation.upsertOntology": _reuse_rejected(
        setup_docs.CREATE_ONTOLOGY,
        lambda o: {
            "name": "stolen",
            "normalized": json.dumps(
                {
                    "tools": [
                        {"tool": "rectangle", "name": "t", "featureSchemaId": o["ontology_tool"]}
                    ]
                }
            ),
        },
    ),
    "Mutation.project": not_found(
        setup_docs.CONNECT_ONTOLOGY, lambda o: {"projectId": o["project"], "ontologyId": "x"}
    ),
    "Mutation.createLabelingFrontendOptions": not_found(
        setup_docs.CREATE_LABELING_FRONTEND_OPTIONS,
        lambda o: {
            "project": o["project"],
            "labelingFrontend": o["frontend"],
            "customizationOptions": "{}",
        },
    ),
    "Mutation.setProjectInstructions": not_found(
        setup_docs.SET_PROJECT_INSTRUCTIONS,
        lambda o: {"projectId": o["project"], "instructions_url": "https://x.example/i.pdf"},
    ),
    "Query.batch": not_found(setup_docs.GET_BATCH_USER, lambda o: {"param_0": o["batch"]}),
    "Query.queryAllDataRowsHaveBeenProcessed": returns(
        "query($ids: [ID!]!) { queryAllDataRowsHaveBeenProcessed(dataRowIds: $ids)"
        " { allDataRowsHaveBeenProcessed notFoundDataRowIds } }",
        lambda o: {"ids": [o["row"]]},
        lambda d, o: d["queryAllDataRowsHaveBeenProcessed"]["notFoundDataRowIds"] == [o["row"]],
    ),
    "Mutation.exportQueuedDataRows": not_found(
        setup_docs.EXPORT_QUEUED_DATA_ROWS,
        lambda o: {"projectId": o["project"], "includeMetadataInput": True},
    ),
    "Mutation.exportBatchDataRows": not_found(
        setup_docs.EXPORT_BATCH_DATA_ROWS,
        lambda o: {"batchId": o["batch"], "includeMetadataInput": True},
    ),
    "Mutation.upsertReviewQueue": not_found(
        setup_docs.UPSERT_REVIEW_QUEUE, lambda o: {"projectId": o["project"], "quotaFactor": 1.0}
    ),
    "Mutation.extendReservations": not_found(
        setup_docs.extend_reservations("LabelingQueue"), lambda o: {"projectId": o["project"]}
    ),
    "Mutation.upsertRootSchemaNode": _reuse_rejected(
        setup_docs.CREATE_FEATURE_SCHEMA,
        lambda o: {
            "normalized": json.dumps(
                {"tool": "point", "name": "x", "featureSchemaId": o["feature"]}
            )
        },
    ),
}


CREATE_PROJECT = "mutation($name: String!) { createProject(data: {name: $name}) { id } }"
# -- labels, reviews, benchmarks, label exports and label imports --------------------------------


def _label_objects(api: Api, project_id: str, row_id: str, tool_id: str) -> dict[str, str]:
    """The owner's label (made by a label import), its review and benchmark, an export."""
    box = {"top": 1, "left": 1, "height": 1, "width": 1}
    line = {"uuid": str(uuid.uuid4()), "dataRow": {"id": row_id}, "schemaId": tool_id, "bbox": box}
    url = api.upload(json.dumps(line).encode(), "owned.ndjson", "application/x-ndjson")
    variables = {"projectId": project_id, "name": "owned-import", "fileUrl": url}
    api.data(label_docs.CREATE_LABEL_IMPORT_BY_URL, variables)
    deadline = time.monotonic() + 60
    labels: list[dict[str, Any]] = []
    while not labels and time.monotonic() < deadline:
        labels = api.data(label_docs.get_project_labels(), {"projectId": project_id})["project"][
            "labels"
        ]
        time.sleep(0.05)
    (label,) = labels
    review = api.data(
        label_docs.CREATE_REVIEW, {"score": 1, "label": label["id"], "project": project_id}
    )["createReview"]
    benchmark = api.data(label_docs.CREATE_BENCHMARK, {"labelId": label["id"]})["createBenchmark"]
    return {
        "label": label["id"],
        "review": review["id"],
        "benchmark": benchmark["id"],
        "import_url": url,
    }


def _label_snapshot(owner: Owner) -> dict[str, Any]:
    api = owner.api
    project = {"projectId": owner["project"]}
    return {
        "labels": api.data(label_docs.get_project_labels(), project),
        "reviews": api.data(label_docs.GET_LABEL_REVIEWS, {"param_0": owner["label"]}),
        "benchmarks": api.data(label_docs.GET_PROJECT_BENCHMARKS, {"param_0": owner["project"]}),
        "metrics": api.data(label_docs.review_metrics("Positive"), project),
        "import": api.data(label_docs.GET_LABEL_IMPORT, {**project, "name": "owned-import"}),
        "showing": api.data(
            "query($id: ID!) { project(where: {id: $id}) { showingPredictionsToLabelers } }",
            {"id": owner["project"]},
        ),
    }


def _check_create_label_import(intruder: Api, owner: Owner) -> None:
    variables = {"projectId": owner["project"], "name": "stolen", "fileUrl": owner["import_url"]}
    assert intruder.error_codes(label_docs.CREATE_LABEL_IMPORT_BY_URL, variables) == NOT_FOUND


LABEL_CASES: dict[str, Check] = {
    "Query.label": not_found(
        "query($id: ID!) { label(where: {id: $id}) { id label } }", lambda o: {"id": o["label"]}
    ),
    "Query.review": not_found(label_docs.GET_REVIEW_LABEL, lambda o: {"param_0": o["review"]}),
    "Query.benchmark": not_found(
        label_docs.GET_BENCHMARK_REFERENCE_LABEL, lambda o: {"param_0": o["benchmark"]}
    ),
    "Query.labelImport": not_found(
        label_docs.GET_LABEL_IMPORT, lambda o: {"projectId": o["project"], "name": "owned-import"}
    ),
    "Mutation.updateLabel": not_found(
        label_docs.UPDATE_LABEL, lambda o: {"label": "{}", "LabelId": o["label"]}
    ),
    "Mutation.deleteLabels": returns(
        "mutation($ids: [ID!]!) { deleteLabels(labelIds: $ids) { id } }",
        lambda o: {"ids": [o["label"]]},
        lambda d, o: d["deleteLabels"] == [],
    ),
    "Mutation.createReview": not_found(
        label_docs.CREATE_REVIEW,
        lambda o: {"score": -1, "label": o["label"], "project": o["project"]},
    ),
    "Mutation.updateReview": not_found(
        label_docs.DELETE_REVIEW, lambda o: {"ReviewId": o["review"]}
    ),
    "Mutation.createBenchmark": not_found(
        label_docs.CREATE_BENCHMARK, lambda o: {"labelId": o["label"]}
    ),
    "Mutation.deleteBenchmark": not_found(
        label_docs.DELETE_BENCHMARK, lambda o: {"labelId": o["label"]}
    ),
    "Mutation.exportLabels": not_found(
        label_docs.export_labels(), lambda o: {"projectId": o["project"]}
    ),
    "Mutation.createLabelImport": _check_create_label_import,
}


# -- members, invites, resource tags, IAM integrations, webhooks ---------------------------------

MEMBER_WEBHOOK = "createdAt status topics id updatedAt url project { id }"


def _member_objects(
    api: Api, server: LocalServer, organization_id: str, project_id: str, dataset_id: str
) -> dict[str, str]:
    """A project-based member, a pending invite, a tag on the project, the dataset's
    signer, and a webhook of the project."""
    member = server.create_user(
        "NONE", organization_id=organization_id, projects={project_id: "LABELER"}
    )
    roles = {r["name"]: r["id"] for r in api.data("{ roles { id name } }")["roles"]}
    me = api.data(docs.GET_USER)["user"]["id"]
    invite = api.data(
        "mutation($data: [CreateInviteInput!]) { createInvites(data: $data) { invite { id } } }",
        {
            "data": [
                {
                    "inviterId": me,
                    "inviteeEmail": f"invitee-{organization_id}@example.com",
                    "organizationId": organization_id,
                    "organizationRoleId": roles["Labeler"],
                    "projects": [],
                }
            ]
        },
    )["createInvites"][0]["invite"]["id"]
    tag = api.data(
        'mutation { createResourceTag(input: {text: "owned", color: "ffffff"}) { id } }'
    )["createResourceTag"]["id"]
    api.data(
        "mutation($p: ID!, $t: [String!]) { project(where: {id: $p})"
        " { updateProjectResourceTags(input: {resourceTagIds: $t}) { id } } }",
        {"p": project_id, "t": [tag]},
    )
    signer = server.create_iam_integration("owned", organization_id=organization_id)
    api.data(
        "mutation($s: ID!, $d: ID!) { setSignerForDataset(data: {signerId: $s}, where: {id: $d})"
        " { id } }",
        {"s": signer, "d": dataset_id},
    )
    webhook = api.data(
        "mutation($p: ID!) { createWebhook(data: {project: {id: $p}, topics: {set: [LABEL_CREATED]},"
        ' url: "https://hooks.example.com/owned", secret: "owned"}) { id } }',
        {"p": project_id},
    )["createWebhook"]["id"]
    return {
        "member": member.user_id,
        "invite": invite,
        "tag": tag,
        "signer": signer,
        "webhook": webhook,
        "labeler_role": roles["Labeler"],
        "admin_role": roles["Admin"],
    }


def _member_snapshot(owner: Owner) -> dict[str, Any]:
    api = owner.api
    return {
        "organization": api.data(
            "{ organization { webhooks { "
            + MEMBER_WEBHOOK
            + " } resourceTag { id text color } invites { nodes { id inviteeEmail } } } }"
        ),
        "project_members": api.data(
            "query($id: ID!) { project(where: {id: $id}) { resourceTags { id }"
            " members { id role { id } } webhooks { id url status topics } } }",
            {"id": owner["project"]},
        ),
        "member_role": api.data(
            "query($id: ID!) { user(where: {id: $id}) { orgRole { id } } }",
            {"id": owner["member"]},
        ),
        "signer": api.data(
            "query($id: ID!) { dataset(where: {id: $id}) { signer { id valid } } }",
            {"id": owner["dataset"]},
        ),
        "limit": api.data(
            "query($id: ID!) { invitesLimit(where: {id: $id}) { used limit remaining } }",
            {"id": owner["organization"]},
        ),
    }


def _check_invites(intruder: Api, owner: Owner) -> None:
    me = intruder.data(docs.GET_USER)["user"]["id"]
    item = {
        "inviterId": me,
        "inviteeEmail": "stolen@example.com",
        "organizationId": owner["organization"],
        "organizationRoleId": owner["labeler_role"],
        "projects": [{"projectId": owner["project"], "projectRoleId": owner["labeler_role"]}],
    }
    document = (
        "mutation($data: [CreateInviteInput!]) { createInvites(data: $data) { invite { id } } }"
    )
    assert intruder.error_codes(document, {"data": [item]}) == NOT_FOUND


def _check_add_members(intruder: Api, owner: Owner) -> None:
    document = (
        'mutation($p: ID!, $r: ID!) { addMembersToOrganization(data: {emails: ["x@example.com"],'
        " orgRoleId: $r, projectRoles: [{projectId: $p, roleId: $r}]}) { newUserId } }"
    )
    assert intruder.error_codes(document, {"p": owner["project"], "r": owner["labeler_role"]}) == (
        NOT_FOUND
    )


def _check_create_tag(intruder: Api, owner: Owner) -> None:
    created = intruder.data(
        'mutation { createResourceTag(input: {text: "owned", color: "#000000"}) { id } }'
    )["createResourceTag"]
    assert created["id"] != owner["tag"]


MEMBER_CASES: dict[str, Check] = {
    "Query.webhook": not_found(
        "query($id: ID!) { webhook(where: {id: $id}) { id url } }", lambda o: {"id": o["webhook"]}
    ),
    "Query.invitesLimit": not_found(
        "query($id: ID!) { invitesLimit(where: {id: $id}) { used } }",
        lambda o: {"id": o["organization"]},
    ),
    "Query.resourceTag": not_found(
        "query($id: ID!) { resourceTag(where: {id: $id}) { id projectResourceTag { projectId } } }",
        lambda o: {"id": o["tag"]},
    ),
    "Mutation.createInvites": _check_invites,
    "Mutation.cancelInvite": not_found(
        "mutation($where: WhereUniqueIdInput!) { cancelInvite(where: $where) { id } }",
        lambda o: {"where": {"id": o["invite"]}},
    ),
    "Mutation.addMembersToOrganization": _check_add_members,
    "Mutation.setOrganizationRole": not_found(
        "mutation($u: ID!, $r: ID!) { setOrganizationRole(data: {userId: $u, roleId: $r}) { id } }",
        lambda o: {"u": o["member"], "r": o["admin_role"]},
    ),
    "Mutation.setProjectMembership": not_found(
        "mutation($u: ID!, $r: ID!, $p: ID!) { setProjectMembership(data: {userId: $u,"
        " roleId: $r, projectId: $p}) { id } }",
        lambda o: {"u": o["member"], "r": o["admin_role"], "p": o["project"]},
    ),
    "Mutation.updateUser": not_found(
        "mutation($id: ID!) { updateUser(where: {id: $id}, data: {deleted: true}) { id } }",
        lambda o: {"id": o["member"]},
    ),
    "Mutation.createResourceTag": _check_create_tag,
    "Mutation.updateResourceTag": not_found(
        'mutation($id: ID!) { updateResourceTag(where: {id: $id}, data: {text: "stolen",'
        ' color: "000000"}) { id } }',
        lambda o: {"id": o["tag"]},
    ),
    "Mutation.deleteResourceTag": not_found(
        "mutation($id: String!) { deleteResourceTag(input: {id: $id}) { id } }",
        lambda o: {"id": o["tag"]},
    ),
    "Mutation.setSignerForDataset": not_found(
        "mutation($s: ID!, $d: ID!) { setSignerForDataset(data: {signerId: $s}, where: {id: $d})"
        " { id } }",
        lambda o: {"s": o["signer"], "d": o["dataset"]},
    ),
    "Mutation.validateDataset": not_found(
        "mutation($id: ID!) { validateDataset(where: {id: $id}) { valid } }",
        lambda o: {"id": o["dataset"]},
    ),
    "Mutation.createWebhook": not_found(
        "mutation($p: ID!) { createWebhook(data: {project: {id: $p}, topics: {set: [LABEL_CREATED]},"
        ' url: "https://stolen.example.com", secret: "x"}) { id } }',
        lambda o: {"p": o["project"]},
    ),
    "Mutation.updateWebhook": not_found(
        'mutation($id: ID!) { updateWebhook(where: {id: $id}, data: {url: "https://stolen.example.com",'
        " status: INACTIVE}) { id } }",
        lambda o: {"id": o["webhook"]},
    ),
}


CASES: dict[str, Check] = {
    # -- Query ---------------------------------------------------------------------------
    "Query.user": not_found(docs.GET_USER_BY_ID, lambda o: {"param_0": o["user"]}),
    "Query.organization": returns(
        "{ organization { id users { id } projects { id } } }",
        no_variables,
        lambda d, o: (
            d["organization"]["id"] != o["organization"]
            and _none_of(o, d["organization"]["users"], "user")
            and _none_of(o, d["organization"]["projects"], "project")
        ),
    ),
    "Query.roles": returns(
        "{ roles { id name } }",
        no_variables,
        lambda d, o: d["roles"] == o.api.data("{ roles { id name } }")["roles"],  # global
    ),
    "Query.iamIntegrations": returns(
        "{ iamIntegrations { id } }", no_variables, lambda d, o: d["iamIntegrations"] == []
    ),
    "Query.project": not_found(docs.GET_PROJECT, lambda o: {"param_0": o["project"]}),
    "Query.projects": returns(
        '{ projects(where: {name: "owned"}) { id } all: projects { id } }',
        no_variables,
        lambda d, o: _none_of(o, d["projects"] + d["all"], "project"),
    ),
    "Query.dataset": not_found(docs.GET_DATASET, lambda o: {"param_0": o["dataset"]}),
    "Query.datasets": returns(
        "{ datasets { id } }", no_variables, lambda d, o: _none_of(o, d["datasets"], "dataset")
    ),
    "Query.labelingFrontends": returns(
        "{ labelingFrontends { id } }",
        no_variables,
        lambda d, o: _none_of(o, d["labelingFrontends"], "frontend"),
    ),
    "Query.dataRow": not_found(docs.GET_DATA_ROW, lambda o: {"param_0": o["row"]}),
    "Query.datasetDataRows": not_found(
        "query($id: ID!) { datasetDataRows(id: $id) { nodes { id } } }",
        lambda o: {"id": o["dataset"]},
    ),
    "Query.externalIdsToDataRowIds": returns(
        docs.EXTERNAL_IDS_TO_DATA_ROW_IDS,
        lambda o: {"externalId_in": ["owned-external"]},
        lambda d, o: d["externalIdsToDataRowIds"] == [],
    ),
    "Query.task": _check_tasks,
    "Query.customMetadataOntology": returns(
        docs.GET_METADATA_ONTOLOGY,
        no_variables,
        lambda d, o: _none_of(o, d["customMetadataOntology"], "schema"),
    ),
    "Query.dataRowCustomMetadata": returns(
        "query($ids: [ID!]!) { dataRowCustomMetadata(where: {dataRowIds: $ids})"
        " { dataRowId error fields { schemaId value } } }",
        lambda o: {"ids": [o["row"]]},
        lambda d, o: (
            d["dataRowCustomMetadata"]
            == [{"dataRowId": o["row"], "error": "Data row not found", "fields": []}]
        ),
    ),
    "Query.assignGlobalKeysToDataRowsResult": not_found(
        docs.ASSIGN_GLOBAL_KEYS_RESULT, lambda o: {"jobId": o["assign"]}
    ),
    "Query.dataRowsForGlobalKeys": _check_lookup,
    "Query.dataRowsForGlobalKeysResult": not_found(
        docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS_RESULT, lambda o: {"jobId": o["lookup"]}
    ),
    "Query.clearGlobalKeysResult": not_found(
        docs.CLEAR_GLOBAL_KEYS_RESULT, lambda o: {"jobId": o["clear"]}
    ),
    # -- Mutation ------------------------------------------------------------------------
    "Mutation.createProject": _check_create_project,
    "Mutation.updateProject": not_found(
        'mutation($id: ID!) { updateProject(where: {id: $id}, data: {name: "stolen"}) { id } }',
        lambda o: {"id": o["project"]},
    ),
    "Mutation.createDataset": not_found(
        docs.CREATE_DATASET, lambda o: {"name": "x", "projects": o["project"]}
    ),
    "Mutation.updateDataset": not_found(
        docs.UPDATE_DATASET, lambda o: {"name": "stolen", "DatasetId": o["dataset"]}
    ),
    "Mutation.uploadFile": _check_upload,
    "Mutation.createDataRow": not_found(
        docs.CREATE_DATA_ROW,
        lambda o: {"row_data": "https://x.example/k.jpg", "dataset": o["dataset"]},
    ),
    "Mutation.updateDataRow": not_found(
        docs.UPDATE_DATA_ROW, lambda o: {"externalId": "stolen", "DataRowId": o["row"]}
    ),
    "Mutation.deleteDataRows": returns(
        "mutation($ids: [ID!]!) { deleteDataRows(where: {dataRowIds: $ids}) { id } }",
        lambda o: {"ids": [o["row"]]},
        lambda d, o: d["deleteDataRows"] == [],
    ),
    "Mutation.appendRowsToDataset": not_found(
        docs.APPEND_ROWS, lambda o: {"datasetId": o["dataset"], "jsonUrl": o["descriptor"]}
    ),
    "Mutation.appendRowsToDatasetSync": not_found(
        docs.APPEND_ROWS_SYNC, lambda o: {"datasetId": o["dataset"], "jsonUrl": o["descriptor"]}
    ),
    "Mutation.createDataRowAttachment": not_found(
        docs.CREATE_DATA_ROW_ATTACHMENT,
        lambda o: {"type": "RAW_TEXT", "value": "x", "dataRowId": o["row"]},
    ),
    "Mutation.deleteDataRowAttachment": not_found(
        docs.DELETE_DATA_ROW_ATTACHMENT, lambda o: {"attachment_id": o["attachment"]}
    ),
    "Mutation.exportDatasetDataRows": not_found(
        docs.EXPORT_DATASET_DATA_ROWS,
        lambda o: {"datasetId": o["dataset"], "includeMetadataInput": True},
    ),
    "Mutation.upsertCustomMetadataSchema": not_found(
        docs.UPSERT_METADATA_SCHEMA,
        lambda o: {"data": {"id": o["schema"], "name": "stolen", "kind": "CustomMetadataString"}},
    ),
    "Mutation.deleteCustomMetadataSchema": not_found(
        docs.DELETE_METADATA_SCHEMA, lambda o: {"where": {"id": o["schema"]}}
    ),
    "Mutation.upsertDataRowCustomMetadata": returns(
        docs.UPSERT_DATA_ROW_METADATA,
        lambda o: {
            "metadata": [
                {"dataRowId": o["row"], "fields": [{"schemaId": TAG_SCHEMA_ID, "value": "stolen"}]}
            ]
        },
        _failed_rows("upsertDataRowCustomMetadata"),
    ),
    "Mutation.deleteDataRowCustomMetadata": returns(
        docs.DELETE_DATA_ROW_METADATA,
        lambda o: {"deletes": [{"dataRowId": o["row"], "schemaIds": [o["schema"]]}]},
        _failed_rows("deleteDataRowCustomMetadata"),
    ),
    "Mutation.assignGlobalKeysToDataRows": _check_assign,
    "Mutation.clearGlobalKeys": _check_clear,
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


def _nested(field: str, arguments: str, selection: str) -> str:
    return (
        f"mutation($p: ID!, $v: {arguments}) {{ project(where: {{id: $p}}) {{ {field}"
        f"{selection} }} }}"
    )


NestedCheck = Callable[[Api, Owner, str], None]


def _nested_not_found(document: str, value: Callable[[Owner], Any]) -> NestedCheck:
    def check(intruder: Api, owner: Owner, project: str) -> None:
        assert intruder.error_codes(document, {"p": project, "v": value(owner)}) == NOT_FOUND

    return check


def _create_batch_reports_owner_rows(intruder: Api, owner: Owner, project: str) -> None:
    result = intruder.data(
        _nested(
            "createBatchV2(input: $v)",
            "CreateBatchInput!",
            " { failedDataRows { dataRowId error } }",
        ),
        {"p": project, "v": {"name": "stolen", "dataRowIds": [owner["row"]]}},
    )
    failed = result["project"]["createBatchV2"]["failedDataRows"]
    assert failed == [{"dataRowId": owner["row"], "error": "Data row not found"}]


def _overrides_rejected(intruder: Api, owner: Owner, project: str) -> None:
    document = setup_docs.set_labeling_parameter_overrides([(owner["row"], 1, 1)])
    errors = intruder.errors(document.replace("$projectId", "$p"), {"p": project})
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"


def _unset_changes_nothing(intruder: Api, owner: Owner, project: str) -> None:
    document = setup_docs.unset_labeling_parameter_overrides([owner["row"]])
    result = intruder.data(document.replace("$projectId", "$p"), {"p": project})
    assert result["project"]["unsetLabelingParameterOverrides"]["success"] is True


def _tag_set_status_of_own_project(intruder: Api, owner: Owner, project: str) -> None:
    result = intruder.data(
        setup_docs.SET_TAG_SET_STATUS.replace("$projectId", "$p"),
        {"p": project, "status": "DISABLED"},
    )
    assert result["project"]["setTagSetStatus"]["tagSetStatus"] == "DISABLED"


def _empty_batch_of_own(intruder: Api, owner: Owner, project: str) -> None:
    # The owner's batch name is free in the intruder's project.
    result = intruder.data(
        _nested("createEmptyBatch(input: $v)", "CreateEmptyBatchInput!", " { id name }"),
        {"p": project, "v": {"name": "owned-batch"}},
    )
    assert result["project"]["createEmptyBatch"]["id"] != owner["batch"]


def _show_predictions_of_own_project(intruder: Api, owner: Owner, own: str) -> None:
    shown = intruder.data(label_docs.TOGGLE_MAL, {"project_id": own, "show": True})
    assert shown["project"]["showPredictionsToLabelers"]["id"] == own


NESTED_CASES: dict[str, NestedCheck] = {
    "connectOntology": _nested_not_found(
        "mutation($p: ID!, $v: ID!) { project(where: {id: $p}) { connectOntology(ontologyId: $v) { id } } }",
        lambda o: o["ontology"],
    ),
    "createBatchV2": _create_batch_reports_owner_rows,
    "createEmptyBatch": _empty_batch_of_own,
    "addDataRowsToBatch": _nested_not_found(
        _nested("addDataRowsToBatch(input: $v)", "AddDataRowsToBatchInput!", " { batch { id } }"),
        lambda o: {"batchId": o["batch"], "dataRowIds": [o["row"]]},
    ),
    "addDataRowsToBatchAsync": _nested_not_found(
        _nested("addDataRowsToBatchAsync(input: $v)", "AddDataRowsToBatchInput!", " { taskId }"),
        lambda o: {"batchId": o["batch"], "dataRowIds": [o["row"]]},
    ),
    "removeQueuedDataRowsFromBatch": _nested_not_found(
        _nested("removeQueuedDataRowsFromBatch(batchId: $v)", "ID!", " { id }"),
        lambda o: o["batch"],
    ),
    "deleteBatch": _nested_not_found(
        _nested("deleteBatch(batchId: $v)", "ID!", " { deletedBatchId }"), lambda o: o["batch"]
    ),
    "setLabelingParameterOverrides": _overrides_rejected,
    "unsetLabelingParameterOverrides": _unset_changes_nothing,
    "setTagSetStatus": _tag_set_status_of_own_project,
    "showPredictionsToLabelers": _show_predictions_of_own_project,
    "deleteBatchLabels": _nested_not_found(
        "mutation($p: ID!, $v: ID!) { project(where: {id: $p}) { deleteBatchLabels(batchId: $v,"
        " data: {type: RequeueData}) { deletedLabelIds } } }",
        lambda o: o["batch"],
    ),
    "updateProjectResourceTags": _nested_not_found(
        "mutation($p: ID!, $v: [String!]) { project(where: {id: $p})"
        " { updateProjectResourceTags(input: {resourceTagIds: $v}) { id } } }",
        lambda o: [o["tag"]],
    ),
}


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
