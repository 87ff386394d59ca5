"""Client settings that users rely on: timeouts, unreachable endpoints, progress bars."""

from __future__ import annotations

import json
import logging
import socket
import ssl
import subprocess
import sys
from types import MappingProxyType

import httpx
import pytest

from labelbox import Client, RetryPolicy, exceptions
from labelbox._http.transport import SchemeTransport

ENDPOINT = "http://labelbox.test/graphql"


def test_execute_uses_the_client_timeout_unless_given_one() -> None:
    timeouts: list[dict[str, float]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        timeouts.append(request.extensions["timeout"])
        return httpx.Response(200, json={"data": {"a": 1}})

    client = Client(
        api_key="key", endpoint=ENDPOINT, timeout=120, transport=httpx.MockTransport(handler)
    )
    client.execute("query Q { a }")
    client.execute("query Q { a }", timeout=5)
    assert [t["read"] for t in timeouts] == [120, 5]


def test_execute_takes_any_mapping_of_variables() -> None:
    sent: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        return httpx.Response(200, json={"data": {"a": 1}})

    client = Client(api_key="key", endpoint=ENDPOINT, transport=httpx.MockTransport(handler))
    variables = MappingProxyType({"id": "p1"})
    assert client.execute("query Q($id: ID!) { a }", variables) == {"a": 1}
    assert json.loads(sent[0])["variables"] == {"id": "p1"}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_a_wrong_endpoint_is_named_and_given_up_on_within_seconds(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("labelbox._http.retry.random.uniform", lambda low, high: high)
    endpoint = f"http://127.0.0.1:{_closed_port()}/graphql"
    client = Client(api_key="secret-key-xyz", endpoint=endpoint)
    waited: list[float] = []
    now = [0.0]

    def sleep(seconds: float) -> None:
        waited.append(seconds)
        now[0] += seconds

    client._gateway.executor._sleep = sleep
    client._gateway.executor._clock = lambda: now[0]
    caplog.set_level(logging.WARNING, logger="labelbox")
    with pytest.raises(exceptions.NetworkError) as raised:
        client.get_user()
    assert endpoint in str(raised.value)
    # Retried, briefly: the default budget for a server that cannot be reached at all
    # (0.5 + 1 + 2 s fit in 4 s; a fourth wait of 4 s would not).
    assert waited == [0.5, 1.0, 2.0]
    assert sum(waited) <= RetryPolicy().max_connect_elapsed <= 5
    retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Retrying")]
    assert len(retries) == len(waited)
    assert all(endpoint in message for message in retries)
    assert "secret-key-xyz" not in caplog.text + str(raised.value)


def test_a_server_that_answers_slowly_still_gets_the_full_retry_budget() -> None:
    policy = RetryPolicy()
    assert policy.max_elapsed == 120
    assert policy.max_retries == 5
    assert policy.max_connect_elapsed < policy.max_elapsed


def test_show_progress_without_rich_warns_once_naming_the_extra() -> None:
    code = (
        "import sys, warnings\n"
        "sys.modules['rich'] = None\n"
        "from labelbox._progress import Progress\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    with Progress('x', 10, enabled=False):\n"
        "        pass\n"
        "    for _ in range(3):\n"
        "        with Progress('x', 10, enabled=True) as bar:\n"
        "            bar.advance()\n"
        "print(len(caught)); print(caught[0].message)\n"
    )
    out = subprocess.check_output([sys.executable, "-c", code], text=True).splitlines()
    assert out[0] == "1"
    assert "labelbox-typed[progress]" in out[1]


def _context(pool: httpx.HTTPTransport) -> ssl.SSLContext:
    context = pool._pool._ssl_context
    assert context is not None
    return context


def test_https_is_verified_and_plain_http_never_loads_certificates() -> None:
    transport = SchemeTransport()
    assert transport._pools == {}  # nothing built by the constructor
    verified = _context(transport._pool(True))
    assert verified.verify_mode is ssl.CERT_REQUIRED and verified.check_hostname
    assert verified.cert_store_stats()["x509_ca"] > 0
    plain = _context(transport._pool(False))
    # A TLS connection through the plain pool could not succeed: it trusts no certificate.
    assert plain.verify_mode is ssl.CERT_REQUIRED and plain.check_hostname
    assert plain.cert_store_stats()["x509_ca"] == 0
    transport.close()
    assert transport._pools == {}


def test_with_options_gives_a_client_view_with_other_settings_on_the_same_pool() -> None:
    seen: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"]["read"])
        if len(seen) == 2:
            return httpx.Response(503, text="busy")
        return httpx.Response(200, json={"data": {"a": 1}})

    client = Client(
        api_key="key",
        endpoint=ENDPOINT,
        timeout=20,
        transport=httpx.MockTransport(handler),
        retries=RetryPolicy(max_retries=3, initial_delay=0, max_delay=0),
    )
    patient = client.with_options(timeout=300, retries=RetryPolicy(max_retries=0))
    assert patient._gateway.http is client._gateway.http
    assert isinstance(patient, Client) and patient.endpoint == client.endpoint
    client.execute("query Q { a }")
    with pytest.raises(exceptions.InternalServerError):
        patient.execute("query Q { a }")  # no retries in the view
    client.execute("query Q { a }")  # the original keeps its settings
    assert seen == [20, 300, 20]
    with pytest.raises(exceptions.InvalidAttributeError):
        client.with_options(timeout=-1)


def test_execute_raw_returns_the_http_response() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": {"a": 1}}, headers={"X-Request-Id": "abc"})

    client = Client(api_key="key", endpoint=ENDPOINT, transport=httpx.MockTransport(handler))
    response = client.execute("query Q { a }", raw=True)
    assert response.status_code == 200
    assert response.headers["X-Request-Id"] == "abc"
    assert response.json() == {"data": {"a": 1}}
    with pytest.raises(exceptions.InvalidQueryError):
        client.execute(raw=True)
