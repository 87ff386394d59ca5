"""`AsyncPaginatedCollection`: `async for` over server objects, fetching pages as needed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")

OffsetFetch = Callable[[int, int], Awaitable[Sequence[T]]]
CursorFetch = Callable[[Any, int], Awaitable[tuple[Sequence[T], Any]]]


class AsyncPaginatedCollection(Generic[T]):
    """Objects fetched page by page while you iterate with `async for`.

    Pages go by offset (`skip` / `first`) or by cursor; each iteration starts from the first
    page. `await get_one()` fetches one object, `await get_many(n)` at most `n`.
    """

    def __init__(
        self,
        *,
        offset: OffsetFetch[T] | None = None,
        cursor: CursorFetch[T] | None = None,
        page_size: int = 100,
    ) -> None:
        if (offset is None) == (cursor is None):
            raise ValueError("give exactly one of offset= and cursor=")
        self._offset = offset
        self._cursor = cursor
        self.page_size = page_size

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterate(self.page_size)

    async def get_one(self) -> T | None:
        """The first object, or None when there is none."""
        async for item in self._iterate(1):
            return item
        return None

    async def get_many(self, n: int) -> list[T]:
        """The first `n` objects (fewer if the collection is shorter)."""
        items: list[T] = []
        if n <= 0:
            return items
        async for item in self._iterate(min(n, self.page_size)):
            items.append(item)
            if len(items) == n:
                break
        return items

    async def _iterate(self, page_size: int) -> AsyncIterator[T]:
        if self._offset is not None:
            skip = 0
            while True:
                page = await self._offset(skip, page_size)
                for item in page:
                    yield item
                if len(page) < page_size:
                    return
                skip += len(page)
        assert self._cursor is not None
        cursor: Any = None
        while True:
            page, cursor = await self._cursor(cursor, page_size)
            for item in page:
                yield item
            if not cursor or len(page) < page_size:
                return
