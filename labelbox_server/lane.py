"""A few threads for the blocking part of requests (GraphQL execution, database lookups).

The event loop only moves bytes: it reads requests, answers authentication from the cache
and writes responses; everything that touches the database runs on a `RequestLane` of a
few threads. A handful of threads keeps a slow request from holding up the others while
avoiding the convoy of a large pool, where dozens of runnable threads (and the event loop)
queue for the GIL and each request costs more CPU. Work runs in a copy of the caller's
context, so context variables (the request id) follow it.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_T = TypeVar("_T")


class RequestLane:
    """`threads` threads running blocking calls for the event loop."""

    def __init__(self, threads: int) -> None:
        if threads < 1:
            raise ValueError("a request lane needs at least one thread")
        self.threads = threads
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="request")

    async def run(self, function: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
        """`function(*args, **kwargs)` on one of the lane's threads."""
        context = contextvars.copy_context()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._pool, lambda: context.run(function, *args, **kwargs)
        )

    def shutdown(self) -> None:
        """Finish what is running and stop the threads."""
        self._pool.shutdown(wait=True)
