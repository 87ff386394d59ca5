"""Retries: what is retried, how long it waits, and that a mutation is never applied twice."""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

import httpx
import pytest

from labelbox import Client, RetryPolicy, exceptions
from labelbox._http.retry import parse_retry_after

ENDPOINT = "http://labelbox.test/graphql"
QUERY = "query GetThingPyApi { user { id } }"
MUTATION = "mutation MakeThingPyApi { createThing { id } }"
OK = {"data": {"user": {"id": "u1"}}}


class Script:
    """A transport answering requests from a list of canned outcomes."""

    def __init__(self, *outcomes: httpx.Response | Exception) -> None:
        self.outcomes = list(outcomes)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def graphql_error(code: str, message: str = "boom") -> httpx.Response:
    return httpx.Response(
        200, json={"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}
    )


def make_client(script: Script, delays: list[float], **policy: float) -> Client:
    """A client whose waits are recorded in `delays` and advance a fake clock."""
    client = Client(
        api_key="secret-key-123",
        endpoint=ENDPOINT,
        transport=httpx.MockTransport(script),
        retries=RetryPolicy(**policy),  # type: ignore[arg-type]
    )
    now = [0.0]

    def sleep(seconds: float) -> None:
        delays.append(seconds)
        now[0] += seconds

    def clock() -> float:
        return now[0]

    client._gateway.executor._sleep = sleep
    client._gateway.executor._clock = clock
    return client


def test_rate_limited_query_waits_for_retry_after_then_succeeds() -> None:
    script = Script(
        httpx.Response(
            429, headers={"Retry-After": "3"}, json={"message": "You have exceeded the limit"}
        ),
        httpx.Response(200, json=OK),
    )
    delays: list[float] = []
    assert make_client(script, delays).execute(QUERY) == OK["data"]
    assert delays == [3.0]
    assert len(script.requests) == 2


def test_rate_limited_mutation_is_retried_because_it_was_refused() -> None:
    script = Script(
        httpx.Response(429, json={"message": "You have exceeded"}), httpx.Response(200, json=OK)
    )
    delays: list[float] = []
    make_client(script, delays).execute(MUTATION)
    assert len(script.requests) == 2


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_retried_for_queries(status: int) -> None:
    script = Script(
        httpx.Response(status, text="<html>bad gateway</html>"), httpx.Response(200, json=OK)
    )
    delays: list[float] = []
    make_client(script, delays).execute(QUERY)
    assert len(script.requests) == 2
    assert 0.25 <= delays[0] <= 0.5  # first backoff: 0.5s with jitter in [0.5, 1]


@pytest.mark.parametrize("status", [502, 503, 504])
def test_gateway_errors_are_not_retried_for_mutations(status: int) -> None:
    script = Script(httpx.Response(status, text="gateway"), httpx.Response(200, json=OK))
    with pytest.raises(exceptions.InternalServerError):
        make_client(script, []).execute(MUTATION)
    assert len(script.requests) == 1


def test_internal_server_error_is_retried_for_queries_only() -> None:
    script = Script(graphql_error("INTERNAL_SERVER_ERROR"), httpx.Response(200, json=OK))
    make_client(script, []).execute(QUERY)
    assert len(script.requests) == 2

    script = Script(graphql_error("INTERNAL_SERVER_ERROR"), httpx.Response(200, json=OK))
    with pytest.raises(exceptions.InternalServerError):
        make_client(script, []).execute(MUTATION)
    assert len(script.requests) == 1


def test_connection_failures_are_retried_even_for_mutations() -> None:
    script = Script(
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow connect"),
        httpx.Response(200, json=OK),
    )
    make_client(script, []).execute(MUTATION)
    assert len(script.requests) == 3


def test_a_broken_connection_after_sending_a_mutation_is_not_retried() -> None:
    script = Script(httpx.RemoteProtocolError("peer closed"), httpx.Response(200, json=OK))
    with pytest.raises(exceptions.NetworkError):
        make_client(script, []).execute(MUTATION)
    assert len(script.requests) == 1


def test_a_broken_connection_during_a_query_is_retried() -> None:
    script = Script(httpx.ReadError("reset"), httpx.Response(200, json=OK))
    make_client(script, []).execute(QUERY)
    assert len(script.requests) == 2


def test_read_timeout_raises_timeout_error() -> None:
    script = Script(*[httpx.ReadTimeout("slow") for _ in range(6)])
    with pytest.raises(exceptions.TimeoutError):
        make_client(script, []).execute(QUERY)
    assert len(script.requests) == 6  # the first attempt and the 5 retries of the default policy


def test_retries_are_bounded_in_attempts_with_growing_delays() -> None:
    script = Script(*[httpx.Response(503, text="down") for _ in range(10)])
    delays: list[float] = []
    with pytest.raises(exceptions.InternalServerError):
        make_client(script, delays, max_retries=3, initial_delay=1.0, max_delay=100.0).execute(
            QUERY
        )
    assert len(script.requests) == 4
    assert len(delays) == 3
    for number, delay in enumerate(delays, start=1):
        nominal = 2.0 ** (number - 1)
        assert nominal * 0.5 <= delay <= nominal


def test_retries_are_bounded_in_time() -> None:
    script = Script(
        *[httpx.Response(429, headers={"Retry-After": "40"}, json={}) for _ in range(10)]
    )
    delays: list[float] = []
    with pytest.raises(exceptions.ApiLimitError):
        make_client(script, delays, max_elapsed=100.0).execute(QUERY)
    # A third 40s wait would end past the 100s budget (40 + 40 + 40 > 100).
    assert delays == [40.0, 40.0]


def test_a_retry_after_beyond_the_cap_is_not_waited_for() -> None:
    script = Script(
        httpx.Response(429, headers={"Retry-After": "3600"}, json={}), httpx.Response(200, json=OK)
    )
    with pytest.raises(exceptions.ApiLimitError):
        make_client(script, []).execute(QUERY)
    assert len(script.requests) == 1


def test_client_errors_are_not_retried() -> None:
    script = Script(graphql_error("GRAPHQL_VALIDATION_FAILED", 'Cannot query field "x"'))
    with pytest.raises(exceptions.InvalidQueryError):
        make_client(script, []).execute(QUERY)
    assert len(script.requests) == 1


def test_every_attempt_sends_the_same_body() -> None:
    script = Script(httpx.Response(503, text="down"), httpx.Response(200, json=OK))
    make_client(script, []).execute(QUERY, {"a": 1})
    first, second = (json.loads(r.content) for r in script.requests)
    assert first == second == {"query": QUERY, "variables": {"a": 1}}


def test_a_read_timeout_is_retried_for_queries() -> None:
    script = Script(httpx.ReadTimeout("slow"), httpx.Response(200, json=OK))
    assert make_client(script, []).execute(QUERY) == OK["data"]
    assert len(script.requests) == 2


@pytest.mark.parametrize(
    "timeout", [httpx.ReadTimeout("slow"), httpx.WriteTimeout("slow upload")], ids=repr
)
def test_a_timeout_after_sending_a_mutation_is_not_retried(timeout: Exception) -> None:
    script = Script(timeout, httpx.Response(200, json=OK))
    with pytest.raises(exceptions.TimeoutError):
        make_client(script, []).execute(MUTATION)
    assert len(script.requests) == 1


def test_a_pool_timeout_is_retried_even_for_mutations() -> None:
    # No connection was free: the request never left the client.
    script = Script(httpx.PoolTimeout("pool full"), httpx.Response(200, json=OK))
    make_client(script, []).execute(MUTATION)
    assert len(script.requests) == 2


@pytest.mark.parametrize(
    "failure",
    [
        httpx.Response(500, text="<html><body>Internal Server Error</body></html>"),
        httpx.Response(500, json={"message": "oops"}),
        httpx.Response(500, text=""),
    ],
    ids=["html", "json without errors", "empty"],
)
def test_a_500_without_graphql_errors_is_retried_for_queries_only(
    failure: httpx.Response,
) -> None:
    script = Script(failure, httpx.Response(200, json=OK))
    assert make_client(script, []).execute(QUERY) == OK["data"]
    assert len(script.requests) == 2

    script = Script(failure, httpx.Response(200, json=OK))
    with pytest.raises(exceptions.InternalServerError, match="500"):
        make_client(script, []).execute(MUTATION)
    assert len(script.requests) == 1


@pytest.mark.parametrize(
    "retry_after",
    [
        "nan",
        "NaN",
        "inf",
        "-inf",
        "-5",
        "1e400",
        "9" * 400,
        "Fri, 31 Dec 99999 23:59:59 GMT",
        "Mon, 99 Foo 2024 99:99:99 GMT",
        "soon",
        "\x00",
        "",
    ],
)
def test_any_retry_after_gives_a_wait_time_sleep_takes(retry_after: str) -> None:
    script = Script(
        *[httpx.Response(429, headers={"Retry-After": retry_after}, json={}) for _ in range(3)],
        httpx.Response(200, json=OK),
    )
    client = Client(
        api_key="secret-key-123",
        endpoint=ENDPOINT,
        transport=httpx.MockTransport(script),
        retries=RetryPolicy(initial_delay=0.0),
    )
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        time.sleep(seconds)  # the real one: it raises ValueError for nan, OverflowError for huge

    client._gateway.executor._sleep = sleep
    try:
        assert client.execute(QUERY) == OK["data"]
    except exceptions.ApiLimitError:
        # A wait beyond the cap (60 s) is not waited for: the retries end at once.
        assert slept == []
    assert all(math.isfinite(s) and 0 <= s <= RetryPolicy().max_retry_after for s in slept)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3.0),
        ("0", 0.0),
        ("nan", None),
        ("-1", None),
        ("inf", math.inf),
        ("1e400", math.inf),
        ("garbage", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date in the past: no wait
    ],
)
def test_parse_retry_after(value: str, expected: float | None) -> None:
    assert parse_retry_after(value) == expected


