"""Outbound requests: the one way the server contacts a URL a caller gave it.

The server reads its own files (upload and stored URLs it signed) from its blob store, never
over the network. Any other URL is fetched only if the operator allow-listed it
(`--fetch-allow`, `Settings.outbound.allow`); everything else is refused before any name is
resolved or any connection made, so a refusal says nothing about the target (loopback,
private, link-local and public addresses alike). Allowed requests never follow redirects,
stream their response with a size limit (`max_bytes`) and a deadline (`timeout` seconds for
the whole exchange, checked between chunks; a single wait is bounded by it too), and report
failures with messages that are safe to show to the caller. Downloads must not run inside a
database write transaction (see `db.session`): do them before the first write.

    policy = OutboundPolicy.from_settings(settings.outbound)
    policy.check(url)                      # Refused, without any network traffic
    data = policy.fetch(url)               # bytes, at most policy.max_bytes
    size = policy.fetch_to(url, file)      # streamed into a binary file
    status = policy.send("POST", url, content=body, headers={...})   # e.g. webhooks
    with policy.stream("GET", url) as response:                       # lower level
        for chunk in response.iter_bytes(): ...

Allow-list entries are URL prefixes: `scheme://host[:port][/path]`. The scheme must be
`http` or `https`; the host is compared exactly (case-insensitively; an IP address in its
canonical form), or, written `*.example.com`, matches every subdomain of example.com; the
port defaults to the scheme's (`:*` matches any port); the path, when given, must prefix the URL's path. URLs with a
user name or password, or with `.` / `..` path segments, are refused whatever the list says.

Every failure is an `OutboundError` (subclasses: `Refused`, `TooLarge`, `HttpStatusError`,
`Unreachable`) whose message names the URL without its query string. A refusal reads the same
whatever the target; for an allowed URL the error says what happened (an HTTP status, too
large, too slow), except that failing to connect, a reset and a timeout share one message.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO
from urllib.parse import SplitResult, unquote, urlsplit

import httpx

from .settings import OutboundSettings

DEFAULT_PORTS = {"http": 80, "https": 443}
#: How much of a response body `send` reads (and drops).
SEND_BODY_LIMIT = 64 * 1024


class OutboundError(Exception):
    """A URL could not be fetched; the message is safe to show to the caller."""


class Refused(OutboundError):
    """The policy does not allow this URL (nothing was sent)."""


class TooLarge(OutboundError):
    """The response was larger than allowed (the download was abandoned)."""


class HttpStatusError(OutboundError):
    """The target answered with an error status or a redirect."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class Unreachable(OutboundError):
    """No answer: the connection failed, was reset or timed out (not told apart)."""


def shown(url: str) -> str:
    """`url` without its query string and fragment (which may hold credentials)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "the URL"
    if not parts.scheme or not parts.netloc:
        return "the URL"
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"


def canonical_host(host: str) -> str:
    """A host as compared: lower case, an IP address in its canonical form."""
    host = host.strip("[]").lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host


@dataclass(frozen=True)
class AllowRule:
    """One allow-list entry (see the module doc)."""

    scheme: str
    host: str
    #: None: any port.
    port: int | None
    path: str = ""

    @classmethod
    def parse(cls, entry: str) -> AllowRule:
        """`scheme://host[:port|:*][/path]` (`ValueError` for anything else)."""
        text = entry.strip()
        scheme, separator, rest = text.partition("://")
        authority, slash, path = rest.partition("/")
        any_port = separator and authority.endswith(":*")
        if any_port:
            text = f"{scheme}://{authority[:-2]}{slash}{path}"
        try:
            parts = urlsplit(text)
            port = parts.port
        except ValueError:
            raise ValueError(f"allow-list entry {entry!r} has an invalid port") from None
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ValueError(f"allow-list entry {entry!r} is not http(s)://host[:port][/path]")
        if parts.username is not None or parts.query or parts.fragment:
            raise ValueError(f"allow-list entry {entry!r} must not have credentials or a query")
        if not any_port:
            port = port or DEFAULT_PORTS[parts.scheme]
        host = canonical_host(parts.hostname)
        return cls(parts.scheme, host, None if any_port else port, parts.path.rstrip("/"))

    def matches(self, scheme: str, host: str, port: int, path: str) -> bool:
        if scheme != self.scheme or (self.port is not None and port != self.port):
            return False
        if self.host.startswith("*."):
            if not host.endswith(self.host[1:]):
                return False
        elif host != self.host:
            return False
        return not self.path or path == self.path or path.startswith(self.path + "/")


def _target(url: str) -> tuple[SplitResult, str, int]:
    """The parts of `url`, its canonical host and port (`Refused` if it is not a plain
    http(s) URL)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused(f"{shown(url)} is not a valid URL") from None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise Refused(f"{shown(url)} is not an http(s) URL")
    if "@" in parts.netloc:
        raise Refused(f"{shown(url)}: URLs with credentials are not fetched")
    segments = unquote(parts.path).split("/")
    if any(segment in (".", "..") for segment in segments) or "\\" in parts.path:
        raise Refused(f"{shown(url)}: URLs with relative path segments are not fetched")
    return parts, canonical_host(parts.hostname), port or DEFAULT_PORTS[parts.scheme]


