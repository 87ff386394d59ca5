"""Base classes of SDK objects (`Project`, `Dataset`, ...) and their relationships.

SDK objects reach the server only through their client's gateway (`self._gateway`, see
`labelbox._gateway`): the generated operations, raw documents, downloads and uploads,
with errors mapped and responses validated in that one place.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from labelbox.exceptions import InvalidQueryError, LabelboxError, ResourceNotFoundError
from labelbox.orm.model import D, Field, ToMany, ToOne
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
    from pydantic import BaseModel

    from labelbox._gateway import Gateway
    from labelbox.client import Client
    from labelbox.orm.comparison import LogicalExpressionComponent

F = TypeVar("F", bound=Callable[..., Any])

_MODELS: dict[type[Any], type[BaseModel]] = {}


class DbObject:
    """An object stored on the server, holding its typed fields.

    `DbObject(client, field_values)` accepts the generated fragment model, a
    response of the entity's fragment, or a mapping keyed by GraphQL field names
    (`{"id": ..., "allowedMediaType": ...}`, as Labelbox's SDK took them).
    """

    _registry: ClassVar[dict[str, type[DbObject]]] = {}
    _type_name: ClassVar[str]
    _data: BaseModel

    def __init__(self, client: Client, field_values: BaseModel | Mapping[str, Any]) -> None:
        self.client = client
        self._set_field_values(field_values)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if hasattr(cls, "_type_name"):
            DbObject._registry[cls._type_name] = cls

    @classmethod
    def registered_type(cls, type_name: str) -> type[DbObject]:
        """The SDK class for a GraphQL type name."""
        return DbObject._registry[type_name]

    @classmethod
    def fields(cls) -> list[Field[Any]]:
        """The object's typed fields."""
        return list(_fields_of(cls).values())

    @classmethod
    def has_field(cls, field: Field[Any]) -> bool:
        return _fields_of(cls).get(field.name) is field

    @property
    def type_name(self) -> str:
        return self._type_name

    @property
    def _gateway(self) -> Gateway:
        """The client's gateway to the server: the one way an object reaches it."""
        return self.client._gateway

    @classmethod
    def _load_fields_model(cls) -> type[BaseModel]:
        raise NotImplementedError(f"{cls.__name__} has no generated fields model")

    @classmethod
    def _fields_model(cls) -> type[BaseModel]:
        """The generated fragment model holding the fields (loaded on first use)."""
        model = _MODELS.get(cls)
        if model is None:
            model = _MODELS[cls] = cls._load_fields_model()
        return model

    def _set_field_values(self, values: BaseModel | Mapping[str, Any]) -> None:
        model = self._fields_model()
        if isinstance(values, model):
            self._data = values
            return
        if not isinstance(values, Mapping):
            values = values.model_dump(by_alias=True)
        elif "uid" not in values:
            # Keyed by GraphQL field names (`id`, `allowedMediaType`), as the API has them.
            values = {
                field.name: values[field.graphql_name]
                for field in _fields_of(type(self)).values()
                if field.graphql_name in values
            }
        from labelbox._http.validation import parse_response

        self._data = parse_response(model, values, self._type_name)

    @property
    def _uid(self) -> str:
        return cast(str, self._data.uid)  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, DbObject)
            and other._type_name == self._type_name
            and other._uid == self._uid
        )

    def __hash__(self) -> int:
        return hash((self._type_name, self._uid))

    def __repr__(self) -> str:
        values = {field.name: getattr(self, field.name) for field in self.fields()}
        shown = ", ".join(f"{name}={value!r}" for name, value in values.items())
        return f"<{self._type_name} {shown}>"

    def _found(self, value: Any) -> Any:
        """`value`, or raise `ResourceNotFoundError` for this object when it is None."""
        if value is None:
            raise ResourceNotFoundError(type(self), {"id": self._uid})
        return value


_FIELDS: dict[type[Any], dict[str, Field[Any]]] = {}


def _fields_of(cls: type[Any]) -> dict[str, Field[Any]]:
    """The `Field`s of a class and its bases, by Python name (computed once)."""
    found = _FIELDS.get(cls)
    if found is None:
        found = {}
        for klass in reversed(cls.__mro__):
            for name, value in vars(klass).items():
                if isinstance(value, Field):
                    found[name] = value
        _FIELDS[cls] = found
    return found


class Updateable:
    """Marks objects with `update(**kwargs)`."""


class Deletable:
    """Marks objects with `delete()`."""


class BulkDeletable:
    """Marks objects with a static `bulk_delete(objects)`."""


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
        getattr(self.source._gateway.ops, operation)(self.source._uid, other._uid)


class ToOneManager(Generic[D]):
    """A to-one relationship of one object: call it for the related object, or None."""

    def __init__(self, source: DbObject, relationship: ToOne[D]) -> None:
        self.source = source
        self.relationship = relationship

    def __call__(self) -> D | None:
        relationship = self.relationship
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
        getattr(self.source._gateway.ops, operation)(self.source._uid, other._uid)

    def disconnect(self, other: DbObject | None = None) -> None:
        """Clear the relationship."""
        operation = self.relationship.disconnect_operation
        if operation is None:
            raise InvalidQueryError(f"{self.relationship!r} does not support disconnect")
        getattr(self.source._gateway.ops, operation)(self.source._uid)


def experimental(method: F) -> F:
    """Marks a method that needs `Client(enable_experimental=True)`."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        client = getattr(self, "client", self)
        if not getattr(client, "enable_experimental", False):
            raise LabelboxError(
                f"Experimental method {method.__name__} is not enabled; "
                "create the client with enable_experimental=True"
            )
        return method(self, *args, **kwargs)

    return cast(F, wrapper)


def uids(objects: Iterable[DbObject | str]) -> list[str]:
    """Ids of objects given as SDK objects or as id strings."""
    return [item if isinstance(item, str) else item._uid for item in objects]
