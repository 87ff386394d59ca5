"""Whatever the server or the network does, public calls raise only SDK exceptions.

Each case is a misbehaving answer, given through an injected transport to the GraphQL
endpoint and to the URLs the server hands out (task results, exports), and tried on public
calls that read them: a raw `execute`, a generated operation, `Task.result` and
`Dataset.export_data_rows`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import labelbox as lb
from labelbox import RetryPolicy, exceptions

from .loopback import Respond, loopback, send

ENDPOINT = "http://labelbox.test/graphql"
FILE_URL = "http://labelbox.test/files/result.json?signature=abc"
NOW = "2024-01-01T00:00:00.000Z"
DEEP = "[" * 100_000 + "]" * 100_000
ROW = json.dumps(
    {
        "id": "r1",
        "externalId": "a",
        "globalKey": None,
        "rowData": "https://example.com/a.jpg",
        "mediaType": "IMAGE",
        "createdAt": NOW,
        "updatedAt": NOW,
        "mediaAttributes": {},
        "customMetadata": [],
        "metadataFields": [],
    }
).encode()

Answer = Callable[[httpx.Request], httpx.Response]


def _bad_gzip(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=b"this is not gzip", headers={"Content-Encoding": "gzip"})


def _redirect_loop(request: httpx.Request) -> httpx.Response:
    return httpx.Response(302, headers={"Location": str(request.url)})


def _broken_mid_body(request: httpx.Request) -> httpx.Response:
    def body() -> Iterator[bytes]:
        yield b'{"data": {"user": '
        raise httpx.ReadError("connection reset by peer")

    return httpx.Response(200, content=body())


def _raise(error: Exception) -> Answer:
    def answer(request: httpx.Request) -> httpx.Response:
        raise error

    return answer


def _respond(status: int, **kwargs: Any) -> Answer:
    return lambda request: httpx.Response(status, **kwargs)


#: Misbehaving answers, and the SDK exception each must become.
CASES: dict[str, tuple[Answer, type[exceptions.LabelboxError]]] = {
    "a JSON array": (_respond(200, json=[]), exceptions.ResponseValidationError),
    "a JSON string": (_respond(200, json="x"), exceptions.ResponseValidationError),
    "a JSON number": (_respond(200, json=1), exceptions.ResponseValidationError),
    "JSON nested 100,000 deep": (_respond(200, text=DEEP), exceptions.ResponseValidationError),
    "objects nested 5,000 deep": (
        _respond(200, text='{"data":' * 5000 + "1" + "}" * 5000),
        exceptions.ResponseValidationError,
    ),
    "a bad gzip body": (_bad_gzip, exceptions.NetworkError),
    "a redirect loop": (_redirect_loop, exceptions.NetworkError),
    "a 500 with an HTML body": (
        _respond(500, text="<html>Internal Server Error</html>"),
        exceptions.InternalServerError,
    ),
    "a 404 with an HTML body": (
        _respond(404, text="<html>Not Found</html>"),
        exceptions.LabelboxError,
    ),
    "bytes that are not UTF-8": (_respond(200, content=b"\xff\xfe\x00{"), exceptions.LabelboxError),
    "a 5,000-digit number": (
        _respond(200, text='{"data": {"user": ' + "9" * 5000 + "}}"),
        exceptions.LabelboxError,
    ),
    "a connection broken in the body": (_broken_mid_body, exceptions.NetworkError),
    "a reset connection": (_raise(httpx.RemoteProtocolError("reset")), exceptions.NetworkError),
    "a read timeout": (_raise(httpx.ReadTimeout("slow")), exceptions.TimeoutError),
}


class Hostile:
    """Answers every request with the case's answer; export and task polls succeed so that
    the downloads they lead to get the case's answer too."""

    def __init__(self, answer: Answer, *, downloads_only: bool) -> None:
        self.answer = answer
        self.downloads_only = downloads_only

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/files/"):
            return self.answer(request)
        if self.downloads_only:
            query = json.loads(request.content)["query"]
            if "exportDatasetDataRows" in query:
                export = {"downloadUrl": FILE_URL, "createdAt": NOW, "status": "COMPLETE"}
                return httpx.Response(200, json={"data": {"exportDatasetDataRows": export}})
            raise AssertionError(f"unexpected request: {query}")
        return self.answer(request)


def _client(answer: Answer, *, downloads_only: bool = False) -> lb.Client:
    client = lb.Client(
        api_key="a-valid-looking-api-key",
        endpoint=ENDPOINT,
        transport=httpx.MockTransport(Hostile(answer, downloads_only=downloads_only)),
        retries=RetryPolicy(max_retries=1, initial_delay=0.0),
    )
    client._gateway.executor._sleep = lambda seconds: None
    return client


def _task(client: lb.Client) -> lb.Task:
    return lb.Task(
        client,
        {
            "id": "t1",
            "name": "JSON Import",
            "status": "COMPLETE",
            "completionPercentage": 100.0,
            "result": FILE_URL,
            "errors": None,
            "createdAt": NOW,
            "updatedAt": NOW,
        },
    )


def _dataset(client: lb.Client) -> lb.Dataset:
    return lb.Dataset(
        client,
        {
            "id": "d1",
            "name": "d",
            "description": "",
            "rowCount": 0,
            "createdAt": NOW,
            "updatedAt": NOW,
        },
    )


GRAPHQL_CALLS: dict[str, Callable[[lb.Client], Any]] = {
    "client.execute": lambda c: c.execute("query Q { user { id } }"),
    "client.get_user": lambda c: c.get_user(),
    "client.get_projects": lambda c: list(c.get_projects()),
}
DOWNLOAD_CALLS: dict[str, Callable[[lb.Client], Any]] = {
    "task.result": lambda c: _task(c).result,
    "dataset.export_data_rows": lambda c: list(_dataset(c).export_data_rows()),
}


