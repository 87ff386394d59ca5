"""Pure functions: scalars, ids, auth header parsing, error wording, filter parsing."""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from graphql import parse

from labelbox_server.auth import bearer_token
from labelbox_server.db.models import Project
from labelbox_server.db.session import SessionFactory, make_engine
from labelbox_server.domain import ids
from labelbox_server.domain.api_keys import hash_key
from labelbox_server.domain.filters import mentions, model_fields, parse_key
from labelbox_server.errors import MalformedRequest
from labelbox_server.graphql import complexity
from labelbox_server.graphql.errors import graphql_js_wording
from labelbox_server.graphql.executor import Executor
from labelbox_server.graphql.inputs import literal_problem
from labelbox_server.graphql.scalars import parse_datetime, parse_page_size, serialize_datetime
from labelbox_server.graphql.schema import build_schema
from labelbox_server.settings import (
    POSTGRES_REQUEST_THREADS,
    SQLITE_REQUEST_THREADS,
    RequestLimits,
    Settings,
)
from labelbox_server.storage import DirectoryBlobStore, Storage, UrlSigner
from labelbox_server.values import value_problem

UTC = timezone.utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-01-02T03:04:05Z", datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2023-01-02T03:04:05.123Z", datetime(2023, 1, 2, 3, 4, 5, 123000, tzinfo=UTC)),
        ("2023-01-02T03:04:05.123456Z", datetime(2023, 1, 2, 3, 4, 5, 123000, tzinfo=UTC)),
        ("2023-01-02T03:04:05+00:00", datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2023-01-02T05:04:05+02:00", datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2023-01-02T03:04:05", datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)),
        ("2023-01-02 03:04:05.5", datetime(2023, 1, 2, 3, 4, 5, 500000, tzinfo=UTC)),
        ("2023-01-02", datetime(2023, 1, 2, tzinfo=UTC)),
    ],
)
def test_parse_datetime(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected
    assert parse_datetime(text).tzinfo is not None


@pytest.mark.parametrize("text", ["", "yesterday", "2023-13-01T00:00:00Z", 5])
def test_parse_datetime_rejects(text: object) -> None:
    with pytest.raises(ValueError):
        parse_datetime(text)


def test_serialize_datetime() -> None:
    assert (
        serialize_datetime(datetime(2023, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2023-01-02T03:04:05.000Z"
    )
    assert serialize_datetime(datetime(2023, 1, 2, 3, 4, 5, 987654)) == "2023-01-02T03:04:05.987Z"
    plus_two = timezone(timedelta(hours=2))
    assert serialize_datetime(datetime(2023, 1, 2, 5, 4, 5, tzinfo=plus_two)) == (
        "2023-01-02T03:04:05.000Z"
    )


def test_page_size() -> None:
    assert parse_page_size(100) == 100
    for bad in (0, -1, True, "5", 1.5):
        with pytest.raises(ValueError):
            parse_page_size(bad)


def test_ids() -> None:
    made = [ids.new_id() for _ in range(1000)]
    assert len(set(made)) == 1000
    assert all(ids.is_valid_id(i) for i in made)
    assert all(len(i) == 25 and i[0] == "c" for i in made)
    assert made[0][:9] <= made[-1][:9]  # time-ordered prefix


def test_bearer_token() -> None:
    assert bearer_token("Bearer abc") == "abc"
    assert bearer_token("bearer  abc ") == "abc"
    for bad in (None, "", "Bearer", "Basic abc", "abc"):
        assert bearer_token(bad) is None


def test_hash_key() -> None:
    assert hash_key("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_graphql_js_wording() -> None:
    assert graphql_js_wording("Cannot query field 'bbb' on type 'Query'.") == (
        'Cannot query field "bbb" on type "Query".'
    )
    assert graphql_js_wording("Variable '$id' of type '[ID!]!' x 'Query.projects'") == (
        'Variable "$id" of type "[ID!]!" x "Query.projects"'
    )
    assert graphql_js_wording("Labelbox's editor's") == "Labelbox's editor's"


def test_unexpected_errors_hide_details() -> None:
    from graphql import GraphQLError

    from labelbox_server.errors import ResourceConflict
    from labelbox_server.graphql.errors import format_error

    boom = GraphQLError("x", path=["project"], original_error=RuntimeError("SELECT secret"))
    formatted = format_error(boom)
    assert formatted["message"] == "Internal server error"
    assert formatted["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert "secret" not in str(format_error(boom))
    conflict = GraphQLError("x", path=["a"], original_error=ResourceConflict("taken"))
    assert format_error(conflict)["extensions"] == {"code": "RESOURCE_CONFLICT"}
    assert format_error(conflict)["message"] == "taken"


def test_parse_key() -> None:
    fields = model_fields(Project)
    assert parse_key("name_not_in", fields)[1] == "_not_in"
    assert parse_key("name_not", fields)[1] == "_not"
    assert parse_key("created_at_gte", fields)[1] == "_gte"
    assert parse_key("created_at_gte", fields)[0] == fields["created_at"]
    assert parse_key("name", fields)[1] == ""
    with pytest.raises(MalformedRequest):
        parse_key("bogus_lt", fields)


def test_mentions() -> None:
    where = {"and": [{"and": [{"name": "x"}]}, {"deleted": False}]}
    assert mentions(where, "deleted")
    assert mentions({"not": [{"deleted_not": True}]}, "deleted")
    assert not mentions({"name": "deleted"}, "deleted")
    assert not mentions(None, "deleted")


@pytest.mark.parametrize(
    ("document", "ok"),
    [
        ("{ projects { datasets { projects { id } } } }", True),
        ("{ projects { datasets { projects { datasets { id } } } } }", False),
        ('{ project(where: {id: "x"}) { datasets { projects { datasets { id } } } } }', True),
        (
            "{ ...F } fragment F on Query { projects { ... on Project { datasets { projects "
            "{ datasets { id } } } } } }",
            False,
        ),
        ("{ ...F } fragment F on Query { ...G } fragment G on Query { ...F }", True),
    ],
)
def test_list_depth_rule(document: str, ok: bool) -> None:
    exceeded = complexity.check(
        complexity.measure(build_schema(), parse(document)), RequestLimits()
    )
    assert (exceeded is None) is ok


@pytest.mark.parametrize(
    ("document", "writes"),
    [
        ("{ user { id } }", False),
        ("query($k: [ID!]!) { dataRowsForGlobalKeys(where: {ids: $k}) { jobId } }", True),
        ("query($k: [ID!]!) { j: dataRowsForGlobalKeys(where: {ids: $k}) { jobId } }", True),
        (
            "query($k: [ID!]!) { ...F } fragment F on Query { ...G } "
            "fragment G on Query { dataRowsForGlobalKeys(where: {ids: $k}) { jobId } }",
            True,
        ),
        (
            "query($k: [ID!]!) { ... on Query { ... { dataRowsForGlobalKeys(where: {ids: $k})"
            " { jobId } } } }",
            True,
        ),
        ("query { ...F } fragment F on Query { ...F }", False),
        ('mutation { createProject(data: {name: "x"}) { id } }', True),
        # A writing field below the root (it starts an export job).
        ('query { project(where: {id: "p"}) { issueExportUrl } }', True),
        (
            "query { projects { ...P } } fragment P on Project { id ... { issueExportUrl } }",
            True,
        ),
        ('query { project(where: {id: "p"}) { id name } }', False),
    ],
)
def test_writes_are_detected_wherever_the_field_is(document: str, writes: bool) -> None:
    prepared = Executor(
        build_schema(), SessionFactory(make_engine("sqlite://")), "http://h", _storage()
    ).prepare(document)
    if prepared.document is None:  # invalid (the cyclic fragment): nothing runs
        assert not writes and prepared.errors
        return
    assert prepared.writes(None) is writes


def _storage() -> Storage:
    return Storage(DirectoryBlobStore(Path(tempfile.mkdtemp())), UrlSigner(b"s" * 32), "", 1, 1, 1)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("fine ✓", None),
        ("\ud800", "lone surrogates"),
        ("a\x00b", "NUL"),
        (2**63, "64 bits"),
        (-(2**63), None),
        (float("inf"), "finite"),
        ({"k\ud800": 1}, "lone surrogates"),
        ([[[[1]]]], None),
        ([[[[[1]]]]], "nest"),
    ],
)
def test_storable_values(value: object, problem: str | None) -> None:
    found = value_problem(value, max_depth=4)
    assert (found is None) if problem is None else (problem in (found or "")), found


def test_literals_are_checked_like_variables() -> None:
    assert "NUL" in (literal_problem(parse('{ projects(where: {name: "a\\u0000"}) { id } }')) or "")
    assert "64 bits" in (
        literal_problem(parse("query($j: Json = 99999999999999999999) { a }")) or ""
    )
    assert literal_problem(parse('{ projects(where: {name: "ok"}) { id } }')) is None


def test_request_threads_default_by_database(tmp_path: Path) -> None:
    assert Settings(data_dir=tmp_path).resolved_request_threads == SQLITE_REQUEST_THREADS == 2
    postgres = Settings(data_dir=tmp_path, database_url="postgresql+psycopg://db/lb")
    assert postgres.resolved_request_threads == POSTGRES_REQUEST_THREADS == 4
    assert Settings(data_dir=tmp_path, request_threads=3).resolved_request_threads == 3
