"""The API key never leaks: a malformed key is refused by `Client()` without being shown, and
no log line (at any level, httpx and httpcore included), exception, traceback or warning
shows a key, through retries and failures, even when the server echoes it back."""

from __future__ import annotations

import json
import logging
import socket
import traceback
import warnings
from typing import Any

import httpx
import pytest

import labelbox as lb
from labelbox import RetryPolicy, exceptions

from .loopback import loopback, send

#: Shaped like a Labelbox key (a JWT): long enough to be told apart from any other text.
KEY = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiJja2V5MTIzNDUifQ.c2lnbmF0dXJlLW9mLXRoZS1rZXk"
OK = {"data": {"user": {"id": "u1"}}}

MALFORMED = {
    "a trailing newline": KEY + "\n",
    "a trailing CRLF": KEY + "\r\n",
    "a trailing space": KEY + " ",
    "a leading space": " " + KEY,
    "a space inside": KEY[:20] + " " + KEY[20:],
    "a tab inside": KEY[:20] + "\t" + KEY[20:],
    "a non-ASCII character": KEY + "é",
    "a non-breaking space": KEY + "\u00a0",
    "a line separator": KEY + "\u2028",
    "a NUL": KEY + "\x00",
    "a lone surrogate": KEY + "\ud800",
    "only whitespace": "  \n",
}


def _leaks(text: str, key: str) -> bool:
    core = key.strip()
    return bool(core) and (key in text or core in text)


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_client_refuses_a_malformed_key_without_showing_it(case: str) -> None:
    key = MALFORMED[case]
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=OK)

    with pytest.raises(exceptions.AuthenticationError) as raised:
        lb.Client(
            api_key=key,
            endpoint="http://labelbox.test/graphql",
            transport=httpx.MockTransport(record),
        )
    texts = [
        str(raised.value),
        repr(raised.value),
        "".join(traceback.format_exception(raised.value)),
    ]
    assert not any(_leaks(text, key) for text in texts)
    assert "it was not sent" in str(raised.value)
    assert sent == []


#: What an environment variable can hold (no NUL, no lone surrogate).
IN_ENVIRONMENT = sorted(case for case in MALFORMED if case not in ("a NUL", "a lone surrogate"))


@pytest.mark.parametrize("case", IN_ENVIRONMENT)
def test_a_malformed_key_from_the_environment_is_refused_too(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LABELBOX_API_KEY", MALFORMED[case])
    with pytest.raises(exceptions.AuthenticationError, match="LABELBOX_API_KEY") as raised:
        lb.Client(endpoint="http://labelbox.test/graphql")
    assert not _leaks(str(raised.value), MALFORMED[case])


@pytest.mark.parametrize("key", [b"bytes-key", 12345, ["a"], ""], ids=repr)
def test_keys_that_are_not_text_are_refused(key: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LABELBOX_API_KEY", raising=False)
    with pytest.raises(exceptions.AuthenticationError):
        lb.Client(api_key=key, endpoint="http://labelbox.test/graphql")


def test_a_well_formed_key_is_sent_as_given() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(200, json=OK)

    lb.Client(
        api_key=KEY, endpoint="http://labelbox.test/graphql", transport=httpx.MockTransport(handler)
    ).execute("query Q { user { id } }")
    assert seen == [f"Bearer {KEY}"]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _echo_then_fail(handler: Any, number: int) -> None:
    """A server that quotes the request's Authorization header in every answer: first a
    503 page, then a GraphQL error, then an HTML 500."""
    auth = handler.headers.get("Authorization", "")
    if number % 3 == 1:
        send(handler, 503, f"<html>Unavailable for {auth}</html>".encode(), "text/html")
    elif number % 3 == 2:
        error = {
            "message": f"Token {auth} is not allowed",
            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
        }
        send(handler, 200, json.dumps({"data": None, "errors": [error]}).encode())
    else:
        send(handler, 500, f"<pre>Traceback: header={auth!r}</pre>".encode(), "text/html")


def _echo_forbidden(handler: Any, number: int) -> None:
    auth = handler.headers.get("Authorization", "")
    send(handler, 403, json.dumps({"message": f"key {auth} forbidden"}).encode())


def test_no_log_line_exception_traceback_or_warning_shows_a_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: labelbox, httpx, httpcore
    for name in ("httpx", "httpcore", "labelbox"):
        caplog.set_level(logging.DEBUG, logger=name)
    texts: list[str] = []
    policy = RetryPolicy(max_retries=4, initial_delay=0.0, max_connect_elapsed=0.0)

    def attempt(key: str, endpoint: str, call: str = "execute") -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                client = lb.Client(api_key=key, endpoint=endpoint, retries=policy)
                texts.append(repr(client))
                if call == "execute":
                    client.execute("query Q { user { id } }")
                else:
                    client.get_user()
            except exceptions.LabelboxError as error:
                texts.extend([str(error), repr(error), "".join(traceback.format_exception(error))])
                texts.extend(
                    repr(getattr(error, name, None)) for name in ("cause", "message", "args")
                )
            else:
                raise AssertionError("expected a failure")
        texts.extend(str(warning.message) for warning in caught)

    with loopback(_echo_then_fail) as echoing, loopback(_echo_forbidden) as forbidding:
        for key in [KEY, *MALFORMED.values()]:
            attempt(key, f"{echoing}/graphql")
            attempt(key, f"{echoing}/graphql", "get_user")
            attempt(key, f"{forbidding}/graphql")
            attempt(key, f"http://127.0.0.1:{_closed_port()}/graphql")

    assert any(record.name.startswith("httpcore") for record in caplog.records)
    assert any(record.getMessage().startswith("Retrying") for record in caplog.records)
    records = [record.getMessage() for record in caplog.records]
    records += [repr(record.args) for record in caplog.records]
    for key in [KEY, *MALFORMED.values()]:
        for text in [*texts, *records, caplog.text]:
            assert not _leaks(text, key), text
