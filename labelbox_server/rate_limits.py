"""Per-key request limits, as Labelbox has them: a key that sends more than its limit of
requests per minute is answered HTTP 429 with `Retry-After` (seconds) and
`{"message": "You have exceeded ..."}`, which both SDKs understand (ours waits and retries).

Off by default. The server's limit (`serve --rate-limit N`) applies to every key; a key's
own limit (`create-key --rate-limit N`, stored with the key) replaces it, 0 meaning none.
Each key has a bucket of `limit` requests refilled continuously (`limit` per 60 s).

The buckets live in `SharedBuckets`, a fixed table in anonymous shared memory: `serve` makes
it before forking its HTTP processes, so they all count against the same buckets (a key gets
its limit from the server, not from each process). Slots are found by a hash of the key id
(linear probing over `PROBE` slots); when those are all taken, the one least recently
updated is reused, and its key starts again from a full bucket. Access is serialized by a
thread lock and a POSIX record lock (`lockf`) on a temporary file, which the kernel releases
if its holder dies, so a killed process cannot wedge the others. Timestamps are
`time.monotonic()`, one clock for every process on Linux. Several `serve` commands on one
database still count separately.
"""

from __future__ import annotations

import hashlib
import math
import mmap
import os
import struct
import tempfile
import threading
import time
import weakref
from collections.abc import Callable

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows (no fork there: one process)
    fcntl = None  # type: ignore[assignment]

WINDOW_SECONDS = 60.0
#: Buckets the table holds (32 bytes each).
SLOTS = 4096
#: Slots looked at from a key's hash before the least recently updated one is reused.
PROBE = 16

#: A slot: the key id's digest (zeros: never used), its tokens, when they were counted.
_SLOT = struct.Struct("<16sdd")
_UNUSED = bytes(16)


class SharedBuckets:
    """Token buckets by key id in shared memory, for this process and the ones it forks."""

    def __init__(
        self,
        slots: int = SLOTS,
        probe: int = PROBE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._slots = slots
        self._probe = min(probe, slots)
        self._clock = clock
        self._memory = mmap.mmap(-1, slots * _SLOT.size)
        self._thread_lock = threading.Lock()
        self._lock_fd = _unlinked_file() if fcntl is not None else None
        if self._lock_fd is not None:
            weakref.finalize(self, os.close, self._lock_fd)
        self._digests: dict[str, tuple[bytes, int]] = {}

    def take(self, key_id: str, limit: int) -> float | None:
        """Count one request of `key_id` against `limit` per minute: None if it may go on,
        else the seconds until its bucket has a token again."""
        digest, start = self._digests.get(key_id) or self._digest(key_id)
        rate = limit / WINDOW_SECONDS
        with self._thread_lock:
            if self._lock_fd is not None:
                fcntl.lockf(self._lock_fd, fcntl.LOCK_EX)
            try:
                now = self._clock()  # read under the lock: no process sees time go back
                offset, tokens, updated = self._slot(digest, start, float(limit), now)
                tokens = min(float(limit), tokens + (now - updated) * rate)
                wait = None if tokens >= 1 else (1 - tokens) / rate
                if wait is None:
                    tokens -= 1
                _SLOT.pack_into(self._memory, offset, digest, tokens, now)
            finally:
                if self._lock_fd is not None:
                    fcntl.lockf(self._lock_fd, fcntl.LOCK_UN)
        return wait

    def _digest(self, key_id: str) -> tuple[bytes, int]:
        if len(self._digests) >= self._slots:  # a cache of this process, kept small
            self._digests.clear()
        digest = hashlib.blake2b(key_id.encode(), digest_size=16).digest()
        found = self._digests[key_id] = (digest, int.from_bytes(digest[:8], "little"))
        return found

    def _slot(self, digest: bytes, start: int, full: float, now: float) -> tuple[int, float, float]:
        """The offset, tokens and time of `digest`'s slot; a full bucket at `now` for a key
        the table does not hold (in an unused slot, else the least recently updated)."""
        oldest = 0
        oldest_time = math.inf
        for step in range(self._probe):
            offset = (start + step) % self._slots * _SLOT.size
            found, tokens, updated = _SLOT.unpack_from(self._memory, offset)
            if found == digest:
                return offset, tokens, updated
            if found == _UNUSED:
                return offset, full, now
            if updated < oldest_time:
                oldest, oldest_time = offset, updated
        return oldest, full, now


def _unlinked_file() -> int:
    """A descriptor of a new empty file removed from its directory (it lives while open)."""
    fd, path = tempfile.mkstemp(prefix="labelbox-server-rate-limits-")
    os.unlink(path)
    return fd


class RateLimiter:
    """The limit that applies to each key, counted in `buckets`."""

    def __init__(self, default: int | None, buckets: SharedBuckets | None = None) -> None:
        self.default = default
        self._buckets = buckets or SharedBuckets()

    def limit_for(self, key_limit: int | None) -> int | None:
        """The limit that applies to a key (None: unlimited)."""
        limit = self.default if key_limit is None else key_limit
        return limit if limit else None

    def acquire(self, key_id: str | None, key_limit: int | None) -> float | None:
        """Count one request; the seconds to wait before retrying if it is over the limit."""
        limit = self.limit_for(key_limit)
        if limit is None or key_id is None:
            return None
        return self._buckets.take(key_id, limit)


def exceeded_body(limit: int, retry_after: float) -> dict[str, str]:
    """The body of a 429."""
    return {
        "message": f"You have exceeded the limit of {limit} requests per minute for this "
        f"API key; retry in {retry_after_header(retry_after)} s"
    }


def retry_after_header(seconds: float) -> str:
    """`Retry-After` in whole seconds (at least 1)."""
    return str(max(1, math.ceil(seconds)))