def test_the_default_policy_retries_5_times() -> None:
    script = Script(*[httpx.Response(503, text="down") for _ in range(60)])
    delays: list[float] = []
    client = make_client(script, delays)
    client._gateway.executor._retry = Client(
        api_key="k", endpoint=ENDPOINT
    )._gateway.executor._retry
    with pytest.raises(exceptions.InternalServerError):
        client.execute(QUERY)
    assert len(script.requests) == 6
    assert len(delays) == 5


def test_a_client_built_without_a_policy_has_the_documented_limits() -> None:
    delays: list[float] = []
    now = [0.0]
    script = Script(*[httpx.Response(503, text="down") for _ in range(60)])
    client = Client(
        api_key="secret-key-123", endpoint=ENDPOINT, transport=httpx.MockTransport(script)
    )

    def sleep(seconds: float) -> None:
        delays.append(seconds)
        now[0] += seconds

    client._gateway.executor._sleep = sleep
    client._gateway.executor._clock = lambda: now[0]
    with pytest.raises(exceptions.InternalServerError):
        client.execute(QUERY)
    assert (len(script.requests), len(delays)) == (6, 5)  # 5 retries

    # 120 s in all: waits of 50 s fit twice (100 s), not three times (150 s).
    delays.clear()
    script.outcomes = [
        httpx.Response(429, headers={"Retry-After": "50"}, json={}) for _ in range(10)
    ]
    script.requests.clear()
    with pytest.raises(exceptions.ApiLimitError):
        client.execute(QUERY)
    assert delays == [50.0, 50.0]
    assert len(script.requests) == 3


def test_a_retried_upload_sends_its_bytes_again(tmp_path: Path) -> None:
    payload = bytes(range(256)) * 64
    path = tmp_path / "clip.bin"
    path.write_bytes(payload)
    uploaded = {"data": {"uploadFile": {"url": "http://labelbox.test/files/1", "filename": "f"}}}
    script = Script(
        httpx.Response(503, text="down"),
        httpx.Response(200, json=uploaded),
        httpx.Response(503, text="down"),
        httpx.Response(200, json=uploaded),
    )
    client = make_client(script, [])
    assert client.upload_data(payload, filename="clip.bin") == "http://labelbox.test/files/1"
    assert client.upload_file(str(path)) == "http://labelbox.test/files/1"
    bodies = [request.read() for request in script.requests]
    assert len(bodies) == 4
    for body in bodies:
        assert body.count(payload) == 1
