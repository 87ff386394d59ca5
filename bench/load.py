"""A lean HTTP/1.1 load generator for the server benchmark (asyncio, keep-alive).

Each client is one connection sending pre-encoded requests one after the other and
reading each response whole (`Content-Length` bodies), so the generator costs little CPU
next to the server it measures. A `Mix` picks each client's next request by weight.
Every response must be a 200 without GraphQL errors; anything else stops the run.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import orjson


@dataclass(frozen=True)
class Request:
    """One request, encoded once: a name (for the report) and its bytes."""

    name: str
    raw: bytes


def graphql_request(url: str, api_key: str, name: str, query: str, variables: dict) -> Request:
    """A `POST` of a GraphQL document as the SDK sends it."""
    parts = urlsplit(url)
    body = orjson.dumps({"query": query, "variables": variables})
    head = (
        f"POST {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
        f"Authorization: Bearer {api_key}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return Request(name, head.encode() + body)


@dataclass(frozen=True)
class Result:
    """Requests per second and latency percentiles (milliseconds) of one run."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


class BadResponse(RuntimeError):
    """The server answered something other than a 200 without errors."""


async def _read_response(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    status = head[9:12]
    length = 0
    for line in head.split(b"\r\n")[1:]:
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
            break
    body = await reader.readexactly(length)
    if status != b"200" or b'"errors":' in body:
        raise BadResponse(f"HTTP {status.decode()}: {body[:300]!r}")
    return body


async def _client(
    host: str,
    port: int,
    pick: list[Request],
    weights: list[float],
    deadline: float,
    limit: int | None,
    latencies: list[float],
    seed: int,
) -> None:
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection(host, port)
    try:
        sent = 0
        while time.perf_counter() < deadline and (limit is None or sent < limit):
            request = rng.choices(pick, weights)[0] if len(pick) > 1 else pick[0]
            started = time.perf_counter()
            writer.write(request.raw)
            await _read_response(reader)
            latencies.append(time.perf_counter() - started)
            sent += 1
    finally:
        writer.close()


async def _run(
    url: str,
    mix: list[tuple[Request, float]],
    clients: int,
    seconds: float,
    limit: int | None,
) -> Result:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    requests = [request for request, _ in mix]
    weights = [weight for _, weight in mix]
    # Warm up: every request once per client connection's server process.
    for request in requests:
        await _client(host, port, [request], [1.0], time.perf_counter() + 10, 2, [], 0)
    latencies: list[float] = []
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(
            _client(host, port, requests, weights, deadline, limit, latencies, seed)
            for seed in range(clients)
        )
    )
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Result(len(latencies), elapsed, statistics.median(latencies) * 1000, p99 * 1000)


async def _beside(
    url: str,
    measured: Request,
    background: list[tuple[Request, float]],
    background_clients: int,
    seconds: float,
) -> Result:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    requests = [request for request, _ in background]
    weights = [weight for _, weight in background]
    await asyncio.gather(
        _client(host, port, [measured], [1.0], deadline, None, latencies, 0),
        *(
            _client(host, port, requests, weights, deadline, None, [], seed + 1)
            for seed in range(background_clients)
        ),
    )
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return Result(len(latencies), elapsed, statistics.median(latencies) * 1000, p99 * 1000)


def beside(
    url: str,
    measured: Request,
    background: list[tuple[Request, float]],
    *,
    background_clients: int = 1,
    seconds: float = 5.0,
) -> Result:
    """One client sending `measured` while `background_clients` send `background`: the
    measured client's requests/s and latencies."""
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    return runner(_beside(url, measured, background, background_clients, seconds))


def run(
    url: str,
    mix: list[tuple[Request, float]],
    *,
    clients: int = 1,
    seconds: float = 5.0,
    limit: int | None = None,
) -> Result:
    """`clients` connections sending requests of `mix` for `seconds` (or `limit` requests
    each, whichever comes first)."""
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    return runner(_run(url, mix, clients, seconds, limit))
