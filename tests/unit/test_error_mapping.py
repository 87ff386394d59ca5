"""Every `extensions.code` (and HTTP failure) maps to the reference's exception class."""

from __future__ import annotations

import logging

import httpx
import pytest

from labelbox import Client, RetryPolicy, exceptions

API_KEY = "very-secret-api-key-42"


def client_answering(response: httpx.Response) -> Client:
    return Client(
        api_key=API_KEY,
        endpoint="http://labelbox.test/graphql",
        transport=httpx.MockTransport(lambda request: response),
        retries=RetryPolicy(max_retries=0),
    )


def error(code: str, message: str = "the message") -> httpx.Response:
    return httpx.Response(
        200, json={"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}
    )


@pytest.mark.parametrize(
    ("code", "exception"),
    [
        ("AUTHENTICATION_ERROR", exceptions.AuthenticationError),
        ("AUTHORIZATION_ERROR", exceptions.AuthorizationError),
        ("GRAPHQL_VALIDATION_FAILED", exceptions.InvalidQueryError),
        ("GRAPHQL_PARSE_FAILED", exceptions.InvalidQueryError),
        ("RESOURCE_CONFLICT", exceptions.ResourceConflict),
        ("MALFORMED_REQUEST", exceptions.MalformedQueryException),
        ("INTERNAL_SERVER_ERROR", exceptions.InternalServerError),
        ("OPERATION_NOT_ALLOWED", exceptions.OperationNotAllowedException),
        ("SOMETHING_NEW", exceptions.LabelboxError),
    ],
)
def test_codes_map_to_exceptions(code: str, exception: type[Exception]) -> None:
    with pytest.raises(exception) as raised:
        client_answering(error(code)).execute("query Q { user { id } }")
    assert isinstance(raised.value, exceptions.LabelboxError)


def test_messages_are_kept() -> None:
    with pytest.raises(exceptions.ResourceConflict, match="name taken"):
        client_answering(error("RESOURCE_CONFLICT", "name taken")).execute("mutation M { x }")


def test_authentication_error_has_a_fixed_message() -> None:
    with pytest.raises(exceptions.AuthenticationError, match="Invalid API key"):
        client_answering(error("AUTHENTICATION_ERROR", "whatever")).execute("query Q { a }")


def test_complexity_limit_maps_to_validation_failed() -> None:
    response = error("GRAPHQL_VALIDATION_FAILED", "Query complexity limit exceeded")
    with pytest.raises(exceptions.ValidationFailedError):
        client_answering(response).execute("query Q { a }")


def test_first_code_in_labelbox_order_wins() -> None:
    response = httpx.Response(
        200,
        json={
            "errors": [
                {"message": "conflict", "extensions": {"code": "RESOURCE_CONFLICT"}},
                {"message": "denied", "extensions": {"code": "AUTHORIZATION_ERROR"}},
            ]
        },
    )
    with pytest.raises(exceptions.AuthorizationError, match="denied"):
        client_answering(response).execute("query Q { a }")


def test_errors_without_a_code_do_not_crash() -> None:
    response = httpx.Response(200, json={"errors": [{"message": "no code here"}]})
    with pytest.raises(exceptions.LabelboxError, match="no code here"):
        client_answering(response).execute("query Q { a }")


def test_resource_not_found_makes_execute_return_none() -> None:
    assert client_answering(error("RESOURCE_NOT_FOUND")).execute("query Q { a }") is None


def test_api_limit_message_without_errors() -> None:
    response = httpx.Response(429, json={"message": "You have exceeded your API limit"})
    with pytest.raises(exceptions.ApiLimitError, match="exceeded"):
        client_answering(response).execute("query Q { a }")


def test_non_json_bodies() -> None:
    with pytest.raises(exceptions.InternalServerError, match="502 Bad Gateway"):
        client_answering(httpx.Response(502, text="<html>")).execute("query Q { a }")
    reset = httpx.Response(503, text="upstream connect error or disconnect/reset before headers")
    with pytest.raises(exceptions.InternalServerError, match="Connection reset"):
        client_answering(reset).execute("query Q { a }")
    with pytest.raises(exceptions.LabelboxError, match="Failed to parse response as JSON"):
        client_answering(httpx.Response(200, text="not json")).execute("query Q { a }")


def test_http_error_without_graphql_errors() -> None:
    with pytest.raises(exceptions.LabelboxError, match="403 Forbidden"):
        client_answering(httpx.Response(403, json={"message": "nope"})).execute("query Q { a }")


def test_missing_api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    with pytest.raises(exceptions.AuthenticationError, match="not provided"):
        Client()


def test_api_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(200, json={"data": {"a": 1}})

    monkeypatch.setenv("LABELBOX_API_KEY", "env-key")
    Client(endpoint="http://labelbox.test/graphql", transport=httpx.MockTransport(handler)).execute(
        "query Q { a }"
    )
    assert seen == ["Bearer env-key"]


def test_api_key_never_appears_in_reprs_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    responses = iter([httpx.Response(503, text="down"), error("AUTHENTICATION_ERROR")])
    client = Client(
        api_key=API_KEY,
        endpoint="http://labelbox.test/graphql",
        transport=httpx.MockTransport(lambda request: next(responses)),
        retries=RetryPolicy(max_retries=1, initial_delay=0.0),
    )
    with pytest.raises(exceptions.AuthenticationError) as raised:
        client.execute("query Q { a }")
    texts = [
        repr(client),
        repr(client._gateway.executor),
        str(raised.value),
        repr(raised.value),
        caplog.text,
    ]
    assert "Retrying" in caplog.text
    for text in texts:
        assert API_KEY not in text
