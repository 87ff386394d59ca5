"""`PaginatedCollection`: iterate over server objects, fetching pages as needed."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from labelbox.client import Client

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

PAGE_SIZE = 100


class Pages(Protocol[T_co]):
    """Where a collection's objects come from: `iterate(page_size)` fetches page after page."""

    def iterate(self, page_size: int) -> Iterator[T_co]: ...


class OffsetPages(Generic[T]):
    """Pages by `skip` / `first`; a short page is the last."""

    def __init__(self, fetch: Callable[[int, int], Sequence[T]]) -> None:
        self.fetch = fetch

    def iterate(self, page_size: int) -> Iterator[T]:
        skip = 0
        while True:
            page = self.fetch(skip, page_size)
            yield from page
            if len(page) < page_size:
                return
            skip += len(page)


class CursorPages(Generic[T]):
    """Pages by cursor: `fetch(cursor, first)` gives a page and the next cursor."""

    def __init__(self, fetch: Callable[[Any, int], tuple[Sequence[T], Any]]) -> None:
        self.fetch = fetch

    def iterate(self, page_size: int) -> Iterator[T]:
        cursor: Any = None
        while True:
            page, cursor = self.fetch(cursor, page_size)
            yield from page
            if not cursor or len(page) < page_size:
                return


class PaginatedCollection(Generic[T]):
    """An iterable of objects that fetches them page by page while you iterate.

    Each iteration starts from the first page; pages hold `page_size` objects
    (100 unless the endpoint allows more). `get_one()` fetches one object only.

    The constructor takes a GraphQL document, as Labelbox's SDK 3.36.0 did: offset
    pages (`skip` / `first` variables) by default, or with `cursor_path` pages that
    follow the cursor found at that path (`from` / `first`). A query with two `%d`
    placeholders gets skip and page size written into its text.
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
        self.query = query
        self.params = dict(params)
        self.dereferencing = dereferencing
        self.obj_class = obj_class
        self.cursor_path = list(cursor_path) if cursor_path is not None else None
        self.experimental = experimental
        self._setup(client, _DocumentPages(self), page_size)

    @classmethod
    def _of(
        cls, client: Client, pages: Pages[T], page_size: int = PAGE_SIZE
    ) -> PaginatedCollection[T]:
        """A collection over `pages` (the SDK's own collections, over generated operations)."""
        collection = cls.__new__(cls)
        collection._setup(client, pages, page_size)
        return collection

    def _setup(self, client: Client, pages: Pages[T], page_size: int) -> None:
        self.client = client
        self.page_size = page_size
        self._pages = pages

    def __iter__(self) -> Iterator[T]:
        return self._pages.iterate(self.page_size)

    def get_one(self) -> T | None:
        """The first object, or None when there is none. Fetches one object only."""
        return next(self._pages.iterate(1), None)

    def get_many(self, n: int) -> list[T]:
        """The first `n` objects (fewer if the collection is shorter)."""
        if isinstance(n, bool) or not isinstance(n, int):
            from labelbox.exceptions import InvalidQueryError

            raise InvalidQueryError(f"get_many takes a number of objects, not a {type(n).__name__}")
        if n <= 0:
            return []
        items: list[T] = []
        for item in self._pages.iterate(min(n, self.page_size)):
            items.append(item)
            if len(items) == n:
                break
        return items


class _DocumentPages(Generic[T]):
    """The pages of a raw GraphQL document (the reference constructor's form)."""

    def __init__(self, collection: PaginatedCollection[T]) -> None:
        self.collection = collection

    def iterate(self, page_size: int) -> Iterator[T]:
        c = self.collection
        pages: Pages[Any]
        if c.cursor_path is not None:
            pages = CursorPages(self._cursor_page)
        else:
            pages = OffsetPages(self._offset_page)
        for item in pages.iterate(page_size):
            yield c.obj_class(c.client, item)

    def _offset_page(self, skip: int, first: int) -> list[Any]:
        c = self.collection
        if "%d" in c.query:
            try:
                query = c.query % (skip, first)
            except (TypeError, ValueError) as error:
                from labelbox.exceptions import InvalidQueryError

                raise InvalidQueryError(
                    f"A query with %d placeholders takes exactly two (skip, first): {error}"
                ) from None
            data = self._run(c.params, query)
        else:
            data = self._run({**c.params, "skip": skip, "first": first})
        return _items(data, c.dereferencing)

    def _cursor_page(self, cursor: Any, first: int) -> tuple[list[Any], Any]:
        c = self.collection
        assert c.cursor_path is not None
        data = self._run({**c.params, "from": cursor, "first": first})
        return _items(data, c.dereferencing), _cursor(data, c.cursor_path)

    def _run(self, variables: Mapping[str, Any], query: str | None = None) -> Any:
        c = self.collection
        return c.client._gateway.run(query or c.query, dict(variables), experimental=c.experimental)


def follow_path(data: Any, path: Sequence[str | int]) -> Any:
    """The value at `path` in a response (keys, attributes or list indexes), or None where
    a null or an empty list stops it early."""
    for key in path:
        if data is None:
            return None
        if isinstance(key, int):
            data = data[key] if key < len(data) else None
        elif isinstance(data, Mapping):
            data = data[key]
        else:
            data = getattr(data, key)
    return data


def _cursor(data: Any, path: Sequence[str | int]) -> Any:
    from labelbox.exceptions import ResponseValidationError

    try:
        return follow_path(data, path)
    except (LookupError, TypeError, AttributeError) as error:
        raise ResponseValidationError(
            f"The response has no cursor at {list(path)}: {error!r}"
        ) from None


def _items(data: Any, dereferencing: Sequence[str | int] | Mapping[str, Any]) -> list[Any]:
    from labelbox.exceptions import ResponseValidationError

    if isinstance(dereferencing, Mapping):
        dereferencing = list(dereferencing)
    try:
        value = follow_path(data, dereferencing)
    except (LookupError, TypeError, AttributeError) as error:
        raise ResponseValidationError(
            f"The response has no list at {list(dereferencing)}: {error!r}"
        ) from None
    if value is not None and not isinstance(value, list):
        raise ResponseValidationError(f"Expected a list at {list(dereferencing)}, got {value!r}")
    return list(value) if value else []
