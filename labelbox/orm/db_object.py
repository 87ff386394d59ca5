"""Base classes of SDK objects (`Project`, `Dataset`, ...) and their relationships."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError

from labelbox.exceptions import (
    InvalidAttributeError,
    InvalidQueryError,
    LabelboxError,
    ResourceNotFoundError,
)
from labelbox.orm.model import D, Field, ToMany, ToOne
from labelbox.orm.query import OrderBy, order_by_input, where_input
from labelbox.pagination import PaginatedCollection, follow_path

if TYPE_CHECKING:
    from labelbox.client import Client
    from labelbox.orm.comparison import LogicalExpressionComponent

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound=BaseModel)


class DbObject:
    """An object stored on the server, holding its typed fields.

    `DbObject(client, field_values)` accepts the generated fragment model, a
    response of the entity's fragment, or a mapping keyed by GraphQL field names
    (`{"id": ..., "allowedMediaType": ...}`, as Labelbox's SDK took them).
    """

    _registry: ClassVar[dict[str, type[DbObject]]] = {}
    _type_name: ClassVar[str]
    _fields_model: ClassVar[type[BaseModel]]
    _data: BaseModel

    def __init__(self, client: Client, field_values: BaseModel | Mapping[str, Any]) -> None:
        self.client = client
        self._set_field_values(field_values)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "_type_name" in vars(cls) or hasattr(cls, "_type_name"):
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

    def _set_field_values(self, values: BaseModel | Mapping[str, Any]) -> None:
        if isinstance(values, self._fields_model):
            self._data = values
            return
        if isinstance(values, BaseModel):
            values = values.model_dump(by_alias=True)
            self._data = self._fields_model.model_validate(values)
            return
        if "uid" not in values:
            # Keyed by GraphQL field names (`id`, `allowedMediaType`), as the API has them.
            values = {
                field.name: values[field.graphql_name]
                for field in _fields_of(type(self)).values()
                if field.graphql_name in values
            }
        self._data = self._fields_model.model_validate(values)

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

    # -- create / update input --------------------------------------------------

    @classmethod
    def _input_from(
        cls,
        kwargs: Mapping[str, Any],
        model: type[M],
        fields: Mapping[str, str],
        relations: Mapping[str, tuple[str, bool]] | None = None,
    ) -> M:
        """Validate keyword arguments into the schema's input model.

        Unknown names and values of the wrong type raise `InvalidAttributeError`
        naming the field and the reason, before anything is sent.
        """
        relations = relations or {}
        unknown = [name for name in kwargs if name not in fields and name not in relations]
        if unknown:
            raise InvalidAttributeError(cls, unknown, "unknown field")
        data: dict[str, Any] = {}
        for name, value in kwargs.items():
            if name in fields:
                data[fields[name]] = value.value if isinstance(value, enum.Enum) else value
            else:
                graphql_name, many = relations[name]
                data[graphql_name] = _connect_input(cls, name, value, many)
        try:
            return model.model_validate(data)
        except ValidationError as error:
            raise _invalid_attribute(cls, error, fields) from None

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


def _connect_input(cls: type[Any], name: str, value: Any, many: bool) -> Any:
    items = list(value) if isinstance(value, (list, tuple, set)) else [value]
    ids = []
    for item in items:
        if isinstance(item, DbObject):
            ids.append(item._uid)
        elif isinstance(item, str):
            ids.append(item)
        else:
            raise InvalidAttributeError(cls, name, f"expected an object or an id, got {item!r}")
    if many:
        return {"connect": [{"id": uid} for uid in ids]}
    if len(ids) != 1:
        raise InvalidAttributeError(cls, name, "expected exactly one object")
    return {"connect": {"id": ids[0]}}


def _invalid_attribute(
    cls: type[Any], error: ValidationError, fields: Mapping[str, str]
) -> InvalidAttributeError:
    python_names = {graphql: python for python, graphql in fields.items()}
    first = error.errors()[0]
    location = first.get("loc", ())
    graphql_name = str(location[0]) if location else "?"
    name = python_names.get(graphql_name, graphql_name)
    return InvalidAttributeError(cls, name, first.get("msg", "invalid value"))


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
        variables: dict[str, Any] = {}
        if relationship.source_id:
            variables["id"] = self.source._uid
        where_value = where_input(
            where,
            destination,
            filter_deleted=relationship.filter_deleted,
            flat=relationship.cursor_path is not None,
        )
        if where_value is not None:
            variables["where"] = where_value
        order_value = order_by_input(order_by, destination)
        if order_value is not None:
            variables["orderBy"] = order_value
        return PaginatedCollection(
            self.source.client,
            relationship.query,
            variables,
            relationship.path,
            destination,
            cursor_path=relationship.cursor_path,
            page_size=relationship.page_size,
        )

    def connect(self, other: DbObject) -> None:
        """Relate `other` to this object."""
        self._change(self.relationship.connect_query, other, "connect")

    def disconnect(self, other: DbObject) -> None:
        """Remove `other` from this relationship."""
        self._change(self.relationship.disconnect_query, other, "disconnect")

    def _change(self, query: str | None, other: DbObject, verb: str) -> None:
        if query is None:
            raise InvalidQueryError(f"{self.relationship!r} does not support {verb}")
        self.source.client._run(query, {"id": self.source._uid, "otherId": other._uid})


class ToOneManager(Generic[D]):
    """A to-one relationship of one object: call it for the related object, or None."""

    def __init__(self, source: DbObject, relationship: ToOne[D]) -> None:
        self.source = source
        self.relationship = relationship

    def __call__(self) -> D | None:
        relationship = self.relationship
        data: Any = self.source.client._run(relationship.query, {"id": self.source._uid})
        value = follow_path(data, relationship.path)
        if value is None:
            return None
        return relationship.destination_type(self.source.client, value)

    def connect(self, other: DbObject) -> None:
        """Make `other` the related object."""
        query = self.relationship.connect_query
        if query is None:
            raise InvalidQueryError(f"{self.relationship!r} does not support connect")
        self.source.client._run(query, {"id": self.source._uid, "otherId": other._uid})

    def disconnect(self, other: DbObject | None = None) -> None:
        """Clear the relationship."""
        query = self.relationship.disconnect_query
        if query is None:
            raise InvalidQueryError(f"{self.relationship!r} does not support disconnect")
        self.source.client._run(query, {"id": self.source._uid})


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
