"""Fuzzing the server's GraphQL inputs: every root field of the schema, called with arguments
drawn from its input types (and values of the wrong type, out of range, unstorable, ...),
answers with a client error or a result, never an `INTERNAL_SERVER_ERROR` or a non-JSON
response.

Bounded and derandomized (hypothesis): the same examples every run, `EXAMPLES` per field.
Arguments are sent as variables typed as the field declares them; ids are sometimes those
of real objects of the caller's organization, so resolvers get past their lookups.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from graphql import (
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
    is_leaf_type,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labelbox_server import LocalServer
from labelbox_server.graphql.schema import build_schema

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import TAG_SCHEMA_ID, create_dataset, create_row, wait_task

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
SCHEMA = build_schema()
ROOT_FIELDS = [
    (operation, name)
    for operation, root in (("query", SCHEMA.query_type), ("mutation", SCHEMA.mutation_type))
    if root is not None
    for name in root.fields
]

EDGE_STRINGS = [
    "",
    " ",
    "\ud800",
    "a\udfffb",
    "\x00",
    "nul\x00inside",
    "x" * 300,
    "y" * 70_000,
    "émoji 🐶 עברית",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "2023-13-45T99:99:99Z",
    "http://127.0.0.1:9/x.json",
    "https://storage.example.com/a.jpg",
    "file:///etc/passwd",
    '{"pdfUrl": 5}',
    '{"tileLayerUrl": "https://t/{z}/{x}/{y}.png", "bounds": [[1e400, 2]]}',
    '{"type": "application/vnd.labelbox.conversational", "messages": "no"}',
    "[" * 2000,
    "eyJhIjogMX0",  # base64 of {"a": 1}: a cursor that is not one
    "WyJpZF9BU0MiLDEwMDAwMDAwMDAwMDAwMDAwMDAwMDAsImlkIl0",  # ["id_ASC", 10**22, "id"]
    "name_ASC",
    "-1",
]
EDGE_INTS = [0, -1, 1, 2**31 - 1, -(2**31), 2**31, 2**53 + 1, 2**63, -(2**63) - 1, 10**30]
EDGE_FLOATS = [0.0, -0.0, 1e-300, 1e308, -1e308, 0.5]

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.sampled_from(EDGE_INTS)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(EDGE_STRINGS)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


class Objects:
    """Ids of real objects of the fuzzing organization."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids


def strings(objects: Objects) -> st.SearchStrategy[str]:
    return st.sampled_from(EDGE_STRINGS) | st.sampled_from(objects.ids) | st.text(max_size=30)


def scalar_values(scalar: GraphQLScalarType, objects: Objects) -> st.SearchStrategy[Any]:
    name = scalar.name
    if name in ("String", "ID"):
        return strings(objects)
    if name == "Int":
        return st.sampled_from(EDGE_INTS) | st.integers(-(2**31), 2**31 - 1)
    if name == "PageSize":
        return st.sampled_from([1, 100, 101, 1000, 1001, 0, -5, 2**31, 10**20])
    if name == "Float":
        return st.sampled_from(EDGE_FLOATS) | st.floats(allow_nan=False, allow_infinity=False)
    if name == "Boolean":
        return st.booleans()
    if name == "DateTime":
        return st.sampled_from(EDGE_STRINGS[9:12]) | st.datetimes().map(lambda d: d.isoformat())
    if name == "Json":
        return JSON_VALUES
    return st.none()  # Upload: only a multipart part can be one


def input_values(
    graphql_type: GraphQLInputType, objects: Objects, depth: int = 0
) -> st.SearchStrategy[Any]:
    """Values for `graphql_type`: mostly of the type, sometimes anything at all."""
    wrong = JSON_VALUES if depth < 2 else st.none()
    if isinstance(graphql_type, GraphQLNonNull):
        return input_values(graphql_type.of_type, objects, depth)
    if isinstance(graphql_type, GraphQLList):
        items = input_values(graphql_type.of_type, objects, depth + 1)
        return st.lists(items, max_size=3) | st.none()
    if depth > 3:
        return st.none()
    if isinstance(graphql_type, GraphQLEnumType):
        return st.sampled_from(list(graphql_type.values)) | st.text(max_size=10)
    if isinstance(graphql_type, GraphQLScalarType):
        return scalar_values(graphql_type, objects) | st.none()
    assert isinstance(graphql_type, GraphQLInputObjectType)
    fields = graphql_type.fields
    required = {
        name: input_values(field.type, objects, depth + 1)
        for name, field in fields.items()
        if isinstance(field.type, GraphQLNonNull)
    }
    optional = {
        name: input_values(field.type, objects, depth + 1)
        for name, field in fields.items()
        if not isinstance(field.type, GraphQLNonNull)
    }
    return st.fixed_dictionaries(required, optional=optional) | wrong


def selection(field: GraphQLField) -> str:
    """The leaf fields (without arguments) of the field's type, one level deep."""
    named = get_named_type(field.type)
    if is_leaf_type(named):
        return ""
    assert isinstance(named, GraphQLObjectType)
    leaves = [
        name
        for name, child in named.fields.items()
        if is_leaf_type(get_named_type(child.type)) and not child.args
    ]
    return " { __typename " + " ".join(leaves) + " }"


def document(operation: str, name: str, args: dict[str, GraphQLArgument]) -> str:
    declared = ", ".join(f"${arg}: {argument.type}" for arg, argument in args.items())
    passed = ", ".join(f"{arg}: ${arg}" for arg in args)
    root = SCHEMA.query_type if operation == "query" else SCHEMA.mutation_type
    assert root is not None
    field = root.fields[name]
    head = f"{operation} Fuzz({declared})" if args else f"{operation} Fuzz"
    call = f"{name}({passed})" if args else name
    return f"{head} {{ {call}{selection(field)} }}"


