"""Retries: what is retried, how long it waits, and that a mutation is never applied twice."""

from __future__ import annotations

import json

import httpx
import pytest

from labelbox import Client, RetryPolicy, exceptions

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
    script = Script(httpx.ReadTimeout("slow"))
    with pytest.raises(exceptions.TimeoutError):
        make_client(script, []).execute(QUERY)


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
