"""Projects: the official SDK's documents, defaults, updates, links, soft delete."""

from __future__ import annotations

import re
from typing import Any

from . import sdk_documents as docs
from .conftest import Api

DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def create_project(api: Api, name: str, **data: Any) -> dict[str, Any]:
    result = api.data(
        f"mutation($data: ProjectCreateInput!) {{ createProject(data: $data) {{ {docs.PROJECT_SEL} }} }}",
        {"data": {"name": name, **data}},
    )
    project: dict[str, Any] = result["createProject"]
    return project


def create_dataset(api: Api, name: str) -> dict[str, Any]:
    result = api.data(docs.CREATE_DATASET_PLAIN, {"name": name, "description": ""})
    dataset: dict[str, Any] = result["createDataset"]
    return dataset


def test_create_project_with_every_sdk_argument(api: Api, unique: str) -> None:
    variables = {
        "name": unique + "full",
        "description": "a project",
        "allowedMediaType": "IMAGE",
        "queueMode": "DATA_SET",
        "autoAuditPercentage": 0.0,
        "autoAuditNumberOfLabels": 3,
    }
    project = api.data(docs.CREATE_PROJECT, variables)["createProject"]
    assert project["name"] == unique + "full"
    assert project["description"] == "a project"
    assert project["allowedMediaType"] == "IMAGE"
    assert project["queueMode"] == "DATA_SET"
    assert project["autoAuditPercentage"] == 0.0
    assert project["autoAuditNumberOfLabels"] == 3
    assert project["setupComplete"] is None
    assert DATETIME.match(project["createdAt"]) and DATETIME.match(project["updatedAt"])


def test_create_project_defaults(api: Api, unique: str) -> None:
    project = api.data(docs.CREATE_PROJECT_NAME_ONLY, {"name": unique + "p"})["createProject"]
    assert project["description"] == ""
    assert project["queueMode"] == "BATCH"
    assert project["allowedMediaType"] is None
    assert project["autoAuditNumberOfLabels"] == 1
    assert project["autoAuditPercentage"] == 1.0
    assert project["setupComplete"] is None
    assert project["lastActivityTime"] is None


def test_create_project_requires_name(api: Api) -> None:
    codes = api.error_codes('mutation { createProject(data: {description: "x"}) { id } }')
    assert codes == ["GRAPHQL_VALIDATION_FAILED"]


def test_legacy_catalog_queue_mode_is_stored_as_batch(api: Api, unique: str) -> None:
    assert create_project(api, unique + "c", queueMode="CATALOG")["queueMode"] == "BATCH"


def test_get_project(api: Api, unique: str) -> None:
    created = create_project(api, unique + "p")
    fetched = api.data(docs.GET_PROJECT, {"param_0": created["id"]})["project"]
    assert fetched == created


