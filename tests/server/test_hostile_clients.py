"""Hostile clients: every request limit answers with its error code and HTTP status, the
server's memory stays bounded, and it keeps serving.

One server process of its own (`LocalServer`), with the default limits but a 1 MiB upload
limit (so the upload case is quick); its resident memory (`VmRSS`) is read from /proc after
every case and must stay within `RSS_ALLOWANCE` of what it was after warming up.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from labelbox_server import LocalServer
from labelbox_server.settings import RequestLimits

from . import sdk_documents as docs

LIMITS = RequestLimits()
UPLOAD_LIMIT = 1024 * 1024
MIB = 1024 * 1024
#: How much the server's memory may grow over the whole module.
RSS_ALLOWANCE = 96 * MIB


def rss(pid: int) -> int:
    """Resident memory of a process, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


class Hostile:
    """Raw HTTP against the module's server."""

    def __init__(self, server: LocalServer) -> None:
        self.server = server
        self.client = httpx.Client(timeout=60)
        self.key = {"Authorization": f"Bearer {server.api_key}"}
        self.baseline = 0

    def post(self, body: Any = None, *, key: bool = True, **kwargs: Any) -> httpx.Response:
        headers = {**(self.key if key else {}), **kwargs.pop("headers", {})}
        if body is not None:
            kwargs["json"] = body
        return self.client.post(self.server.endpoint, headers=headers, **kwargs)

    def query(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        return self.post({"query": query, "variables": variables})

    def check_answers(self) -> None:
        """The server answers a normal request."""
        response = self.post({"query": docs.GET_USER})
        assert response.status_code == 200 and response.json()["data"]["user"]["id"]

    def check_healthy(self) -> None:
        """The server answers a normal request, and has grown by less than the allowance
        since the baseline."""
        self.check_answers()
        pid = self.server.pid
        assert pid is not None
        grown = rss(pid) - self.baseline
        assert grown < RSS_ALLOWANCE, f"the server grew by {grown / MIB:.0f} MiB"


@pytest.fixture(scope="module")
def hostile(new_database_url: Callable[[], str | None]) -> Iterator[Hostile]:
    serve_args = ["--max-upload-bytes", str(UPLOAD_LIMIT)]
    with LocalServer(database_url=new_database_url(), serve_args=serve_args) as server:
        client = Hostile(server)
        for _ in range(20):  # warm up: imports, caches, thread pool
            client.check_answers()
        assert server.pid is not None
        client.baseline = rss(server.pid)
        yield client
        client.client.close()


def error_of(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The one error of a JSON response with this status and code."""
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    errors = response.json()["errors"]
    assert [error["extensions"]["code"] for error in errors] == [code], errors
    error: dict[str, Any] = errors[0]
    return error


def test_requests_without_a_key_are_refused_before_their_body_is_read(hostile: Hostile) -> None:
    # 20 distinct 10 MB queries once grew the server by ~400 MiB (parsed and cached).
    for n in range(20):
        query = "{ user { id } }" + " " * (10 * MIB) + f"# {n}"
        response = hostile.post({"query": query}, key=False)
        assert error_of(response, 401, "AUTHENTICATION_ERROR")["message"] == "Invalid API key"
    garbage = hostile.post(content=b"[" * 100_000, key=False)
    error_of(garbage, 401, "AUTHENTICATION_ERROR")
    upload = hostile.post(
        key=False,
        data={"operations": "{}", "map": "{}"},
        files={"1": ("big.bin", b"x" * (4 * UPLOAD_LIMIT))},
    )
    error_of(upload, 401, "AUTHENTICATION_ERROR")
    hostile.check_healthy()


def test_deeply_nested_json_is_a_bad_request(hostile: Hostile) -> None:
    # A body of 100,000 `[` once raised an uncaught RecursionError (500 text/plain).
    for body in (b"[" * 100_000, b'{"query": "{user{id}}", "variables": {"a": ' + b"[" * 5000):
        response = hostile.post(content=body, headers={"content-type": "application/json"})
        assert "nests deeper" in error_of(response, 400, "MALFORMED_REQUEST")["message"]
    deep: Any = "x"
    for _ in range(LIMITS.max_json_depth):
        deep = [deep]
    response = hostile.post({"query": "query($v: Json) { roles { id } }", "variables": {"v": deep}})
    error_of(response, 400, "MALFORMED_REQUEST")
    not_finite = b'{"query": "{ user { id } }", "variables": {"x": NaN}}'
    response = hostile.post(content=not_finite, headers={"content-type": "application/json"})
    error_of(response, 400, "MALFORMED_REQUEST")
    hostile.check_healthy()


def test_bodies_past_the_limit_are_too_large(hostile: Hostile) -> None:
    padding = " " * (LIMITS.max_body_bytes + 1)
    declared = hostile.post({"query": "{ user { id } }" + padding})
    assert "larger than" in error_of(declared, 413, "MALFORMED_REQUEST")["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"query": "{ user { id } }'
        for _ in range(LIMITS.max_body_bytes // MIB + 1):
            yield b" " * MIB
        yield b'"}'

    streamed = hostile.post(content=chunks(), headers={"content-type": "application/json"})
    error_of(streamed, 413, "MALFORMED_REQUEST")
    operations = json.dumps(
        {"query": docs.UPLOAD_FILE, "variables": {"file": None, "contentLength": 1, "sign": True}}
    )
    upload = hostile.post(
        data={"operations": operations, "map": json.dumps({"1": ["variables.file"]})},
        files={"1": ("big.bin", b"x" * (3 * UPLOAD_LIMIT))},
    )
    error_of(upload, 413, "MALFORMED_REQUEST")
    hostile.check_healthy()


def test_queries_past_the_size_and_token_limits(hostile: Hostile) -> None:
    long_query = "{ user { id } }" + "#" * LIMITS.max_query_bytes
    error_of(hostile.query(long_query), 413, "MALFORMED_REQUEST")
    many_tokens = "{ user { " + "id " * LIMITS.max_query_tokens + "} }"
    error = error_of(hostile.query(many_tokens), 200, "GRAPHQL_PARSE_FAILED")
    assert "tokens" in error["message"]
    hostile.check_healthy()


def complexity_error(response: httpx.Response) -> str:
    message: str = error_of(response, 200, "GRAPHQL_VALIDATION_FAILED")["message"]
    assert message.startswith("Query complexity limit exceeded"), message
    return message


def test_fragment_fan_out_is_measured_without_expanding_it(hostile: Hostile) -> None:
    # 825 bytes that expand to 2^30 fields: validating it once took 2.6 s.
    fragments = "".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}\n" for i in range(30)
    )
    document = "query { ...F0 }\n" + fragments + "fragment F30 on Query { user { id } }"
    assert "fields selected" in complexity_error(hostile.query(document))
    chain = "".join(f"fragment C{i} on Query {{ ...C{i + 1} }}\n" for i in range(300))
    document = "query { ...C0 }\n" + chain + "fragment C300 on Query { user { id } }"
    assert "nesting" in complexity_error(hostile.query(document))
    hostile.check_healthy()


def test_too_many_aliases_fields_or_levels(hostile: Hostile) -> None:
    # 20,000 aliases once took 4.3 s; today the query is too large, and 201 are too many.
    twenty_thousand = "{" + " ".join(f"a{i}: user {{ id }}" for i in range(20_000)) + "}"
    error_of(hostile.query(twenty_thousand), 413, "MALFORMED_REQUEST")
    aliases = "{" + " ".join(f"a{i}: user {{ id }}" for i in range(LIMITS.max_aliases + 1)) + "}"
    assert "aliased" in complexity_error(hostile.query(aliases))
    fields = "{ user { " + " ".join(f"f{i}: id" for i in range(LIMITS.max_fields)) + " } }"
    assert "fields selected" in complexity_error(hostile.query(fields))
    deep = "{ user { id }" + " user { organization { users { organization { id } } } }" + "}"
    for _ in range(LIMITS.max_depth // 2):
        deep = deep.replace("organization { id }", "organization { users { organization { id } } }")
    assert "nesting" in complexity_error(hostile.query(deep))
    hostile.check_healthy()


def test_same_named_selections_are_compared_within_a_budget(hostile: Hostile) -> None:
    # Each level repeats one field: validation compares them pairwise, level by level.
    inner = "id"
    for _ in range(3):
        inner = " ".join(["organization { users { " + inner + " } }"] * 6)
    document = "{ user { " + inner + " } }"
    assert "comparisons" in complexity_error(hostile.query(document))
    hostile.check_healthy()


def test_where_nesting(hostile: Hostile) -> None:
    # Each `{AND: [...]}` nests two levels (an object and a list).
    too_deep = LIMITS.max_input_depth // 2 + 1
    nested = '{name: "x"}'
    for _ in range(too_deep):
        nested = "{AND: [" + nested + "]}"
    literal = hostile.query("{ projects(where: " + nested + ") { id } }")
    assert "argument value" in complexity_error(literal)
    where: dict[str, Any] = {"name": "x"}
    for _ in range(too_deep):
        where = {"AND": [where]}
    variable = hostile.query(
        "query($w: ProjectWhereInput) { projects(where: $w) { id } }", {"w": where}
    )
    message = error_of(variable, 200, "GRAPHQL_VALIDATION_FAILED")["message"]
    assert message.startswith('Variable "$w"') and "nest" in message
    allowed: dict[str, Any] = {"name": "x"}
    for _ in range(8):
        allowed = {"AND": [allowed]}
    ok = hostile.query(
        "query($w: ProjectWhereInput) { projects(where: $w) { id } }", {"w": allowed}
    )
    assert ok.status_code == 200 and ok.json() == {"data": {"projects": []}}
    hostile.check_healthy()


def test_the_sdks_largest_documents_pass(hostile: Hostile) -> None:
    # Within every limit with room to spare: 10,000 global keys of 200 characters (2 MB).
    keys = [f"{n:06d}" + "k" * 194 for n in range(10_000)]
    response = hostile.query(docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS, {"globalKeys": keys})
    assert response.status_code == 200 and "errors" not in response.json(), response.text[:300]
    hostile.check_healthy()
