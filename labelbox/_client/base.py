"""What every group of client methods shares: the gateway, lookups by id and listings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from labelbox import exceptions
from labelbox._inputs import check_text
from labelbox.orm.model import D
from labelbox.orm.query import where_input
from labelbox.pagination import OffsetPages, PaginatedCollection

if TYPE_CHECKING:
    from labelbox._gateway import Gateway
    from labelbox.client import Client
    from labelbox.orm.comparison import LogicalExpressionComponent


class ClientBase:
    """The state the method groups rely on; `labelbox.client.Client` sets it up."""

    _gateway: Gateway

    @property
    def _as_client(self) -> Client:
        """This object as the `Client` it is part of (SDK objects keep a reference to it)."""
        return cast("Client", self)

    def _get_by_id(self, entity: type[D], fetch: Callable[[], Any], uid: str) -> D:
        """`entity` from a lookup by id; not found (a null result or a `RESOURCE_NOT_FOUND`
        error) raises `ResourceNotFoundError` for it."""
        check_text(entity, "id", uid)
        try:
            found = fetch()
        except exceptions.ResourceNotFoundError:
            found = None
        if found is None:
            raise exceptions.ResourceNotFoundError(entity, {"id": uid})
        return entity(self._as_client, found)

    def _list(
        self,
        entity: type[D],
        fetch: Callable[[dict[str, Any], int, int], Sequence[Any]],
        where: LogicalExpressionComponent | None,
    ) -> PaginatedCollection[D]:
        """Objects of a root list operation, filtered by `where` (deleted ones left out);
        `fetch(arguments, skip, first)` runs the operation."""
        arguments: dict[str, Any] = {}
        where_value = where_input(where, entity, filter_deleted=True)
        if where_value is not None:
            arguments["where"] = where_value
        client = self._as_client

        def page(skip: int, first: int) -> list[D]:
            return [entity(client, item) for item in fetch(arguments, skip, first)]

        return PaginatedCollection._of(client, OffsetPages(page))
