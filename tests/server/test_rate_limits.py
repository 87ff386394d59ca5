"""Rate-limit buckets (`labelbox_server.rate_limits`) shared by forked processes, as the HTTP
processes of one `serve` share them: a key gets its limit in total, keys are counted apart,
a key's own limit replaces the default, and a full table reuses its stalest slot."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import threading
import time
import traceback
from collections.abc import Callable

from labelbox_server.rate_limits import WINDOW_SECONDS, RateLimiter, SharedBuckets

#: Requests per minute: a new token every 5 s, far longer than these tests take.
LIMIT = 12


def in_processes(count: int, work: Callable[[int], int]) -> list[int]:
    """`work(n)` for n in range(count), each in a forked process, all started at once."""
    start = multiprocessing.get_context("fork").Event()
    children: list[tuple[int, int]] = []
    for n in range(count):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            code = 1
            try:
                os.close(read)
                start.wait(30)
                os.write(write, str(work(n)).encode())
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        os.close(write)
        children.append((pid, read))
    start.set()
    results = []
    for pid, read in children:
        with os.fdopen(read) as pipe:
            output = pipe.read()
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        results.append(int(output))
    return results


def admitted(limiter: RateLimiter, key_id: str, tries: int, key_limit: int | None = None) -> int:
    """How many of `tries` requests of `key_id` the limiter lets through."""
    return sum(limiter.acquire(key_id, key_limit) is None for _ in range(tries))


def refilled(since: float, limit: int = LIMIT) -> int:
    """Whole tokens a bucket of `limit` can have gained since `since` (0 in practice)."""
    return int((time.monotonic() - since) * limit / WINDOW_SECONDS)


def test_forked_processes_hammering_one_key_get_its_limit_in_total() -> None:
    limiter = RateLimiter(LIMIT)
    started = time.monotonic()
    counts = in_processes(4, lambda _n: admitted(limiter, "key-a", 3 * LIMIT))
    assert LIMIT <= sum(counts) <= LIMIT + refilled(started)


def test_concurrent_takes_of_one_key_are_counted_exactly() -> None:
    # A stopped clock (no refill) and many takes from both cores: a lost update would show.
    limiter = RateLimiter(None, SharedBuckets(clock=lambda: 0.0))
    counts = in_processes(4, lambda _n: admitted(limiter, "busy", 10_000, key_limit=20_000))
    assert sum(counts) == 20_000


def test_keys_are_counted_apart_across_processes() -> None:
    limiter = RateLimiter(LIMIT)
    started = time.monotonic()
    assert in_processes(1, lambda _n: admitted(limiter, "key-a", 2 * LIMIT)) == [LIMIT]
    # Another process: key-a is spent already, key-b has its whole limit.
    again = in_processes(1, lambda _n: admitted(limiter, "key-a", LIMIT))
    fresh = in_processes(1, lambda _n: admitted(limiter, "key-b", 2 * LIMIT))
    assert again[0] <= refilled(started)
    assert fresh == [LIMIT]


def test_a_key_limit_replaces_the_default_in_every_process() -> None:
    limiter = RateLimiter(LIMIT)
    started = time.monotonic()
    own = in_processes(2, lambda _n: admitted(limiter, "tight", 5, key_limit=3))
    assert 3 <= sum(own) <= 3 + refilled(started, 3)
    unlimited = in_processes(2, lambda _n: admitted(limiter, "free", 50, key_limit=0))
    assert unlimited == [50, 50]
    no_default = RateLimiter(None)
    assert in_processes(2, lambda _n: admitted(no_default, "any", 20)) == [20, 20]
    limited = in_processes(2, lambda _n: admitted(no_default, "own", 5, key_limit=2))
    assert 2 <= sum(limited) <= 2 + refilled(started, 2)


def test_the_wait_is_the_time_until_the_next_token() -> None:
    now = [100.0]
    buckets = SharedBuckets(clock=lambda: now[0])
    assert [buckets.take("k", 60) for _ in range(60)] == [None] * 60
    assert buckets.take("k", 60) == 1.0  # 60 per minute: one a second
    now[0] += 0.25
    assert buckets.take("k", 60) == 0.75
    now[0] += 0.75
    assert buckets.take("k", 60) is None


def test_a_full_table_reuses_the_least_recently_updated_slot() -> None:
    now = [0.0]
    buckets = SharedBuckets(slots=8, probe=8, clock=lambda: now[0])
    keys = [f"key-{n}" for n in range(8)]
    for n, key in enumerate(keys):
        now[0] = float(n)
        assert buckets.take(key, 1) is None  # each key's one token
    now[0] = 10.0
    # Every key keeps its slot while the table has room: all are spent.
    assert all(buckets.take(key, 1) is not None for key in keys[1:])
    # The table is full: a new key takes the slot of key-0 (updated at 0, the stalest)...
    assert buckets.take("newcomer", 1) is None
    assert buckets.take("newcomer", 1) is not None
    assert all(buckets.take(key, 1) is not None for key in keys[1:])
    # ... so key-0 is forgotten and starts again from a full bucket.
    assert buckets.take(keys[0], 1) is None


def test_a_process_dying_with_the_lock_does_not_stop_the_others() -> None:
    buckets = SharedBuckets()
    lock_fd = buckets._lock_fd
    assert lock_fd is not None

    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child: takes the lock and dies holding it
        fcntl.lockf(lock_fd, fcntl.LOCK_EX)
        os._exit(0)
    os.waitpid(pid, 0)
    answered: list[float | None] = []
    taker = threading.Thread(target=lambda: answered.append(buckets.take("k", 1)), daemon=True)
    taker.start()
    taker.join(10)
    assert answered == [None]
