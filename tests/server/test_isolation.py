"""Organizations are isolated: another organization's ids behave exactly like missing ids."""

from __future__ import annotations

from . import sdk_documents as docs
from .conftest import Api
from .test_projects import create_project


def test_other_organization_cannot_see_or_change_objects(
    api: Api, other_api: Api, unique: str
) -> None:
    project = create_project(api, unique + "p")
    dataset = api.data(docs.CREATE_DATASET, {"name": unique + "d", "projects": project["id"]})[
        "createDataset"
    ]
    me = api.data(docs.GET_USER)["user"]
    other_me = other_api.data(docs.GET_USER)["user"]
    assert other_me["id"] != me["id"]
    assert other_api.data(docs.GET_ORGANIZATION) != api.data(docs.GET_ORGANIZATION)

    not_found = ["RESOURCE_NOT_FOUND"]
    assert other_api.error_codes(docs.GET_PROJECT, {"param_0": project["id"]}) == not_found
    assert other_api.error_codes(docs.GET_DATASET, {"param_0": dataset["id"]}) == not_found
    assert other_api.error_codes(docs.GET_USER_BY_ID, {"param_0": me["id"]}) == not_found
    assert (
        other_api.error_codes(docs.UPDATE_DATASET, {"name": "x", "DatasetId": dataset["id"]})
        == not_found
    )
    assert other_api.error_codes(docs.DELETE_PROJECT, {"ProjectId": project["id"]}) == not_found
    assert (
        other_api.error_codes(docs.CREATE_DATASET, {"name": "x", "projects": project["id"]})
        == not_found
    )
    own = create_project(other_api, unique + "own")
    assert (
        other_api.error_codes(
            docs.CONNECT_PROJECT_AND_DATASET, {"projectId": own["id"], "datasetId": dataset["id"]}
        )
        == not_found
    )
    theirs = api.data(docs.GET_LABELING_FRONTENDS, {"param_0": "Editor", "param_1": False})
    assert (
        other_api.error_codes(
            docs.CONNECT_PROJECT_AND_LABELING_FRONTEND,
            {"projectId": own["id"], "labelingFrontendId": theirs["labelingFrontends"][0]["id"]},
        )
        == not_found
    )

    listed = other_api.data(docs.OUR_GET_PROJECTS, {"where": {"name_starts_with": unique}})
    assert [p["uid"] for p in listed["projects"]] == [own["id"]]
    datasets = other_api.data("{ datasets { id } }")["datasets"]
    assert dataset["id"] not in {d["id"] for d in datasets}
    users = other_api.data(docs.GET_ORGANIZATION_USERS)["organization"]["users"]
    assert [u["id"] for u in users] == [other_me["id"]]
    frontends = other_api.data(docs.GET_LABELING_FRONTENDS, {"param_0": "Editor", "param_1": False})
    assert frontends["labelingFrontends"][0]["id"] != theirs["labelingFrontends"][0]["id"]

    # Nothing changed for the owner.
    assert api.data(docs.GET_PROJECT, {"param_0": project["id"]})["project"] == project
    assert api.data(docs.GET_DATASET, {"param_0": dataset["id"]})["dataset"]["name"] == unique + "d"
