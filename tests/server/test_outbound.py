"""No server-side request forgery: the server downloads only its own files and URLs its
operator allow-listed, never follows redirects, and bounds every download; a download never
holds the write lock.

A loopback HTTP receiver records every request it gets, so "nothing was fetched" is
checked, not assumed.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from labelbox_server import LocalServer
from labelbox_server.outbound import (
    AllowRule,
    HttpStatusError,
    OutboundPolicy,
    Refused,
    TooLarge,
    Unreachable,
)

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import create_dataset, upload_descriptor, wait_task

ROWS = [{"row_data": "https://storage.example.com/a.jpg", "external_id": "fetched"}]
FETCH_LIMIT = 64 * 1024
FETCH_TIMEOUT = 2.0
SYNC_IMPORT = docs.APPEND_ROWS_SYNC.replace("{ dataset { id } }", "{ dataset { id rowCount } }")


class Receiver:
    """A loopback HTTP server that records the paths it was asked for."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.arrived = threading.Event()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_GET(self) -> None:
                receiver.paths.append(self.path)
                receiver.answer(self)

            def do_POST(self) -> None:
                receiver.paths.append(self.path)
                length = int(self.headers.get("content-length") or 0)
                receiver.posted = self.rfile.read(length)
                self.send_response(204)
                self.end_headers()

        self.posted = b""
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.http.server_address[1]
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        if path.startswith("/allowed/redirect"):
            handler.send_response(302)
            handler.send_header("Location", "/allowed/descriptor.json")
            handler.end_headers()
            return
        if path.startswith("/allowed/slow"):  # drips one byte every 0.2 s
            handler.send_response(200)
            handler.end_headers()
            deadline = time.monotonic() + 3 * FETCH_TIMEOUT
            try:
                while time.monotonic() < deadline:
                    handler.wfile.write(b" ")
                    handler.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
            return
        if path.startswith("/allowed/hold"):
            self.arrived.set()
            self.release.wait(10)
        body = json.dumps(ROWS).encode()
        if path.startswith("/allowed/big"):
            body = b"[" + b" " * (4 * FETCH_LIMIT) + b"]"
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    def close(self) -> None:
        self.release.set()
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.close()


@pytest.fixture(scope="module")
def allowing_server(
    receiver: Receiver, new_database_url: Callable[[], str | None]
) -> Iterator[LocalServer]:
    """A server allow-listing `http://127.0.0.1:<receiver port>/allowed`."""
    serve_args = [
        "--fetch-allow",
        receiver.url("/allowed"),
        "--fetch-max-bytes",
        str(FETCH_LIMIT),
        "--fetch-timeout",
        str(FETCH_TIMEOUT),
    ]
    with LocalServer(database_url=new_database_url(), serve_args=serve_args) as server:
        yield server


@pytest.fixture(scope="module")
def allowing(allowing_server: LocalServer) -> Iterator[Api]:
    with httpx.Client(timeout=60) as http:
        yield Api(allowing_server.endpoint, allowing_server.api_key, http)


def sync_import_error(api: Api, dataset: str, url: str) -> str:
    errors = api.errors(docs.APPEND_ROWS_SYNC, {"datasetId": dataset, "jsonUrl": url})
    assert [error["extensions"]["code"] for error in errors] == ["MALFORMED_REQUEST"], errors
    message: str = errors[0]["message"]
    return message


def test_nothing_is_fetched_without_an_allow_list(
    api: Api, receiver: Receiver, unique: str
) -> None:
    dataset = create_dataset(api, unique + "d")
    before = list(receiver.paths)
    targets = [
        receiver.url("/secret"),
        receiver.url("/secret", "localhost"),
        f"http://[::1]:{receiver.port}/secret",
        f"http://127.1:{receiver.port}/secret",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/internal",
        "http://metadata.google.internal/computeMetadata/v1/",
        "https://storage.example.com/descriptor.json",
    ]
    for url in targets:
        message = sync_import_error(api, dataset, url)
        assert message.startswith("Could not download the descriptor file"), message
        assert "does not download" in message
    task = api.data(docs.APPEND_ROWS, {"datasetId": dataset, "jsonUrl": receiver.url("/secret")})
    finished = wait_task(api, task["appendRowsToDataset"]["taskId"])
    assert finished["status"] == "FAILED"
    assert receiver.paths == before


def test_a_closed_port_and_an_open_one_look_the_same(
    api: Api, receiver: Receiver, unique: str
) -> None:
    dataset = create_dataset(api, unique + "d")
    open_port = sync_import_error(api, dataset, receiver.url("/x.json"))
    closed_port = sync_import_error(api, dataset, "http://127.0.0.1:9/x.json")
    assert open_port.replace(str(receiver.port), "PORT") == closed_port.replace("9", "PORT", 1)
    assert "/x.json" not in receiver.paths


