"""Error codes and messages the official SDK maps (wire spec §1.4), HTTP statuses, auth."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from labelbox_server import LocalServer

from . import sdk_documents as docs
from .conftest import Api

AUTH_ERROR = {
    "data": None,
    "errors": [{"message": "Invalid API key", "extensions": {"code": "AUTHENTICATION_ERROR"}}],
}


def test_syntax_error(api: Api) -> None:
    errors = api.errors("asda")
    assert errors[0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert errors[0]["message"].startswith("Syntax Error:")


def test_unknown_field_has_graphql_js_wording(api: Api) -> None:
    errors = api.errors("query {bbb {id}}")
    assert errors[0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert errors[0]["message"] == 'Cannot query field "bbb" on type "Query".'


def test_variable_errors_are_validation_errors(api: Api) -> None:
    assert api.error_codes(docs.GET_PROJECT, {}) == ["GRAPHQL_VALIDATION_FAILED"]
    assert api.error_codes(docs.GET_PROJECT, {"param_0": 5.5}) == ["GRAPHQL_VALIDATION_FAILED"]
    codes = api.error_codes(
        docs.GET_PROJECTS_NAME_AND_CREATED,
        {"param_0": "x", "param_1": "yesterday", "param_2": False},
    )
    assert codes == ["GRAPHQL_VALIDATION_FAILED"]
    codes = api.error_codes(docs.CREATE_PROJECT_NAME_ONLY.replace("String!", "Int!"), {"name": 1})
    assert codes == ["GRAPHQL_VALIDATION_FAILED"]


def test_unknown_operation_name(api: Api) -> None:
    response = api.client.post(
        api.endpoint,
        json={"query": docs.GET_USER, "operationName": "Nope"},
        headers={"Authorization": f"Bearer {api.api_key}"},
    )
    assert response.status_code == 200
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


def test_complexity_limit(api: Api) -> None:
    errors = api.errors("{projects {datasets {projects {datasets {id}}}}}")
    assert errors == [
        {
            "message": "Query complexity limit exceeded",
            "locations": [{"line": 1, "column": 1}],
            "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
        }
    ]
    via_fragment = (
        "query { projects { ...P } } fragment P on Project { datasets { projects { datasets "
        "{ id } } } }"
    )
    assert api.errors(via_fragment)[0]["message"] == "Query complexity limit exceeded"


def test_ordinary_nesting_passes(api: Api) -> None:
    api.data("{ projects { datasets { projects { id createdBy { id organization { id } } } } } }")
    api.data(
        "{ user { organization { users { projects { datasets { id } } } } } }".replace(
            "{ datasets { id } }", "{ id }"
        )
    )
    api.data("{ organization { projects { labelingFrontend { projects { id } } } } }")
    api.data("{ __schema { types { fields { args { type { ofType { name } } } } } } }")


def test_errors_always_carry_a_code(api: Api) -> None:
    documents = [
        "asda",
        "{ bbb }",
        "{ projects(first: 500) { id } }",
        docs.GET_PROJECT.replace("$param_0: ID!", "$param_0: ID"),
        'mutation { updateDataset(where: {id: "x"}, data: {name: "y"}) { id } }',
    ]
    for document in documents:
        for error in api.errors(document, {}):
            assert isinstance(error["extensions"]["code"], str), (document, error)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer not-a-key"},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic abc"},
    ],
)
def test_bad_or_missing_key(
    server: LocalServer, http: httpx.Client, headers: dict[str, str]
) -> None:
    response = http.post(server.endpoint, json={"query": docs.GET_USER}, headers=headers)
    assert response.status_code == 401
    assert response.json() == AUTH_ERROR


def test_header_name_and_scheme_are_case_insensitive(
    server: LocalServer, http: httpx.Client
) -> None:
    for name, scheme in (("authorization", "Bearer"), ("AUTHORIZATION", "bearer")):
        response = http.post(
            server.endpoint,
            json={"query": docs.GET_USER, "variables": None},
            headers={name: f"{scheme} {server.api_key}"},
        )
        assert response.status_code == 200
        assert response.json()["data"]["user"]["id"]


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[]",
        b'{"variables": {}}',
        b'{"query": 5}',
        b'{"query": "{user{id}}", "variables": 3}',
    ],
)
def test_body_that_is_not_a_graphql_request(
    server: LocalServer, http: httpx.Client, content: bytes
) -> None:
    response = http.post(
        server.endpoint,
        content=content,
        headers={"Authorization": f"Bearer {server.api_key}", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "MALFORMED_REQUEST"


def test_health(server: LocalServer, http: httpx.Client) -> None:
    response = http.get(server.base_url + "/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def _raw(api: Api, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    """Post with json.dumps (it escapes lone surrogates, which httpx's json= cannot send)."""
    response = api.client.post(
        api.endpoint,
        content=json.dumps({"query": query, "variables": variables}),
        headers={"Authorization": f"Bearer {api.api_key}", "Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize(
    ("query", "variables", "named"),
    [
        (
            "query($d: DateTime) { projects(where: {createdAt_gt: $d}) { id } }",
            {"d": "0001-01-01T00:00:00+14:00"},
            '"$d"',
        ),
        (
            "mutation($n: String!) { createProject(data: {name: $n}) { id } }",
            {"n": "\ud800"},
            '"$n"',
        ),
        ("query($n: String) { projects(where: {name: $n}) { id } }", {"n": "x\udc00"}, '"$n"'),
        (
            'mutation($d: ID!, $e: String) { createDataRow(data: {rowData: "x", externalId: $e,'
            " dataset: {connect: {id: $d}}}) { id } }",
            {"d": "x", "e": "\ud83d"},
            '"$e"',
        ),
        ("query($n: String) { projects(where: {name: $n}) { id } }", {"n": "a\x00"}, '"$n"'),
        (
            'mutation($v: Json) { upsertDataRowCustomMetadata(data: [{dataRowId: "x",'
            ' fields: [{schemaId: "s", value: $v}]}]) { dataRowId } }',
            {"v": 2**64},
            '"$v"',
        ),
    ],
)
def test_bad_values_are_validation_errors_naming_the_argument(
    api: Api, query: str, variables: dict[str, Any], named: str
) -> None:
    (error,) = _raw(api, query, variables)["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED", error
    assert named in error["message"], error


def _cursor(value: object) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).decode()


@pytest.mark.parametrize(
    ("cursor", "order"),
    [
        ("not base64 !", "id_ASC"),
        (_cursor(b"not json"), "id_ASC"),
        (_cursor([1, 2]), "id_ASC"),
        (_cursor(["id_ASC", None, 5]), "id_ASC"),
        (_cursor(["id_ASC", None, "x" * 500]), "id_ASC"),
        (_cursor(["externalId_ASC", 10**22, "id"]), "externalId_ASC"),
        (_cursor(["createdAt_ASC", "yesterday", "id"]), "createdAt_ASC"),
        (_cursor(["createdAt_ASC", 5, "id"]), "createdAt_ASC"),
        (_cursor(b"[" * 5000), "id_ASC"),
    ],
)
def test_malformed_cursors_name_the_argument(api: Api, cursor: str, order: str) -> None:
    dataset = api.data(docs.CREATE_DATASET_PLAIN, {"name": "cursors", "description": ""})[
        "createDataset"
    ]["id"]
    errors = api.errors(
        "query($id: ID!, $from: String, $o: DataRowOrderByInput) { datasetDataRows(id: $id,"
        " from: $from, orderBy: $o) { nodes { id } } }",
        {"id": dataset, "from": cursor, "o": order},
    )
    assert [e["extensions"]["code"] for e in errors] == ["MALFORMED_REQUEST"], errors
    assert '"from"' in errors[0]["message"], errors
