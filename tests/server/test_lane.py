"""The request lane (`labelbox_server.lane`): blocking calls on a few threads for the loop."""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from labelbox_server.lane import RequestLane

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


@pytest.fixture
def lane_of() -> Iterator[Callable[[int], RequestLane]]:
    """Makes lanes of N threads, shut down after the test."""
    made: list[RequestLane] = []

    def make(threads: int) -> RequestLane:
        made.append(RequestLane(threads))
        return made[-1]

    yield make
    for lane in made:
        lane.shutdown()


def test_calls_run_on_the_lane_and_return_or_raise(lane_of: Callable[[int], RequestLane]) -> None:
    lane = lane_of(2)

    def boom() -> None:
        raise ValueError("boom")

    def add(a: int, b: int = 0) -> int:
        return a + b

    async def main() -> None:
        assert await lane.run(add, 2, b=3) == 5
        name = await lane.run(lambda: threading.current_thread().name)
        assert name.startswith("request_")
        with pytest.raises(ValueError, match="boom"):
            await lane.run(boom)
        request_id.set("r-42")
        assert await lane.run(request_id.get) == "r-42"  # the caller's context follows

    asyncio.run(main())


def test_at_most_threads_calls_run_at_once(lane_of: Callable[[int], RequestLane]) -> None:
    lane = lane_of(2)
    running, most = 0, 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1

    async def main() -> None:
        await asyncio.gather(*(lane.run(work) for _ in range(6)))

    asyncio.run(main())
    assert most == 2


def test_a_cancelled_caller_leaves_the_lane_working(lane_of: Callable[[int], RequestLane]) -> None:
    lane = lane_of(1)
    release = threading.Event()

    async def main() -> None:
        slow = asyncio.ensure_future(lane.run(release.wait, 5))
        await asyncio.sleep(0.05)
        slow.cancel()
        with pytest.raises(asyncio.CancelledError):
            await slow
        release.set()
        assert await lane.run(lambda: "next") == "next"

    asyncio.run(main())


def test_even_a_base_exception_reaches_the_caller_and_the_thread_survives(
    lane_of: Callable[[int], RequestLane],
) -> None:
    lane = lane_of(1)

    def interrupted() -> None:
        raise KeyboardInterrupt

    async def main() -> None:
        with pytest.raises(KeyboardInterrupt):
            await lane.run(interrupted)
        assert await lane.run(lambda: "still here") == "still here"

    asyncio.run(main())


def test_shutdown_finishes_what_was_queued_then_stops_the_threads(
    lane_of: Callable[[int], RequestLane],
) -> None:
    lane = lane_of(1)
    done: list[int] = []

    def work(index: int) -> None:
        time.sleep(0.02)
        done.append(index)

    async def main() -> None:
        tasks = [asyncio.ensure_future(lane.run(work, index)) for index in range(3)]
        await asyncio.sleep(0)  # the tasks queue their calls; the loop then closes
        assert not any(task.done() for task in tasks)

    asyncio.run(main())
    lane.shutdown()
    assert done == [0, 1, 2]
    assert not any(t.name.startswith("request_") and t.is_alive() for t in threading.enumerate())


def test_a_lane_needs_a_thread() -> None:
    with pytest.raises(ValueError, match="at least one thread"):
        RequestLane(0)