def test_no_download_after_a_write_in_the_same_mutation(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    document = (
        "mutation($name: String!, $d: ID!, $u: String!) { createProject(data: {name: $name})"
        " { id } appendRowsToDatasetSync(data: {datasetId: $d, jsonFileUrl: $u})"
        " { dataset { id } } }"
    )
    body = api.post(
        document, {"name": unique + "p", "d": dataset, "u": "https://storage.example.com/d.json"}
    ).json()
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "MALFORMED_REQUEST"
    assert "downloads its file before writing" in error["message"]


def test_own_files_are_read_from_the_blob_store(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    url = upload_descriptor(api, ROWS)
    result = api.data(SYNC_IMPORT, {"datasetId": dataset, "jsonUrl": url})
    assert result["appendRowsToDatasetSync"]["dataset"]["rowCount"] == 1


def test_an_allow_listed_url_is_fetched(allowing: Api, receiver: Receiver, unique: str) -> None:
    dataset = create_dataset(allowing, unique + "d")
    url = receiver.url("/allowed/descriptor.json")
    result = allowing.data(SYNC_IMPORT, {"datasetId": dataset, "jsonUrl": url})
    assert result["appendRowsToDatasetSync"]["dataset"]["rowCount"] == 1
    assert "/allowed/descriptor.json" in receiver.paths
    task = allowing.data(docs.APPEND_ROWS, {"datasetId": dataset, "jsonUrl": url + "?again"})
    assert wait_task(allowing, task["appendRowsToDataset"]["taskId"])["status"] == "COMPLETE"


def test_allow_listed_downloads_are_bounded(allowing: Api, receiver: Receiver, unique: str) -> None:
    dataset = create_dataset(allowing, unique + "d")
    elsewhere = sync_import_error(allowing, dataset, receiver.url("/secret"))
    assert "does not download" in elsewhere and "/secret" not in receiver.paths
    redirect = sync_import_error(allowing, dataset, receiver.url("/allowed/redirect"))
    assert "redirects are not followed" in redirect
    assert receiver.paths.count("/allowed/redirect") == 1
    big = sync_import_error(allowing, dataset, receiver.url("/allowed/big"))
    assert f"larger than {FETCH_LIMIT} bytes" in big
    slow = sync_import_error(allowing, dataset, receiver.url("/allowed/slow"))
    assert "took too long" in slow


def test_a_slow_download_holds_up_no_other_writer(
    allowing: Api, allowing_server: LocalServer, receiver: Receiver, unique: str
) -> None:
    """While one organization's sync import waits for its file, another organization
    creates a project (once, a slow URL stalled every writer for as long as it took)."""
    other = Api(allowing.endpoint, allowing_server.new_organization(), allowing.client)
    dataset = create_dataset(allowing, unique + "d")
    receiver.arrived.clear()
    receiver.release.clear()
    outcome: dict[str, Any] = {}

    def slow_import() -> None:
        url = receiver.url("/allowed/hold.json")
        outcome["import"] = allowing.data(SYNC_IMPORT, {"datasetId": dataset, "jsonUrl": url})

    thread = threading.Thread(target=slow_import)
    thread.start()
    try:
        assert receiver.arrived.wait(10)
        created = other.data(docs.CREATE_PROJECT_NAME_ONLY, {"name": unique + "p"})
        assert created["createProject"]["id"]
        assert thread.is_alive()  # the import is still waiting for its file
    finally:
        receiver.release.set()
        thread.join(20)
    assert outcome["import"]["appendRowsToDatasetSync"]["dataset"]["rowCount"] == 1


# -- the policy itself (in process) ---------------------------------------------------------


def test_allow_rules() -> None:
    policy = OutboundPolicy.from_entries(
        ["https://files.example.com/imports", "http://127.0.0.1:8123", "https://*.cdn.example"]
    )
    assert policy.allows("https://files.example.com/imports/a.json")
    assert policy.allows("https://FILES.example.com:443/imports")
    assert policy.allows("http://127.0.0.1:8123/anything")
    assert policy.allows("https://eu.cdn.example/x")
    for refused in (
        "https://files.example.com/importsX/a.json",  # a prefix of segments, not characters
        "https://files.example.com/other",
        "http://files.example.com/imports/a.json",  # another scheme
        "https://files.example.com:8443/imports/a.json",  # another port
        "https://files.example.com/imports/../secret",
        "https://files.example.com/imports/%2e%2e/secret",
        "https://user:pw@files.example.com/imports/a.json",
        "https://files.example.com@evil.example/imports/a.json",
        "http://127.0.0.1:8124/",
        "http://2130706433:8123/",  # 127.0.0.1 spelled as a number
        "https://cdn.example/x",
        "ftp://files.example.com/imports/a.json",
        "file:///etc/passwd",
        "not a url",
    ):
        assert not policy.allows(refused), refused
    with pytest.raises(ValueError):
        AllowRule.parse("files.example.com")


def test_the_policy_against_a_receiver(receiver: Receiver) -> None:
    nothing = OutboundPolicy()
    before = list(receiver.paths)
    with pytest.raises(Refused):
        nothing.fetch(receiver.url("/allowed/descriptor.json"))
    with pytest.raises(Refused):
        nothing.send("POST", receiver.url("/hook"), content=b"{}")
    assert receiver.paths == before
    policy = OutboundPolicy.from_entries(
        [receiver.url("/allowed"), receiver.url("/hook")], max_bytes=FETCH_LIMIT, timeout=2.0
    )
    assert json.loads(policy.fetch(receiver.url("/allowed/descriptor.json"))) == ROWS
    assert policy.send("POST", receiver.url("/hook"), content=b'{"event": 1}') == 204
    assert receiver.posted == b'{"event": 1}'
    with pytest.raises(HttpStatusError) as redirected:
        policy.fetch(receiver.url("/allowed/redirect"))
    assert redirected.value.status == 302
    with pytest.raises(TooLarge):
        policy.fetch(receiver.url("/allowed/big"))
    with pytest.raises(Unreachable):
        OutboundPolicy.from_entries(["http://127.0.0.1:9"], timeout=2.0).fetch(
            "http://127.0.0.1:9/x"
        )
