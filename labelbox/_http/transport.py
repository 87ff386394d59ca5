"""The one `httpx.Client` a `labelbox.Client` owns.

It carries no credentials: the API key is added per request, and only to
requests for the Labelbox endpoint, never to downloads of the URLs the server
hands out.
"""

from __future__ import annotations

import socket
import ssl
import threading

import httpx

from labelbox._version import DISTRIBUTION, DISTRIBUTION_VERSION
from labelbox.exceptions import InvalidAttributeError

DEFAULT_TIMEOUT = 30.0
LIMITS = httpx.Limits(max_connections=32, max_keepalive_connections=16)
SOCKET_OPTIONS = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
USER_AGENT = f"{DISTRIBUTION}/{DISTRIBUTION_VERSION} httpx/{httpx.__version__}"


class SchemeTransport(httpx.BaseTransport):
    """One connection pool for `http://` URLs and one for `https://`, each built on first use.

    Setting up certificate verification (loading the CA bundle) costs tens of milliseconds, so
    a client talking plain HTTP (a local server) never pays it, and one talking HTTPS pays it
    on its first request rather than in `Client()`. The plain pool is given a TLS context with
    no trusted certificate at all: it never makes TLS connections, and if it ever did, they
    would fail rather than go unverified.
    """

    def __init__(self) -> None:
        self._pools: dict[bool, httpx.HTTPTransport] = {}
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._pool(request.url.scheme == "https").handle_request(request)

    def _pool(self, tls: bool) -> httpx.HTTPTransport:
        pool = self._pools.get(tls)
        if pool is None:
            with self._lock:
                pool = self._pools.get(tls)
                if pool is None:
                    verify: bool | ssl.SSLContext = (
                        True if tls else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
                    )
                    pool = httpx.HTTPTransport(
                        verify=verify, limits=LIMITS, socket_options=SOCKET_OPTIONS
                    )
                    self._pools[tls] = pool
        return pool

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()


def build_http_client(
    *, timeout: float = DEFAULT_TIMEOUT, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """A keep-alive connection pool with the SDK's user agent and timeouts.

    TCP_NODELAY is set: httpx writes a request's headers and body separately,
    and without it Nagle's algorithm meets the server's delayed ACK and every
    small request waits ~40 ms.
    """
    if transport is None:
        transport = SchemeTransport()
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
        transport=transport,
    )


def check_endpoint(endpoint: object) -> str:
    """`endpoint` if it is an absolute http(s) URL; `InvalidAttributeError` otherwise."""
    reason = None
    if not isinstance(endpoint, str):
        reason = f"must be a string, not {type(endpoint).__name__}"
    else:
        try:
            url = httpx.URL(endpoint)
        except (httpx.InvalidURL, TypeError, ValueError) as error:
            reason = f"is not a URL ({error})"
        else:
            if url.scheme not in ("http", "https") or not url.host:
                reason = "must be an http:// or https:// URL with a host"
    if reason is not None:
        raise InvalidAttributeError("Client", "endpoint", reason)
    return str(endpoint)


class AsyncSchemeTransport(httpx.AsyncBaseTransport):
    """`SchemeTransport` for `httpx.AsyncClient`: the same two lazily built pools."""

    def __init__(self) -> None:
        self._pools: dict[bool, httpx.AsyncHTTPTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        tls = request.url.scheme == "https"
        pool = self._pools.get(tls)
        if pool is None:  # one event loop: no lock needed
            verify: bool | ssl.SSLContext = True if tls else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            pool = self._pools[tls] = httpx.AsyncHTTPTransport(
                verify=verify, limits=LIMITS, socket_options=SOCKET_OPTIONS
            )
        return await pool.handle_async_request(request)

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            await pool.aclose()


def build_async_http_client(
    *, timeout: float = DEFAULT_TIMEOUT, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """The `httpx.AsyncClient` of an `AsyncClient`: the same settings as `build_http_client`."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
        transport=transport or AsyncSchemeTransport(),
    )