@dataclass(frozen=True)
class OutboundPolicy:
    """Which URLs the server may contact, and the limits of each exchange."""

    allow: tuple[AllowRule, ...] = ()
    max_bytes: int = 256 * 1024 * 1024
    timeout: float = 60.0
    #: For tests: an httpx transport to send through instead of the network.
    transport: httpx.BaseTransport | None = field(default=None, compare=False)

    @classmethod
    def from_settings(
        cls, settings: OutboundSettings, *, transport: httpx.BaseTransport | None = None
    ) -> OutboundPolicy:
        return cls.from_entries(
            settings.allow,
            max_bytes=settings.max_bytes,
            timeout=settings.timeout,
            transport=transport,
        )

    @classmethod
    def from_entries(
        cls,
        entries: Sequence[str],
        *,
        max_bytes: int = 256 * 1024 * 1024,
        timeout: float = 60.0,
        transport: httpx.BaseTransport | None = None,
    ) -> OutboundPolicy:
        """A policy allowing the `scheme://host[:port][/path]` prefixes in `entries`."""
        rules = tuple(AllowRule.parse(entry) for entry in entries if entry.strip())
        return cls(rules, max_bytes, timeout, transport)

    def allows(self, url: str) -> bool:
        """Whether `url` may be contacted (no network traffic)."""
        try:
            self.check(url)
        except Refused:
            return False
        return True

    def check(self, url: str) -> None:
        """`Refused` unless the allow-list admits `url` (no network traffic)."""
        parts, host, port = _target(url)
        if not any(rule.matches(parts.scheme, host, port, parts.path) for rule in self.allow):
            raise Refused(
                f"The server does not download {shown(url)}: only its own file URLs and URLs "
                "its operator allow-listed are fetched"
            )

    def client(self) -> httpx.Client:
        """An HTTP client configured as the policy wants (no redirects, its timeout, no proxy
        settings from the environment), to reuse across requests (keep-alive); `stream` and
        `send` still check every URL."""
        # TCP_NODELAY: a request's body would otherwise wait for the ACK of its headers
        # (Nagle), about 40 ms against a receiver that delays ACKs.
        transport = self.transport or httpx.HTTPTransport(
            socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
        )
        return httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            trust_env=False,
        )

    @contextlib.contextmanager
    def stream(
        self,
        method: str,
        url: str,
        *,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        client: httpx.Client | None = None,
    ) -> Iterator[OutboundResponse]:
        """Send one request to an allowed URL; the response body streams within the limits.
        A redirect is an `HttpStatusError` (never followed). `client`: one from `client()`
        to reuse (default: a new one for this request)."""
        self.check(url)
        deadline = time.monotonic() + self.timeout
        with contextlib.ExitStack() as stack:
            http = client if client is not None else stack.enter_context(self.client())
            try:
                sent = {"accept-encoding": "identity", **(headers or {})}
                with http.stream(method, url, content=content, headers=sent) as response:
                    yield OutboundResponse(response, url, self.max_bytes, deadline)
            except httpx.HTTPError:
                raise Unreachable(f"Could not reach {shown(url)}") from None

    def fetch(self, url: str, *, max_bytes: int | None = None) -> bytes:
        """The body of `GET url` (an `HttpStatusError` for any status but 2xx)."""
        with self.stream("GET", url) as response:
            response.raise_for_status()
            return b"".join(response.iter_bytes(max_bytes))

    def fetch_to(self, url: str, out: IO[bytes], *, max_bytes: int | None = None) -> int:
        """Stream the body of `GET url` into `out`; returns its size."""
        size = 0
        with self.stream("GET", url) as response:
            response.raise_for_status()
            for chunk in response.iter_bytes(max_bytes):
                out.write(chunk)
                size += len(chunk)
        return size

    def send(
        self,
        method: str,
        url: str,
        *,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        client: httpx.Client | None = None,
    ) -> int:
        """Send a request (e.g. a webhook delivery) and return the response status; at most
        `SEND_BODY_LIMIT` bytes of the response are read."""
        with self.stream(method, url, content=content, headers=headers, client=client) as response:
            with contextlib.suppress(TooLarge):
                for _ in response.iter_bytes(SEND_BODY_LIMIT):
                    pass
            return response.status


class OutboundResponse:
    """A response being received: status, headers, and the body within the limits."""

    def __init__(self, response: httpx.Response, url: str, max_bytes: int, deadline: float):
        self._response = response
        self._url = url
        self._max_bytes = max_bytes
        self._deadline = deadline

    @property
    def status(self) -> int:
        return self._response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self._response.headers

    def raise_for_status(self) -> None:
        """`HttpStatusError` unless the status is 2xx (a redirect is not followed)."""
        status = self.status
        if 300 <= status < 400:
            message = f"Could not download {shown(self._url)}: redirects are not followed"
            raise HttpStatusError(message, status)
        if not 200 <= status < 300:
            raise HttpStatusError(f"Could not download {shown(self._url)}: HTTP {status}", status)

    def iter_bytes(self, max_bytes: int | None = None) -> Iterator[bytes]:
        """The body in chunks; `TooLarge` past `max_bytes` (default: the policy's),
        `Unreachable` past the deadline."""
        limit = self._max_bytes if max_bytes is None else min(max_bytes, self._max_bytes)
        declared = self._response.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared[:20]) > limit:
            raise TooLarge(f"{shown(self._url)} is larger than {limit} bytes")
        size = 0
        try:
            for chunk in self._response.iter_bytes():  # as it arrives
                size += len(chunk)
                if size > limit:
                    raise TooLarge(f"{shown(self._url)} is larger than {limit} bytes")
                if time.monotonic() > self._deadline:
                    raise Unreachable(f"Downloading {shown(self._url)} took too long")
                yield chunk
        except httpx.HTTPError:
            raise Unreachable(f"Could not download {shown(self._url)}") from None
