"""Errors from a server response say what the server said: `code`, `status_code` and
`request_id`; at DEBUG level every request is logged (operation, endpoint, status, duration,
retries), never the key."""

from __future__ import annotations

import logging

import httpx
import pytest

from labelbox import Client, RetryPolicy, exceptions

ENDPOINT = "http://labelbox.test/graphql"
KEY = "a-rather-long-api-key-0123456789"


def client_answering(*responses: httpx.Response) -> Client:
    answers = iter(responses)
    return Client(
        api_key=KEY,
        endpoint=ENDPOINT,
        transport=httpx.MockTransport(lambda request: next(answers)),
        retries=RetryPolicy(max_retries=2, initial_delay=0.0, max_delay=0.0),
    )


def graphql_error(code: str, status: int = 200, request_id: str = "req-1") -> httpx.Response:
    return httpx.Response(
        status,
        json={"data": None, "errors": [{"message": "no", "extensions": {"code": code}}]},
        headers={"X-Request-Id": request_id},
    )


@pytest.mark.parametrize(
    ("code", "status", "error"),
    [
        ("RESOURCE_NOT_FOUND", 200, exceptions.ResourceNotFoundError),
        ("AUTHENTICATION_ERROR", 401, exceptions.AuthenticationError),
        ("AUTHORIZATION_ERROR", 200, exceptions.AuthorizationError),
        ("MALFORMED_REQUEST", 200, exceptions.MalformedQueryException),
        ("RESOURCE_CONFLICT", 200, exceptions.ResourceConflict),
        ("GRAPHQL_VALIDATION_FAILED", 400, exceptions.InvalidQueryError),
        ("SOMETHING_NEW", 200, exceptions.LabelboxError),
    ],
)
def test_errors_carry_the_code_status_and_request_id(
    code: str, status: int, error: type[exceptions.LabelboxError]
) -> None:
    client = client_answering(graphql_error(code, status, request_id=f"id-{code}"))
    with pytest.raises(error) as raised:
        client.get_project("p1") if code != "RESOURCE_NOT_FOUND" else client.get_user()
    assert raised.value.code == code
    assert raised.value.status_code == status
    assert raised.value.request_id == f"id-{code}"


def test_the_deciding_code_is_the_first_in_labelbox_order() -> None:
    response = httpx.Response(
        200,
        json={
            "errors": [
                {"message": "a", "extensions": {"code": "RESOURCE_CONFLICT"}},
                {"message": "b", "extensions": {"code": "AUTHORIZATION_ERROR"}},
            ]
        },
    )
    with pytest.raises(exceptions.AuthorizationError) as raised:
        client_answering(response).get_user()
    assert raised.value.code == "AUTHORIZATION_ERROR"
    assert raised.value.request_id is None


def test_errors_not_from_a_response_have_no_details() -> None:
    with pytest.raises(exceptions.InvalidAttributeError) as raised:
        client_answering().create_project(nmae="x")  # type: ignore[call-arg]
    assert (raised.value.code, raised.value.status_code, raised.value.request_id) == (
        None,
        None,
        None,
    )


def test_debug_logs_one_line_per_request_without_the_key(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="labelbox")
    ok = httpx.Response(200, json={"data": {"user": None}}, headers={"X-Request-Id": "r-9"})
    client = client_answering(httpx.Response(503, text="busy"), ok)
    with pytest.raises(exceptions.ResourceNotFoundError):
        client.get_user()
    lines = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert len(lines) == 2
    assert lines[0].startswith(f"GetUserPyApi to {ENDPOINT}: HTTP 503 in ")
    assert lines[1].startswith(f"GetUserPyApi to {ENDPOINT}: HTTP 200 in ")
    assert lines[1].endswith("(retry 1) [request r-9]")
    assert KEY not in caplog.text