def test_get_project_creator_and_organization(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p")
    me = api.data(docs.GET_USER)["user"]
    creator = api.data(docs.GET_PROJECT_CREATED_BY, {"param_0": project["id"]})["project"]
    assert creator["createdBy"]["id"] == me["id"]
    org = api.data(docs.GET_PROJECT_ORGANIZATION, {"param_0": project["id"]})["project"]
    assert org["organization"]["id"] == api.data(docs.GET_ORGANIZATION)["organization"]["id"]


def test_missing_project_is_resource_not_found(api: Api) -> None:
    body = api.post(docs.GET_PROJECT, {"param_0": "cdoesnotexist0000000000000"}).json()
    assert body["data"] == {"project": None}
    assert body["errors"][0]["extensions"]["code"] == "RESOURCE_NOT_FOUND"
    assert body["errors"][0]["message"] == 'Project with id "cdoesnotexist0000000000000" not found'


def test_update_project(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p")
    updated = api.data(
        docs.UPDATE_PROJECT,
        {
            "description": "new",
            "setupComplete": "2023-01-02T03:04:05Z",
            "ProjectId": project["id"],
        },
    )["updateProject"]
    assert updated["description"] == "new"
    assert updated["setupComplete"] == "2023-01-02T03:04:05.000Z"
    assert updated["updatedAt"] >= project["updatedAt"]
    assert DATETIME.match(updated["lastActivityTime"])


def test_update_every_scalar(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p", allowedMediaType="IMAGE")
    data = {
        "name": unique + "renamed",
        "description": "d",
        "setupComplete": "2023-01-02T03:04:05.123+00:00",
        "lastActivityTime": "2023-01-02T04:04:05",
        "queueMode": "BATCH",
        "allowedMediaType": "VIDEO",
        "autoAuditNumberOfLabels": 5,
        "autoAuditPercentage": 0.5,
    }
    updated = api.data(
        f"mutation($id: ID!, $data: ProjectUpdateInput!) {{ updateProject(where: {{id: $id}}, "
        f"data: $data) {{ {docs.PROJECT_SEL} }} }}",
        {"id": project["id"], "data": data},
    )["updateProject"]
    assert updated["name"] == unique + "renamed"
    assert updated["setupComplete"] == "2023-01-02T03:04:05.123Z"
    assert updated["lastActivityTime"] == "2023-01-02T04:04:05.000Z"
    assert updated["allowedMediaType"] == "VIDEO"
    assert (updated["autoAuditNumberOfLabels"], updated["autoAuditPercentage"]) == (5, 0.5)
    cleared = api.data(
        "mutation($id: ID!) { updateProject(where: {id: $id}, data: {allowedMediaType: null, "
        "setupComplete: null}) { allowedMediaType setupComplete } }",
        {"id": project["id"]},
    )["updateProject"]
    assert cleared == {"allowedMediaType": None, "setupComplete": None}


def test_queue_mode_cannot_change(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p", queueMode="DATA_SET")
    query = (
        "mutation($id: ID!, $mode: QueueMode!) { updateProject(where: {id: $id}, "
        'data: {queueMode: $mode, name: "changed"}) { name queueMode } }'
    )
    errors = api.errors(query, {"id": project["id"], "mode": "BATCH"})
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    assert errors[0]["message"] == "Queue mode cannot be changed after a project has been created"
    again = api.data(docs.GET_PROJECT, {"param_0": project["id"]})["project"]
    assert again["name"] == unique + "p"  # a rejected update changes nothing
    same = api.data(query, {"id": project["id"], "mode": "DATA_SET"})["updateProject"]
    assert same == {"name": "changed", "queueMode": "DATA_SET"}


def test_soft_delete(fresh_api: Api, unique: str) -> None:
    project = create_project(fresh_api, unique + "p")
    deleted = fresh_api.data(docs.DELETE_PROJECT, {"ProjectId": project["id"]})
    assert deleted == {"updateProject": {"id": project["id"]}}
    body = fresh_api.post(docs.GET_PROJECT, {"param_0": project["id"]}).json()
    assert body["data"]["project"] is None
    assert body["errors"][0]["extensions"]["code"] == "RESOURCE_NOT_FOUND"
    listed = fresh_api.data(docs.GET_PROJECTS_NOT_DELETED, {"param_0": False})["projects"]
    assert project["id"] not in {p["id"] for p in listed}
    # Without a `deleted` filter deleted projects are hidden too; asking for them shows them.
    names = {"where": {"name": unique + "p"}}
    assert fresh_api.data(docs.OUR_GET_PROJECTS, names)["projects"] == []
    shown = fresh_api.data(
        docs.OUR_GET_PROJECTS, {"where": {"name": unique + "p", "deleted": True}}
    )
    assert [p["uid"] for p in shown["projects"]] == [project["id"]]
    codes = fresh_api.error_codes(docs.DELETE_PROJECT, {"ProjectId": project["id"]})
    assert codes == ["RESOURCE_NOT_FOUND"]


def test_connect_and_disconnect_datasets(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p")
    first, second = create_dataset(api, unique + "d1"), create_dataset(api, unique + "d2")
    for dataset in (first, second, first):
        result = api.data(
            docs.CONNECT_PROJECT_AND_DATASET,
            {"projectId": project["id"], "datasetId": dataset["id"]},
        )
        assert result == {"updateProject": {"id": project["id"]}}
    linked = api.data(docs.GET_PROJECT_DATASETS, {"param_0": False, "param_1": project["id"]})
    assert [d["id"] for d in linked["project"]["datasets"]] == [first["id"], second["id"]]
    api.data(
        docs.DISCONNECT_PROJECT_AND_DATASET, {"projectId": project["id"], "datasetId": first["id"]}
    )
    linked = api.data(docs.GET_PROJECT_DATASETS, {"param_0": False, "param_1": project["id"]})
    assert [d["id"] for d in linked["project"]["datasets"]] == [second["id"]]


def test_connect_unknown_dataset_fails_and_changes_nothing(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p")
    dataset = create_dataset(api, unique + "d")
    errors = api.errors(
        'mutation($id: ID!, $d: ID!) { updateProject(where: {id: $id}, data: {name: "x", '
        'datasets: {connect: [{id: $d}, {id: "cnope000000000000000000000"}]}}) { id } }',
        {"id": project["id"], "d": dataset["id"]},
    )
    assert errors[0]["extensions"]["code"] == "RESOURCE_NOT_FOUND"
    assert "cnope000000000000000000000" in errors[0]["message"]
    again = api.data(docs.GET_PROJECT_DATASETS, {"param_0": False, "param_1": project["id"]})
    assert again["project"]["datasets"] == []
    assert api.data(docs.GET_PROJECT, {"param_0": project["id"]})["project"]["name"] == unique + "p"


def test_labeling_frontend_connect_and_disconnect(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p")
    none = api.data(docs.GET_PROJECT_LABELING_FRONTEND, {"param_0": project["id"]})
    assert none == {"project": {"labelingFrontend": None}}
    editor = api.data(docs.GET_LABELING_FRONTENDS, {"param_0": "Editor", "param_1": False})
    editor_id = editor["labelingFrontends"][0]["id"]
    api.data(
        docs.CONNECT_PROJECT_AND_LABELING_FRONTEND,
        {"projectId": project["id"], "labelingFrontendId": editor_id},
    )
    connected = api.data(docs.GET_PROJECT_LABELING_FRONTEND, {"param_0": project["id"]})
    assert connected["project"]["labelingFrontend"]["name"] == "Editor"
    projects = api.data("{ labelingFrontends { id projects(where: {deleted: false}) { id } } }")[
        "labelingFrontends"
    ]
    assert project["id"] in {p["id"] for p in projects[0]["projects"]}
    api.data(docs.DISCONNECT_PROJECT_AND_LABELING_FRONTEND, {"projectId": project["id"]})
    again = api.data(docs.GET_PROJECT_LABELING_FRONTEND, {"param_0": project["id"]})
    assert again == {"project": {"labelingFrontend": None}}
    codes = api.error_codes(
        "mutation($id: ID!) { updateProject(where: {id: $id}, data: {labelingFrontend: "
        '{connect: {id: "cnope000000000000000000000"}}}) { id } }',
        {"id": project["id"]},
    )
    assert codes == ["RESOURCE_NOT_FOUND"]


def test_projects_filter_by_name_and_created_at(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p")
    variables = {"param_0": unique + "p", "param_1": "2020-01-01T00:00:00Z", "param_2": False}
    found = api.data(docs.GET_PROJECTS_NAME_AND_CREATED, variables)["projects"]
    assert [p["id"] for p in found] == [project["id"]]
    variables["param_1"] = "2999-01-01T00:00:00Z"
    assert api.data(docs.GET_PROJECTS_NAME_AND_CREATED, variables)["projects"] == []
    # Second-precision (the official SDK's format) includes the project created this second.
    variables["param_1"] = project["createdAt"][:19] + "Z"
    found = api.data(docs.GET_PROJECTS_NAME_AND_CREATED, variables)["projects"]
    assert [p["id"] for p in found] == [project["id"]]


def test_our_sdk_documents_with_variables(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p")
    dataset = create_dataset(api, unique + "d")
    api.data(
        docs.CONNECT_PROJECT_AND_DATASET, {"projectId": project["id"], "datasetId": dataset["id"]}
    )
    where = {"AND": [{"name_starts_with": unique}, {"deleted": False}]}
    found = api.data(docs.OUR_GET_PROJECTS, {"where": where, "skip": 0, "first": 100})
    assert [p["uid"] for p in found["projects"]] == [project["id"]]
    found = api.data(docs.OUR_GET_PROJECTS, {"where": None, "skip": None, "first": None})
    assert project["id"] in {p["uid"] for p in found["projects"]}
    datasets = api.data(
        docs.OUR_GET_PROJECT_DATASETS,
        {"id": project["id"], "where": {"name_ends_with": "d"}, "orderBy": "name_ASC"},
    )
    assert datasets["project"]["datasets"] == [{"uid": dataset["id"], "name": unique + "d"}]


def test_experimental_endpoint_serves_the_same_schema(api: Api) -> None:
    response = api.post(docs.GET_USER, path="/_gql")
    assert response.status_code == 200
    assert response.json()["data"]["user"]["id"]
