"""Catalog slices: saved by `createCatalogSlice` or `labelbox-server create-slice`, read by
`getSavedQuery`, and evaluated over the organization's live data rows at every
`getDataRowIdsBySavedQuery` (a row created or deleted later is in or out)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from . import model_run_documents as docs
from .conftest import Api
from .data_helpers import create_dataset, create_row
from .test_cli import db_args, run_cli, serve

__all__ = ["db_args", "serve"]  # fixtures of the CLI test, used here


def _slice(api: Api, filter_: list[dict[str, Any]], name: str = "s") -> str:
    created = api.data(docs.CREATE_SLICE, {"name": name, "filter": filter_})["createCatalogSlice"]
    assert created["filter"] == filter_
    slice_id: str = created["id"]
    return slice_id


def _ids(api: Api, slice_id: str, first: int = 1000) -> list[str]:
    found: list[str] = []
    cursor = None
    while True:
        page = api.data(docs.GET_SLICE_ROW_IDS, {"id": slice_id, "from": cursor, "first": first})[
            "getDataRowIdsBySavedQuery"
        ]
        found.extend(page["nodes"])
        cursor = page["pageInfo"]["endCursor"]
        assert page["pageInfo"]["hasNextPage"] == (cursor is not None)
        if cursor is None:
            return found


@pytest.fixture
def catalog(fresh_api: Api) -> dict[str, Any]:
    """Two datasets of a fresh organization, with rows of known ids."""
    first, second = create_dataset(fresh_api, "first"), create_dataset(fresh_api, "second")
    rows = {
        "cat": create_row(fresh_api, first, "https://x.example/cat.jpg", external_id="cat-1"),
        "dog": create_row(fresh_api, first, "https://x.example/dog.jpg", external_id="dog-1"),
        "text": create_row(fresh_api, second, "some text", external_id="cat-2", media_type="TEXT"),
    }
    return {"first": first, "second": second, **{k: v["id"] for k, v in rows.items()}}


def test_filters_select_rows(fresh_api: Api, catalog: dict[str, Any]) -> None:
    def ids(*conditions: dict[str, Any]) -> list[str]:
        return _ids(fresh_api, _slice(fresh_api, list(conditions)))

    every = sorted([catalog["cat"], catalog["dog"], catalog["text"]])
    assert ids() == every
    assert ids({"type": "dataset", "operator": "is", "ids": [catalog["first"]]}) == sorted(
        [catalog["cat"], catalog["dog"]]
    )
    assert ids({"type": "dataset", "operator": "is_not", "ids": [catalog["first"]]}) == [
        catalog["text"]
    ]
    assert ids({"type": "external_id", "operator": "starts_with", "value": "cat"}) == sorted(
        [catalog["cat"], catalog["text"]]
    )
    assert ids(
        {"type": "external_id", "operator": "contains", "value": "-1"},
        {"type": "row_data", "operator": "contains", "value": "dog"},
    ) == [catalog["dog"]]
    assert ids({"type": "media_type", "operator": "is", "values": ["TEXT"]}) == [catalog["text"]]
    assert ids({"type": "created_at", "operator": "after", "value": "2999-01-01T00:00:00Z"}) == []
    assert ids({"type": "created_at", "operator": "before", "value": "2999-01-01"}) == every


def test_a_slice_follows_the_catalog_and_pages_by_id(
    fresh_api: Api, catalog: dict[str, Any]
) -> None:
    slice_id = _slice(fresh_api, [{"type": "dataset", "operator": "is", "ids": [catalog["first"]]}])
    added = [
        create_row(fresh_api, catalog["first"], f"https://x.example/{i}.jpg")["id"]
        for i in range(5)
    ]
    expected = sorted([catalog["cat"], catalog["dog"], *added])
    assert _ids(fresh_api, slice_id, first=2) == expected
    page = fresh_api.data(docs.GET_SLICE_ROW_IDS, {"id": slice_id, "first": 3})
    assert page["getDataRowIdsBySavedQuery"]["totalCount"] == 7
    fresh_api.data(
        "mutation($ids: [ID!]!) { deleteDataRows(where: {dataRowIds: $ids}) { id } }",
        {"ids": added[:2]},
    )
    assert _ids(fresh_api, slice_id) == sorted([catalog["cat"], catalog["dog"], *added[2:]])


def test_a_slice_is_read_back(fresh_api: Api, catalog: dict[str, Any]) -> None:
    filter_ = [{"type": "global_key", "operator": "is", "value": "k"}]
    created = fresh_api.data(
        docs.CREATE_SLICE, {"name": "keys", "description": "by key", "filter": filter_}
    )["createCatalogSlice"]
    found = fresh_api.data(docs.GET_SAVED_QUERY, {"id": created["id"]})["getSavedQuery"]
    assert {k: found[k] for k in ("id", "name", "description", "filter")} == created
    assert found["createdAt"] and found["updatedAt"]


@pytest.mark.parametrize(
    ("filter_", "message"),
    [
        ({"type": "dataset"}, "filter must be a list"),
        ([42], "filter[0]: must be an object"),
        ([{"type": "colour", "operator": "is"}], "filter[0].type"),
        ([{"type": "dataset", "operator": "like", "ids": ["x"]}], "filter[0].operator"),
        ([{"type": "dataset", "operator": "is", "ids": []}], "filter[0].ids"),
        ([{"type": "external_id", "operator": "is", "value": 3}], "filter[0].value"),
        ([{"type": "created_at", "operator": "after", "value": "yesterday"}], "filter[0].value"),
        (
            [{"type": "media_type", "operator": "is", "values": ["IMAGE"]}, {"type": "x"}],
            "filter[1].type",
        ),
    ],
)
def test_bad_filters_are_refused_naming_the_condition(api: Api, filter_: Any, message: str) -> None:
    errors = api.errors(docs.CREATE_SLICE, {"name": "bad", "filter": filter_})
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    assert message in errors[0]["message"]


def test_unknown_and_foreign_slices_are_not_found(
    api: Api, other_api: Api, catalog: dict[str, Any]
) -> None:
    slice_id = _slice(api, [])
    for document, variables in (
        (docs.GET_SAVED_QUERY, {"id": slice_id}),
        (docs.GET_SLICE_ROW_IDS, {"id": slice_id, "first": 10}),
        (docs.GET_SAVED_QUERY, {"id": "nope"}),
    ):
        assert other_api.error_codes(document, variables) == ["RESOURCE_NOT_FOUND"]
    codes = api.error_codes(docs.GET_SLICE_ROW_IDS, {"id": slice_id, "first": 1001})
    assert codes == ["MALFORMED_REQUEST"]


def test_the_cli_creates_slices(
    db_args: list[str], serve: Callable[..., tuple[subprocess.Popen[str], str]]
) -> None:
    key = run_cli("init", *db_args, "--email", "me@example.test").stdout.strip().splitlines()[-1]
    filter_ = [{"type": "external_id", "operator": "starts_with", "value": "cat"}]
    created = run_cli(
        "create-slice",
        *db_args,
        "--email",
        "me@example.test",
        "--name",
        "cats",
        "--description",
        "all cats",
        "--filter",
        json.dumps(filter_),
    )
    assert created.returncode == 0, created.stderr
    slice_id = created.stdout.strip().splitlines()[-1]
    bad_json = run_cli(
        "create-slice", *db_args, "--email", "me@example.test", "--name", "x", "--filter", "[{"
    )
    assert bad_json.returncode == 2 and "not JSON" in bad_json.stderr
    bad_filter = run_cli(
        "create-slice", *db_args, "--email", "me@example.test", "--name", "x", "--filter", "{}"
    )
    assert bad_filter.returncode == 1 and "filter must be a list" in bad_filter.stderr
    nobody = run_cli(
        "create-slice", *db_args, "--email", "no@example.test", "--name", "x", "--filter", "[]"
    )
    assert nobody.returncode == 1
    _, base_url = serve()
    with httpx.Client(timeout=30) as http:
        api = Api(base_url + "/graphql", key, http)
        found = api.data(docs.GET_SAVED_QUERY, {"id": slice_id})["getSavedQuery"]
        assert (found["name"], found["description"], found["filter"]) == (
            "cats",
            "all cats",
            filter_,
        )
        dataset = create_dataset(api, "d")
        cat = create_row(api, dataset, "https://x.example/c.jpg", external_id="cat-9")["id"]
        create_row(api, dataset, "https://x.example/d.jpg", external_id="dog-9")
        assert _ids(api, slice_id) == [cat]
