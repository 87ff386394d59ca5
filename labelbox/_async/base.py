"""What the async method groups share: the gateway, lookups by id, listings, entities."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from labelbox import exceptions
from labelbox._async.pages import AsyncPaginatedCollection
from labelbox._inputs import check_text
from labelbox.orm.model import D
from labelbox.orm.query import where_input

if TYPE_CHECKING:
    from labelbox._async.gateway import AsyncGateway
    from labelbox.client import Client
    from labelbox.orm.comparison import LogicalExpressionComponent


class AsyncClientBase:
    """The state the async method groups rely on; `labelbox.AsyncClient` sets it up."""

    _gateway: AsyncGateway

    def _entity(self, entity: type[D], data: Any) -> D:
        """An SDK object of this client's data. Its synchronous methods refuse to run (they
        would need a `Client`); use this client's methods instead."""
        return entity(cast("Client", self), data)

    async def _get_by_id(self, entity: type[D], fetch: Callable[[], Awaitable[Any]], uid: str) -> D:
        check_text(entity, "id", uid)
        try:
            found = await fetch()
        except exceptions.ResourceNotFoundError:
            found = None
        if found is None:
            raise exceptions.ResourceNotFoundError(entity, {"id": uid})
        return self._entity(entity, found)

    def _list(
        self,
        entity: type[D],
        fetch: Callable[[dict[str, Any], int, int], Awaitable[Sequence[Any]]],
        where: LogicalExpressionComponent | None,
    ) -> AsyncPaginatedCollection[D]:
        arguments: dict[str, Any] = {}
        where_value = where_input(where, entity, filter_deleted=True)
        if where_value is not None:
            arguments["where"] = where_value

        async def page(skip: int, first: int) -> list[D]:
            return [self._entity(entity, item) for item in await fetch(arguments, skip, first)]

        return AsyncPaginatedCollection(offset=page)
