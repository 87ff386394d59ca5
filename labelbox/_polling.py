"""Waiting for server-side work: one polling helper with an interval, a timeout and a progress bar."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from labelbox._progress import Progress

T = TypeVar("T")


def poll(
    check: Callable[[], T | None],
    *,
    timeout: float,
    interval: float = 2.0,
    first_interval: float = 0.25,
    progress: Progress | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T | None:
    """Call `check` until it returns something other than None, or `timeout` seconds pass.

    Waits start at `first_interval` and double up to `interval`, so quick jobs
    return quickly and long ones are not polled too often. Returns None on timeout.
    """
    deadline = clock() + timeout
    wait = first_interval
    while True:
        outcome = check()
        if outcome is not None:
            return outcome
        remaining = deadline - clock()
        if remaining <= 0:
            return None
        if progress is not None:
            progress.refresh()
        sleep(min(wait, remaining))
        wait = min(wait * 2, interval)


async def async_poll(
    check: Callable[[], Awaitable[T | None]],
    *,
    timeout: float,
    interval: float = 2.0,
    first_interval: float = 0.25,
    clock: Callable[[], float] = time.monotonic,
) -> T | None:
    """`poll` for coroutines: waits with `asyncio.sleep`, so the event loop keeps running."""
    deadline = clock() + timeout
    wait = first_interval
    while True:
        outcome = await check()
        if outcome is not None:
            return outcome
        remaining = deadline - clock()
        if remaining <= 0:
            return None
        await asyncio.sleep(min(wait, remaining))
        wait = min(wait * 2, interval)
