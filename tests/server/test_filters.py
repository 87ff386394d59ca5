"""`where` filters, `orderBy` and pagination, identical on SQLite and PostgreSQL.

The names below sort differently under a locale-aware collation (PostgreSQL's default) than
by code point; the server must give code-point order everywhere.
"""

from __future__ import annotations

from typing import Any

import pytest

from . import sdk_documents as docs
from .conftest import Api

NAMES = ["B", "Z", "_", "a", "ab", "b", "é"]  # sorted by code point
OPERATORS = {
    "": lambda name, x: name == x,
    "_not": lambda name, x: name != x,
    "_lt": lambda name, x: name < x,
    "_lte": lambda name, x: name <= x,
    "_gt": lambda name, x: name > x,
    "_gte": lambda name, x: name >= x,
}


@pytest.fixture
def org(fresh_api: Api) -> dict[str, Any]:
    """A new organization with one project per name (created in shuffled order), all
    connected to one dataset."""
    dataset = fresh_api.data(docs.CREATE_DATASET_PLAIN, {"name": "ds", "description": ""})
    dataset_id = dataset["createDataset"]["id"]
    ids = {}
    for name in ["a", "é", "B", "_", "ab", "Z", "b"]:
        project = fresh_api.data(docs.CREATE_PROJECT_NAME_ONLY, {"name": name})["createProject"]
        ids[name] = project["id"]
        fresh_api.data(
            docs.CONNECT_PROJECT_AND_DATASET, {"projectId": project["id"], "datasetId": dataset_id}
        )
    return {"api": fresh_api, "dataset_id": dataset_id, "ids": ids}


@pytest.mark.parametrize("operator", list(OPERATORS))
def test_projects_name_operators(org: dict[str, Any], operator: str) -> None:
    api: Api = org["api"]
    for value in ("a", "b", "Z", "c"):
        result = api.data(docs.get_projects_by_name(operator), {"param_0": value, "param_1": False})
        names = sorted(p["name"] for p in result["projects"])
        assert names == [n for n in NAMES if OPERATORS[operator](n, value)], (operator, value)


@pytest.mark.parametrize("operator", list(OPERATORS))
def test_dataset_projects_name_operators(org: dict[str, Any], operator: str) -> None:
    api: Api = org["api"]
    for value in ("a", "b", "_"):
        result = api.data(
            docs.get_dataset_projects_by_name(operator),
            {"param_0": value, "param_1": False, "param_2": org["dataset_id"]},
        )
        names = sorted(p["name"] for p in result["dataset"]["projects"])
        assert names == [n for n in NAMES if OPERATORS[operator](n, value)], (operator, value)


def test_order_by_name_is_code_point_order(org: dict[str, Any]) -> None:
    api: Api = org["api"]
    asc = api.data("{ projects(orderBy: name_ASC) { name } }")["projects"]
    assert [p["name"] for p in asc] == NAMES
    desc = api.data(
        docs.GET_DATASET_PROJECTS_ORDERED, {"param_0": False, "param_1": org["dataset_id"]}
    )
    assert [p["name"] for p in desc["dataset"]["projects"]] == NAMES[::-1]


def test_default_order_is_creation_order(org: dict[str, Any]) -> None:
    api: Api = org["api"]
    listed = api.data("{ projects { id } }")["projects"]
    assert [p["id"] for p in listed] == list(org["ids"].values())


def test_order_by_every_enum_value(org: dict[str, Any]) -> None:
    api: Api = org["api"]
    values = api.data('{ __type(name: "ProjectOrderByInput") { enumValues { name } } }')
    for value in values["__type"]["enumValues"]:
        result = api.data(f"{{ projects(orderBy: {value['name']}) {{ id }} }}")
        assert len(result["projects"]) == len(NAMES)


def test_skip_and_first(org: dict[str, Any]) -> None:
    api: Api = org["api"]
    pages = [
        api.data(f"{{ projects(skip: {skip}, first: 3, orderBy: name_ASC) {{ name }} }}")[
            "projects"
        ]
        for skip in (0, 3, 6, 9)
    ]
    assert [[p["name"] for p in page] for page in pages] == [NAMES[:3], NAMES[3:6], NAMES[6:], []]