@pytest.mark.parametrize("call", sorted(GRAPHQL_CALLS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_graphql_calls_raise_only_sdk_errors(case: str, call: str) -> None:
    answer, expected = CASES[case]
    with pytest.raises(expected):
        GRAPHQL_CALLS[call](_client(answer))


@pytest.mark.parametrize("call", sorted(DOWNLOAD_CALLS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_downloads_raise_only_sdk_errors(case: str, call: str) -> None:
    answer, expected = CASES[case]
    if expected is exceptions.InternalServerError:
        expected = exceptions.LabelboxError  # a download's HTTP error is its status
    with pytest.raises(expected):
        DOWNLOAD_CALLS[call](_client(answer, downloads_only=True))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (ROW + b"\nnot json\n", "Line 2 .* is not JSON"),
        (ROW + b"\n[1, 2]\n", "Line 2 .* is not a JSON object"),
        (b"[" * 5000 + b"\n", "Line 1 .* nested too deeply"),
        (b'{"id": 7}\n', "Unexpected response"),
    ],
)
def test_export_lines_that_are_not_data_rows(body: bytes, message: str) -> None:
    client = _client(lambda request: httpx.Response(200, content=body), downloads_only=True)
    with pytest.raises(exceptions.ResponseValidationError, match=message):
        list(_dataset(client).export_data_rows())


@pytest.mark.parametrize(
    "document",
    [
        {"createdDataRows": "all of them"},
        {"createdDataRows": [1, 2]},
        {"createdDataRows": [], "errors": {"row": "bad"}},
        ["createdDataRows"],
    ],
    ids=repr,
)
def test_task_results_of_the_wrong_shape(document: Any) -> None:
    client = _client(lambda request: httpx.Response(200, json=document), downloads_only=True)
    with pytest.raises(exceptions.ResponseValidationError, match="result of task t1"):
        _ = _task(client).result


@pytest.mark.parametrize("url", ["not a url", "ftp://labelbox.test/x", "http://[bad/x"])
def test_a_url_that_is_not_one(url: str) -> None:
    # The real transport: it is the one that refuses what is not an http(s) URL.
    client = lb.Client(api_key="a-valid-looking-api-key", endpoint="http://127.0.0.1:9/graphql")
    task = _task(client)
    task._set_field_values({**task._data.model_dump(), "result_url": url})
    with pytest.raises(exceptions.LabelboxError):
        _ = task.result


def test_the_signature_of_a_download_url_is_not_in_errors() -> None:
    client = _client(_respond(403, text="expired"), downloads_only=True)
    with pytest.raises(exceptions.LabelboxError) as raised:
        _ = _task(client).result
    assert "HTTP 403" in str(raised.value)
    assert "signature" not in str(raised.value)


# -- the same over real sockets: a misbehaving loopback server ---------------------------------


def _truncated(handler: Any, number: int) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", "1000")
    handler.end_headers()
    handler.wfile.write(b'{"data": {')
    handler.close_connection = True


def _not_http(handler: Any, number: int) -> None:
    handler.wfile.write(b"SSH-2.0-OpenSSH_9.6\r\n\r\n")
    handler.close_connection = True


def _looping(handler: Any, number: int) -> None:
    handler.send_response(307)
    handler.send_header("Location", handler.path)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


def _gzip_lie(handler: Any, number: int) -> None:
    send(handler, 200, b"plain, not gzip", Content_Encoding="gzip")


def _slow(handler: Any, number: int) -> None:
    time.sleep(0.5)
    send(handler, 200, json.dumps({"data": {"user": None}}).encode())


LOOPBACK_CASES: dict[str, tuple[Respond, type[exceptions.LabelboxError]]] = {
    "a body cut short": (_truncated, exceptions.NetworkError),
    "an answer that is not HTTP": (_not_http, exceptions.NetworkError),
    "a redirect loop": (_looping, exceptions.NetworkError),
    "a bad gzip body": (_gzip_lie, exceptions.NetworkError),
    "an answer slower than the timeout": (_slow, exceptions.TimeoutError),
}


@pytest.mark.parametrize("case", sorted(LOOPBACK_CASES))
def test_a_misbehaving_server_gives_sdk_errors(case: str) -> None:
    respond, expected = LOOPBACK_CASES[case]
    with loopback(respond) as base:
        client = lb.Client(
            api_key="a-valid-looking-api-key",
            endpoint=f"{base}/graphql",
            timeout=0.2,
            retries=RetryPolicy(max_retries=1, initial_delay=0.0),
        )
        with pytest.raises(expected):
            client.execute("query Q { user { id } }")
        task = _task(client)
        task._set_field_values({**task._data.model_dump(), "result_url": f"{base}/files/r.json"})
        with pytest.raises(expected):
            _ = task.result
        client.close()


def test_a_prebuilt_multipart_request_of_the_wrong_shape_is_a_typed_error() -> None:
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    client = lb.Client(
        api_key="a-valid-looking-api-key", endpoint=ENDPOINT, transport=httpx.MockTransport(record)
    )
    with pytest.raises(exceptions.InvalidQueryError, match=r"files\[.1.\] must be"):
        client.execute(data={"operations": "{}"}, files={"1": 12345})
    assert sent == []


def test_a_raw_paginated_query_with_a_stray_placeholder_is_a_typed_error() -> None:
    client = _client(_respond(200, json={"data": {"projects": []}}))
    collection = lb.PaginatedCollection(
        client, "query Q { projects(skip: %d, first: %d) { id %d } }", {}, ["projects"], lb.Project
    )
    with pytest.raises(exceptions.InvalidQueryError, match="placeholders"):
        list(collection)