def encodable(value: Any) -> bool:
    """Whether `value` survives JSON (floats that are finite)."""
    try:
        json.dumps(value, allow_nan=False)
    except ValueError:
        return False
    return not (isinstance(value, float) and not math.isfinite(value))


@pytest.fixture(scope="module")
def fuzzing(server: LocalServer) -> Iterator[tuple[Api, Objects]]:
    """A fresh organization with one object of each kind the fields look up."""
    with httpx.Client(timeout=60) as http:
        api = Api(server.endpoint, server.new_organization(), http)
        project = api.data(docs.CREATE_PROJECT_NAME_ONLY, {"name": "fuzz"})["createProject"]["id"]
        dataset = create_dataset(api, "fuzz")
        row = create_row(api, dataset, "https://storage.example.com/a.jpg", global_key="fuzz-key")
        upload = api.upload(b'[{"row_data": "fuzzed"}]', "fuzz.json", "application/json")
        user = api.data(docs.GET_USER)["user"]["id"]
        yield api, Objects([project, dataset, row["id"], user, upload, TAG_SCHEMA_ID, "fuzz-key"])


@pytest.mark.parametrize(("operation", "name"), ROOT_FIELDS, ids=[n for _, n in ROOT_FIELDS])
def test_no_input_is_an_internal_error(
    fuzzing: tuple[Api, Objects], operation: str, name: str
) -> None:
    api, objects = fuzzing
    root = SCHEMA.query_type if operation == "query" else SCHEMA.mutation_type
    assert root is not None
    args = root.fields[name].args
    query = document(operation, name, args)
    arguments = st.fixed_dictionaries(
        {arg: input_values(argument.type, objects) for arg, argument in args.items()}
    )

    @settings(
        max_examples=EXAMPLES,
        derandomize=os.environ.get("FUZZ_RANDOM") is None,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(variables=arguments)
    def check(variables: dict[str, Any]) -> None:
        if not encodable(variables):
            return
        # json.dumps escapes lone surrogates (httpx's json= cannot encode them).
        response = api.client.post(
            api.endpoint,
            content=json.dumps({"query": query, "variables": variables}),
            headers={"Authorization": f"Bearer {api.api_key}", "Content-Type": "application/json"},
        )
        assert response.headers["content-type"].startswith("application/json"), response.text
        body = response.json()
        assert response.status_code in (200, 400, 413), (response.status_code, body)
        codes = [error["extensions"]["code"] for error in body.get("errors") or []]
        assert "INTERNAL_SERVER_ERROR" not in codes, (query, variables, body)

    check()


ROW_DATA = (
    st.sampled_from(
        [
            "https://storage.example.com/a.jpg",
            "plain text",
            {"pdfUrl": "https://storage.example.com/a.pdf", "textLayerUrl": 5},
            {"tileLayerUrl": "https://t/{z}/{x}/{y}.png", "bounds": [[1e308, 2]]},
            {"type": "application/vnd.labelbox.conversational", "version": 1, "messages": []},
        ]
    )
    | JSON_VALUES
)
ELEMENTS = st.lists(
    st.fixed_dictionaries(
        {"row_data": ROW_DATA},
        optional={
            "external_id": JSON_VALUES,
            "global_key": JSON_VALUES,
            "media_type": st.sampled_from(["IMAGE", "TEXT", "PDF", "VIDEO", "nope"]) | JSON_VALUES,
            "metadata_fields": st.lists(
                st.fixed_dictionaries(
                    {"schemaId": st.sampled_from([TAG_SCHEMA_ID, "nope"]), "value": JSON_VALUES}
                ),
                max_size=3,
            )
            | JSON_VALUES,
            "attachments": st.lists(
                st.fixed_dictionaries(
                    {"type": st.sampled_from(["RAW_TEXT", "IMAGE", "nope"]), "value": JSON_VALUES}
                ),
                max_size=3,
            )
            | JSON_VALUES,
        },
    )
    | JSON_VALUES,
    min_size=1,
    max_size=4,
)
SYNC_IMPORT = (
    "mutation($d: ID!, $u: String!) { appendRowsToDatasetSync(data: {datasetId: $d,"
    " jsonFileUrl: $u}) { dataset { id rowCount } } }"
)


def test_no_import_file_is_an_internal_error(fuzzing: tuple[Api, Objects]) -> None:
    """Import descriptors (files, not GraphQL values) are fuzzed too: a sync import answers
    with a client error or imports, and an async one completes or fails naming the rows."""
    api, _ = fuzzing
    dataset = create_dataset(api, "fuzz-imports")

    @settings(
        max_examples=EXAMPLES,
        derandomize=os.environ.get("FUZZ_RANDOM") is None,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(elements=ELEMENTS)
    def check(elements: list[Any]) -> None:
        if not encodable(elements):
            return
        url = api.upload(json.dumps(elements).encode(), "fuzz.json", "application/json")
        body = api.post(SYNC_IMPORT, {"d": dataset, "u": url}).json()
        codes = [error["extensions"]["code"] for error in body.get("errors") or []]
        assert "INTERNAL_SERVER_ERROR" not in codes, (elements, body)
        task_id = api.data(docs.APPEND_ROWS, {"datasetId": dataset, "jsonUrl": url})[
            "appendRowsToDataset"
        ]["taskId"]
        task = wait_task(api, task_id)
        errors = api.data("query($id: ID!) { task(where: {id: $id}) { errors } }", {"id": task_id})
        assert "Internal error" not in (errors["task"]["errors"] or ""), (elements, task)
        if task["status"] == "FAILED":
            assert api.client.get(task["result"]).json()["errors"], (elements, task)

    check()