def test_page_size_limits(org: dict[str, Any]) -> None:
    api: Api = org["api"]
    errors = api.errors("{ projects(first: 101) { id } }")
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    assert errors[0]["message"] == "first must be between 1 and 100"
    assert api.error_codes("{ projects(first: 0) { id } }") == ["GRAPHQL_VALIDATION_FAILED"]
    assert api.error_codes("{ projects(skip: -1) { id } }") == ["MALFORMED_REQUEST"]
    assert len(api.data("{ projects(first: 100) { id } }")["projects"]) == len(NAMES)


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({"name_in": ["a", "Z", "x"]}, ["Z", "a"]),
        ({"name_not_in": ["a", "Z"]}, ["B", "_", "ab", "b", "é"]),
        ({"name_contains": "b"}, ["ab", "b"]),
        ({"name_contains": "B"}, ["B"]),
        ({"name_starts_with": "a"}, ["a", "ab"]),
        ({"name_ends_with": "b"}, ["ab", "b"]),
        ({"name_ends_with": "é"}, ["é"]),
        ({"OR": [{"name": "a"}, {"name": "B"}]}, ["B", "a"]),
        ({"NOT": [{"name_lt": "a"}]}, ["a", "ab", "b", "é"]),
        ({"AND": [{"name_gte": "B"}, {"name_lte": "_"}]}, ["B", "Z", "_"]),
        ({"id_in": []}, []),
        ({"description": ""}, NAMES),
        ({"setupComplete": None}, NAMES),
        ({"setupComplete_not": None}, []),
        ({"queueMode_in": ["BATCH"]}, NAMES),
        ({"autoAuditPercentage_gt": 0.5}, NAMES),
        ({"deleted_not": True}, NAMES),
    ],
)
def test_other_operators(org: dict[str, Any], where: dict[str, Any], expected: list[str]) -> None:
    api: Api = org["api"]
    result = api.data(docs.OUR_GET_PROJECTS, {"where": where})
    assert sorted(p["name"] for p in result["projects"]) == expected


def test_dataset_filters(fresh_api: Api) -> None:
    for name in ("one", "two", "three"):
        fresh_api.data(docs.CREATE_DATASET_PLAIN, {"name": name, "description": name * 2})
    query = "query($w: DatasetWhereInput) { datasets(where: $w, orderBy: name_DESC) { name } }"

    def names(where: dict[str, Any]) -> list[str]:
        return [d["name"] for d in fresh_api.data(query, {"w": where})["datasets"]]

    assert names({}) == ["two", "three", "one"]
    assert names({"name_gt": "one"}) == ["two", "three"]
    assert names({"description_contains": "eeth"}) == ["three"]
    assert names({"rowCount": 0, "name_not": "two"}) == ["three", "one"]
    assert names({"rowCount_gt": 0}) == []


def test_user_filters(fresh_api: Api) -> None:
    api = fresh_api  # an organization of one user: other tests add users to the shared one
    me = api.data(docs.GET_USER)["user"]
    query = (
        "query($w: UserWhereInput) { organization { users(where: $w, orderBy: email_ASC) { id } } }"
    )
    found = api.data(query, {"w": {"email": me["email"], "isViewer": False}})
    assert found["organization"]["users"] == [{"id": me["id"]}]
    assert api.data(query, {"w": {"email_not": me["email"]}})["organization"]["users"] == []


def test_labeling_frontend_names_compare_case_insensitively(api: Api) -> None:
    for value in ("Editor", "editor", "EDITOR"):
        result = api.data(docs.GET_LABELING_FRONTENDS, {"param_0": value, "param_1": False})
        assert [f["name"] for f in result["labelingFrontends"]] == ["Editor"]
    query = "query($w: LabelingFrontendWhereInput) { labelingFrontends(where: $w) { name } }"
    assert api.data(query, {"w": {"name_starts_with": "edi"}})["labelingFrontends"]
    assert api.data(query, {"w": {"name_in": ["EDITOR"]}})["labelingFrontends"]
    assert not api.data(query, {"w": {"name_not": "EDITOR"}})["labelingFrontends"]


def test_long_filters_run_and_longer_ones_are_refused(org: dict[str, Any]) -> None:
    """A chain of comparisons becomes as deep a tree in SQLite: 500 run, more are refused
    with a clear MALFORMED_REQUEST instead of an internal error."""
    api: Api = org["api"]
    allowed = {"AND": [{"name_not": f"n{i}"} for i in range(499)] + [{"name": "a"}]}
    result = api.data(docs.OUR_GET_PROJECTS, {"where": allowed})
    assert [p["name"] for p in result["projects"]] == ["a"]
    refused = {"AND": [{"name_not": f"n{i}"} for i in range(501)]}
    errors = api.errors(docs.OUR_GET_PROJECTS, {"where": refused})
    assert [e["extensions"]["code"] for e in errors] == ["MALFORMED_REQUEST"]
    assert errors[0]["message"] == "where has 501 comparisons; at most 500 are allowed"
