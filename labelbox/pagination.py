"""`PaginatedCollection`: iterate over server objects, fetching pages as needed."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from labelbox.client import Client

T = TypeVar("T")

PAGE_SIZE = 100


class PaginatedCollection(Generic[T]):
    """An iterable of objects that fetches them page by page while you iterate.

    Offset pages (`skip` / `first`) are the default; with `cursor_path`, pages
    follow the cursor found at that path (`from` / `first` variables). A query
    with two `%d` placeholders gets skip and page size written into its text,
    as Labelbox's SDK 3.36.0 did. Each iteration starts from the first page;
    pages hold `page_size` objects (100 unless the endpoint allows more).
    """

    def __init__(
        self,
        client: Client,
        query: str,
        params: Mapping[str, Any],
        dereferencing: Sequence[str | int] | Mapping[str, Any],
        obj_class: Callable[[Client, Any], T],
        cursor_path: Sequence[str | int] | None = None,
        experimental: bool = False,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self.client = client
        self.query = query
        self.params = dict(params)
        self.dereferencing = dereferencing
        self.obj_class = obj_class
        self.cursor_path = list(cursor_path) if cursor_path is not None else None
        self.experimental = experimental
        self.page_size = page_size

    def __iter__(self) -> Iterator[T]:
        return self._iterate(self.page_size)

    def get_one(self) -> T | None:
        """The first object, or None when there is none. Fetches one object only."""
        return next(self._iterate(1), None)

    def get_many(self, n: int) -> list[T]:
        """The first `n` objects (fewer if the collection is shorter)."""
        if n <= 0:
            return []
        items: list[T] = []
        for item in self._iterate(min(n, self.page_size)):
            items.append(item)
            if len(items) == n:
                break
        return items

    def _iterate(self, page_size: int) -> Iterator[T]:
        if self.cursor_path is not None:
            yield from self._cursor_pages(page_size)
        else:
            yield from self._offset_pages(page_size)

    def _offset_pages(self, page_size: int) -> Iterator[T]:
        skip = 0
        while True:
            page = self._fetch(skip=skip, first=page_size)
            for item in page:
                yield self.obj_class(self.client, item)
            if len(page) < page_size:
                return
            skip += len(page)

    def _cursor_pages(self, page_size: int) -> Iterator[T]:
        assert self.cursor_path is not None
        cursor: Any = None
        while True:
            data = self._run({**self.params, "from": cursor, "first": page_size})
            page = _dereference(data, self.dereferencing)
            for item in page:
                yield self.obj_class(self.client, item)
            cursor = follow_path(data, self.cursor_path)
            if not cursor or len(page) < page_size:
                return

    def _fetch(self, *, skip: int, first: int) -> list[Any]:
        if "%d" in self.query:
            data = self._run(self.params, self.query % (skip, first))
        else:
            data = self._run({**self.params, "skip": skip, "first": first})
        return _dereference(data, self.dereferencing)

    def _run(self, variables: Mapping[str, Any], query: str | None = None) -> Any:
        return self.client._run(
            query or self.query, dict(variables), experimental=self.experimental
        )


def follow_path(data: Any, path: Sequence[str | int]) -> Any:
    """The value at `path` in a response, or None where the path stops early."""
    for key in path:
        if data is None:
            return None
        if isinstance(key, int) and key >= len(data):
            return None
        data = data[key]
    return data


def _dereference(data: Any, dereferencing: Sequence[str | int] | Mapping[str, Any]) -> list[Any]:
    if isinstance(dereferencing, Mapping):
        dereferencing = list(dereferencing)
    value = follow_path(data, dereferencing)
    return list(value) if value else []
