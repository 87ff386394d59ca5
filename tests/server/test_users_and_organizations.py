"""The caller, their organization, roles, and their relationships."""

from __future__ import annotations

from . import sdk_documents as docs
from .conftest import Api
from .test_projects import DATETIME, create_project


def test_get_user_is_the_caller(api: Api) -> None:
    user = api.data(docs.GET_USER)["user"]
    assert user["email"].startswith("admin@")
    assert user["name"] == "Admin"
    assert user["nickname"] == "admin"
    assert user["isViewer"] is False
    assert user["isExternalUser"] is False
    assert user["intercomHash"] is None and user["picture"] is None
    assert DATETIME.match(user["createdAt"]) and DATETIME.match(user["updatedAt"])
    assert api.data(docs.GET_USER_BY_ID, {"param_0": user["id"]})["user"] == user


def test_unknown_user_is_resource_not_found(api: Api) -> None:
    codes = api.error_codes(docs.GET_USER_BY_ID, {"param_0": "cnope000000000000000000000"})
    assert codes == ["RESOURCE_NOT_FOUND"]


def test_user_org_role_is_admin(api: Api) -> None:
    me = api.data(docs.GET_USER)["user"]
    role = api.data(docs.GET_USER_ORG_ROLE, {"param_0": me["id"]})["user"]["orgRole"]
    assert role["name"] == "Admin"
    roles = {r["name"]: r["id"] for r in api.data(docs.GET_ROLES)["roles"]}
    assert roles["Admin"] == role["id"]


def test_roles(api: Api) -> None:
    roles = api.data(docs.GET_ROLES)["roles"]
    keys = {r["name"].upper().replace(" ", "_") for r in roles}
    assert keys == {"NONE", "LABELER", "REVIEWER", "TEAM_MANAGER", "ADMIN"}
    assert all(r["id"] for r in roles)


def test_organization(api: Api) -> None:
    org = api.data(docs.GET_ORGANIZATION)["organization"]
    assert org["name"]
    assert DATETIME.match(org["createdAt"])
    me = api.data(docs.GET_USER)["user"]
    assert (
        api.data(docs.GET_USER_ORGANIZATION, {"param_0": me["id"]})["user"]["organization"] == org
    )
    users = api.data(docs.GET_ORGANIZATION_USERS)["organization"]["users"]
    assert me in users


def test_new_project_shows_in_user_and_organization_projects(fresh_api: Api, unique: str) -> None:
    project = create_project(fresh_api, unique + "p")
    me = fresh_api.data(docs.GET_USER)["user"]
    mine = fresh_api.data(docs.GET_USER_PROJECTS, {"param_0": me["id"]})["user"]["projects"]
    assert project["id"] in {p["id"] for p in mine}
    org = fresh_api.data(docs.GET_ORGANIZATION_PROJECTS, {"param_0": False})["organization"][
        "projects"
    ]
    assert project["id"] in {p["id"] for p in org}
    fresh_api.data(docs.DELETE_PROJECT, {"ProjectId": project["id"]})
    mine = fresh_api.data(docs.GET_USER_PROJECTS, {"param_0": me["id"]})["user"]["projects"]
    assert project["id"] not in {p["id"] for p in mine}


def test_labeling_frontends(api: Api) -> None:
    result = api.data(docs.GET_LABELING_FRONTENDS, {"param_0": "editor", "param_1": False})
    editor = result["labelingFrontends"][0]
    assert editor["name"] == "Editor"
    assert editor["description"]
    assert editor["iframeUrlPath"].startswith("https://")
