"""Per-key request limits, as Labelbox has them: a key that sends more than its limit of
requests per minute is answered HTTP 429 with `Retry-After` (seconds) and
`{"message": "You have exceeded ..."}`, which both SDKs understand (ours waits and retries).

Off by default. The server's limit (`serve --rate-limit N`) applies to every key; a key's
own limit (`create-key --rate-limit N`, stored with the key) replaces it, 0 meaning none.
Each key has a bucket of `limit` requests refilled continuously (`limit` per 60 s), kept in
the server process: several processes on one database each count their own requests.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

WINDOW_SECONDS = 60.0


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets by key id."""

    def __init__(self, default: int | None, clock: Callable[[], float] = time.monotonic) -> None:
        self.default = default
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def limit_for(self, key_limit: int | None) -> int | None:
        """The limit that applies to a key (None: unlimited)."""
        limit = self.default if key_limit is None else key_limit
        return limit if limit else None

    def acquire(self, key_id: str | None, key_limit: int | None) -> float | None:
        """Count one request; the seconds to wait before retrying if it is over the limit."""
        limit = self.limit_for(key_limit)
        if limit is None or key_id is None:
            return None
        rate = limit / WINDOW_SECONDS
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key_id)
            if bucket is None:
                bucket = self._buckets[key_id] = _Bucket(float(limit), now)
            bucket.tokens = min(float(limit), bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return None
            return (1 - bucket.tokens) / rate


def exceeded_body(limit: int, retry_after: float) -> dict[str, str]:
    """The body of a 429."""
    return {
        "message": f"You have exceeded the limit of {limit} requests per minute for this "
        f"API key; retry in {retry_after_header(retry_after)} s"
    }


def retry_after_header(seconds: float) -> str:
    """`Retry-After` in whole seconds (at least 1)."""
    return str(max(1, math.ceil(seconds)))
