"""Datasets: create (with a project connected), read, update, soft delete."""

from __future__ import annotations

from . import sdk_documents as docs
from .conftest import Api
from .test_projects import DATETIME, create_project


def test_create_dataset_connected_to_a_project(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p")
    dataset = api.data(docs.CREATE_DATASET, {"name": unique + "d", "projects": project["id"]})[
        "createDataset"
    ]
    assert dataset["name"] == unique + "d"
    assert dataset["description"] == ""
    assert dataset["rowCount"] == 0
    assert DATETIME.match(dataset["createdAt"]) and DATETIME.match(dataset["updatedAt"])
    linked = api.data(docs.GET_PROJECT_DATASETS, {"param_0": False, "param_1": project["id"]})
    assert [d["id"] for d in linked["project"]["datasets"]] == [dataset["id"]]
    projects = api.data(
        docs.get_dataset_projects_by_name(""),
        {"param_0": unique + "p", "param_1": False, "param_2": dataset["id"]},
    )
    assert [p["id"] for p in projects["dataset"]["projects"]] == [project["id"]]


def test_create_dataset_with_unknown_project_creates_nothing(api: Api, unique: str) -> None:
    codes = api.error_codes(
        docs.CREATE_DATASET, {"name": unique + "d", "projects": "cnope000000000000000000000"}
    )
    assert codes == ["RESOURCE_NOT_FOUND"]
    found = api.data(
        "query($n: String) { datasets(where: {name: $n}) { id } }", {"n": unique + "d"}
    )
    assert found == {"datasets": []}


def test_get_dataset_and_relationships(fresh_api: Api, unique: str) -> None:
    created = fresh_api.data(docs.CREATE_DATASET_PLAIN, {"name": unique + "d", "description": "x"})[
        "createDataset"
    ]
    assert fresh_api.data(docs.GET_DATASET, {"param_0": created["id"]})["dataset"] == created
    me = fresh_api.data(docs.GET_USER)["user"]
    creator = fresh_api.data(docs.GET_DATASET_CREATED_BY, {"param_0": created["id"]})["dataset"]
    assert creator["createdBy"] == me
    org = fresh_api.data(docs.GET_DATASET_ORGANIZATION, {"param_0": created["id"]})["dataset"]
    assert org["organization"] == fresh_api.data(docs.GET_ORGANIZATION)["organization"]
    listed = fresh_api.data(docs.GET_DATASETS_NOT_DELETED, {"param_0": False})["datasets"]
    assert created["id"] in {d["id"] for d in listed}


def test_update_dataset(api: Api, unique: str) -> None:
    created = api.data(docs.CREATE_DATASET_PLAIN, {"name": unique + "d", "description": "x"})[
        "createDataset"
    ]
    updated = api.data(docs.UPDATE_DATASET, {"name": unique + "e", "DatasetId": created["id"]})[
        "updateDataset"
    ]
    assert updated["name"] == unique + "e"
    assert updated["description"] == "x"
    assert updated["updatedAt"] >= created["updatedAt"]


def test_update_dataset_rejects_projects(api: Api, unique: str) -> None:
    project = create_project(api, unique + "p")
    dataset = api.data(docs.CREATE_DATASET_PLAIN, {"name": unique + "d", "description": ""})[
        "createDataset"
    ]
    errors = api.errors(
        docs.CONNECT_DATASET_AND_PROJECT, {"datasetId": dataset["id"], "projectId": project["id"]}
    )
    assert [e["extensions"]["code"] for e in errors] == ["GRAPHQL_VALIDATION_FAILED"]
    assert '"projects"' in errors[0]["message"]


def test_deleted_dataset_disappears(fresh_api: Api, unique: str) -> None:
    project = create_project(fresh_api, unique + "p")
    dataset = fresh_api.data(
        docs.CREATE_DATASET, {"name": unique + "d", "projects": project["id"]}
    )["createDataset"]
    assert fresh_api.data(docs.DELETE_DATASET, {"DatasetId": dataset["id"]}) == {
        "updateDataset": {"id": dataset["id"]}
    }
    linked = fresh_api.data(docs.GET_PROJECT_DATASETS, {"param_0": False, "param_1": project["id"]})
    assert linked["project"]["datasets"] == []
    assert fresh_api.error_codes(docs.GET_DATASET, {"param_0": dataset["id"]}) == [
        "RESOURCE_NOT_FOUND"
    ]
    listed = fresh_api.data(docs.GET_DATASETS_NOT_DELETED, {"param_0": False})["datasets"]
    assert dataset["id"] not in {d["id"] for d in listed}
    codes = fresh_api.error_codes(
        docs.CONNECT_PROJECT_AND_DATASET, {"projectId": project["id"], "datasetId": dataset["id"]}
    )
    assert codes == ["RESOURCE_NOT_FOUND"]
