"""The one `httpx.Client` a `labelbox.Client` owns.

It carries no credentials: the API key is added per request, and only to
requests for the Labelbox endpoint, never to downloads of the URLs the server
hands out.
"""

from __future__ import annotations

import socket

import httpx

from labelbox._version import __version__

DEFAULT_TIMEOUT = 30.0
LIMITS = httpx.Limits(max_connections=32, max_keepalive_connections=16)


def build_http_client(
    *, timeout: float = DEFAULT_TIMEOUT, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """A keep-alive connection pool with the SDK's user agent and timeouts.

    TCP_NODELAY is set: httpx writes a request's headers and body separately,
    and without it Nagle's algorithm meets the server's delayed ACK and every
    small request waits ~40 ms.
    """
    if transport is None:
        transport = httpx.HTTPTransport(
            limits=LIMITS, socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
        )
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        headers={"User-Agent": f"labelbox-python/{__version__} httpx/{httpx.__version__}"},
        follow_redirects=True,
        transport=transport,
    )
