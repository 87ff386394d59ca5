"""What `obj.<relationship>` gives: a callable that fetches the related object(s).

Relationships read through generated operations of the client's gateway, so the response
is validated and errors mapped in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from labelbox.exceptions import InvalidQueryError, ResourceNotFoundError
from labelbox.orm.query import OrderBy, order_by_input, where_input
from labelbox.pagination import (
    PAGE_SIZE,
    CursorPages,
    OffsetPages,
    Pages,
    PaginatedCollection,
    follow_path,
)

if TYPE_CHECKING:
    from labelbox.orm.comparison import LogicalExpressionComponent
    from labelbox.orm.db_object import DbObject
    from labelbox.orm.model import ToMany, ToOne

D = TypeVar("D", bound="DbObject")


class RelationshipManager(Generic[D]):
    """A to-many relationship of one object: call it to page through the related objects."""

    def __init__(self, source: DbObject, relationship: ToMany[D]) -> None:
        self.source = source
        self.relationship = relationship

    def __call__(
        self,
        where: LogicalExpressionComponent | None = None,
        order_by: OrderBy | None = None,
    ) -> PaginatedCollection[D]:
        relationship = self.relationship
        destination = relationship.destination_type
        arguments: dict[str, Any] = {}
        where_value = where_input(
            where,
            destination,
            filter_deleted=relationship.filter_deleted,
            flat=relationship.cursor_path is not None,
        )
        if where_value is not None:
            arguments["where"] = where_value
        order_value = order_by_input(order_by, destination)
        if order_value is not None:
            arguments["order_by"] = order_value
        unsupported = set(arguments) - relationship.variables
        if unsupported:
            raise InvalidQueryError(
                f"{relationship!r} cannot be filtered or ordered ({', '.join(sorted(unsupported))})"
            )
        if relationship.source_id:
            arguments["id"] = self.source._uid
        client = self.source.client
        assert relationship.operation is not None, relationship
        operation = getattr(self.source._gateway.ops, relationship.operation)
        path = relationship.path

        def objects(result: Any) -> list[D]:
            return [destination(client, item) for item in follow_path(result, path) or []]

        pages: Pages[D]
        cursor_path = relationship.cursor_path
        if cursor_path is not None:

            def cursor_page(cursor: Any, first: int) -> tuple[list[D], Any]:
                result = operation(**arguments, from_=cursor, first=first)
                return objects(result), follow_path(result, cursor_path)

            pages = CursorPages(cursor_page)
        else:
            pages = OffsetPages(
                lambda skip, first: objects(operation(**arguments, skip=skip, first=first))
            )
        return PaginatedCollection._of(client, pages, relationship.page_size or PAGE_SIZE)

    def connect(self, other: DbObject) -> None:
        """Relate `other` to this object."""
        self._change(self.relationship.connect_operation, other, "connect")

    def disconnect(self, other: DbObject) -> None:
        """Remove `other` from this relationship."""
        self._change(self.relationship.disconnect_operation, other, "disconnect")

    def _change(self, operation: str | None, other: DbObject, verb: str) -> None:
        if operation is None:
            raise InvalidQueryError(f"{self.relationship!r} does not support {verb}")
        _check_related(self.relationship, other)
        getattr(self.source._gateway.ops, operation)(self.source._uid, other._uid)


def _check_related(relationship: Any, other: object) -> None:
    """`other` is an object of the relationship's destination type."""
    destination = relationship.destination_type
    if not isinstance(other, destination):
        raise InvalidQueryError(
            f"{relationship!r} relates {destination.__name__} objects, not a {type(other).__name__}"
        )


class ToOneManager(Generic[D]):
    """A to-one relationship of one object: call it for the related object, or None."""

    def __init__(self, source: DbObject, relationship: ToOne[D]) -> None:
        self.source = source
        self.relationship = relationship

    def __call__(self) -> D | None:
        relationship = self.relationship
        if relationship.cached or relationship.operation is None:
            value = follow_path(self.source._data, relationship.path)
        else:
            operation = getattr(self.source._gateway.ops, relationship.operation)
            result = operation(self.source._uid) if relationship.source_id else operation()
            value = follow_path(result, relationship.path)
        if value is None:
            return None
        return relationship.destination_type(self.source.client, value)

    def connect(self, other: DbObject) -> None:
        """Make `other` the related object."""
        operation = self.relationship.connect_operation
        if operation is None:
            raise InvalidQueryError(f"{self.relationship!r} does not support connect")
        _check_related(self.relationship, other)
        getattr(self.source._gateway.ops, operation)(self.source._uid, other._uid)

    def disconnect(self, other: DbObject | None = None) -> None:
        """Clear the relationship."""
        operation = self.relationship.disconnect_operation
        if operation is None:
            raise InvalidQueryError(f"{self.relationship!r} does not support disconnect")
        getattr(self.source._gateway.ops, operation)(self.source._uid)


class RequiredToOneManager(ToOneManager[D]):
    """A non-null to-one relationship of one object: call it for the related object."""

    def __call__(self) -> D:
        found = super().__call__()
        if found is None:  # the source itself is gone (the schema never gives null here)
            raise ResourceNotFoundError(type(self.source), self.source._uid)
        return found
