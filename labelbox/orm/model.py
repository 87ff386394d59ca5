"""Typed fields and relationships of SDK objects.

`Field[T]` is a descriptor: on an instance it gives the server value as `T`
(`project.name: str`); on the class it gives the field itself, which builds
filters (`Project.name == "x"`) and orderings (`DataRow.external_id.asc`).
Relationships work the same way: `project.datasets()` lists, and
`Project.datasets` is the relationship description.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from labelbox.orm.comparison import Comparison

if TYPE_CHECKING:
    from pydantic import BaseModel

    from labelbox.orm.db_object import DbObject, RelationshipManager, ToOneManager

T = TypeVar("T")
D = TypeVar("D", bound="DbObject")


def each(decode: Callable[[Any], Any]) -> Callable[[list[Any]], list[Any]]:
    """A decoder for lists, applying `decode` to every item."""
    return lambda values: [decode(value) for value in values]


def as_json(value: BaseModel) -> Any:
    """A nested response object as plain JSON (camelCase keys), as the API sent it."""
    return value.model_dump(by_alias=True, mode="json")


class Field(Generic[T]):
    """A typed field of an SDK object, named `name` in Python and `graphql_name` on the wire."""

    class Order(enum.Enum):
        Asc = "ASC"
        Desc = "DESC"

    def __init__(self, graphql_name: str, decode: Callable[[Any], Any] | None = None) -> None:
        self.graphql_name = graphql_name
        self.name = graphql_name
        self.owner: type[Any] | None = None
        self._decode = decode

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name
        self.owner = owner

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> Field[T]: ...

    @overload
    def __get__(self, instance: object, owner: type[Any]) -> T: ...

    def __get__(self, instance: object | None, owner: type[Any]) -> Field[T] | T:
        if instance is None:
            return self
        value = getattr(instance._data, self.name)  # type: ignore[attr-defined]
        if value is not None and self._decode is not None:
            return self._decode(value)  # type: ignore[no-any-return]
        return value  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        owner = self.owner.__name__ if self.owner else "?"
        return f"<Field {owner}.{self.name}>"

    # Comparisons build filters instead of booleans.
    def __eq__(self, other: object) -> Comparison:  # type: ignore[override]
        return Comparison(Comparison.Op.EQ, self, other)

    def __ne__(self, other: object) -> Comparison:  # type: ignore[override]
        return Comparison(Comparison.Op.NE, self, other)

    def __lt__(self, other: T) -> Comparison:
        return Comparison(Comparison.Op.LT, self, other)

    def __gt__(self, other: T) -> Comparison:
        return Comparison(Comparison.Op.GT, self, other)

    def __le__(self, other: T) -> Comparison:
        return Comparison(Comparison.Op.LE, self, other)

    def __ge__(self, other: T) -> Comparison:
        return Comparison(Comparison.Op.GE, self, other)

    __hash__ = object.__hash__

    @property
    def asc(self) -> tuple[Field[T], Field.Order]:
        """Ascending order on this field, for `order_by=`."""
        return (self, Field.Order.Asc)

    @property
    def desc(self) -> tuple[Field[T], Field.Order]:
        """Descending order on this field, for `order_by=`."""
        return (self, Field.Order.Desc)


class Relationship(Generic[D]):
    """A relationship to objects of type `destination`, read by one generated operation.

    Relationships are generated from the operations in `queries/` (see
    `codegen/plugins/relationships.py`): `operation` is the generated client's method,
    `path` the attributes from its result to the related object(s), `graphql_name` the
    relationship's field in the schema, `variables` the arguments the operation takes
    besides the source's `id` (`source_id`).
    """

    class Type(enum.Enum):
        ToOne = "ToOne"
        ToMany = "ToMany"

    relationship_type: Relationship.Type

    def __init__(
        self,
        destination: str,
        operation: str,
        path: Sequence[str | int],
        *,
        graphql_name: str,
        variables: Sequence[str] = (),
        source_id: bool = True,
        connect: str | None = None,
        disconnect: str | None = None,
    ) -> None:
        self.destination_type_name = destination
        self.operation = operation
        self.path = tuple(path)
        self.graphql_name = graphql_name
        self.variables = frozenset(variables)
        self.source_id = source_id
        self.connect_operation = connect
        self.disconnect_operation = disconnect
        self.name = ""
        self.owner: type[Any] | None = None

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name
        self.owner = owner

    @property
    def destination_type(self) -> type[D]:
        from labelbox.orm.db_object import DbObject

        return DbObject.registered_type(self.destination_type_name)  # type: ignore[return-value]

    def __repr__(self) -> str:
        owner = self.owner.__name__ if self.owner else "?"
        return f"<Relationship {owner}.{self.name} -> {self.destination_type_name}>"


class ToMany(Relationship[D]):
    """A to-many relationship: `obj.rel(where=..., order_by=...)` pages through it.

    With `filter_deleted`, soft-deleted objects are left out. With `cursor_path`
    (the path of the next-page cursor in a result), pages follow the cursor
    instead of offsets, and `where` is sent as one flat object of equalities.
    """

    relationship_type = Relationship.Type.ToMany

    def __init__(
        self,
        destination: str,
        operation: str,
        path: Sequence[str | int],
        *,
        graphql_name: str,
        variables: Sequence[str] = (),
        source_id: bool = True,
        filter_deleted: bool = False,
        cursor_path: Sequence[str | int] | None = None,
        page_size: int | None = None,
        connect: str | None = None,
        disconnect: str | None = None,
    ) -> None:
        super().__init__(
            destination,
            operation,
            path,
            graphql_name=graphql_name,
            variables=variables,
            source_id=source_id,
            connect=connect,
            disconnect=disconnect,
        )
        self.filter_deleted = filter_deleted
        self.cursor_path = tuple(cursor_path) if cursor_path is not None else None
        self.page_size = page_size

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> ToMany[D]: ...

    @overload
    def __get__(self, instance: DbObject, owner: type[Any]) -> RelationshipManager[D]: ...

    def __get__(
        self, instance: DbObject | None, owner: type[Any]
    ) -> ToMany[D] | RelationshipManager[D]:
        if instance is None:
            return self
        from labelbox.orm.db_object import RelationshipManager

        return RelationshipManager(instance, self)


class ToOne(Relationship[D]):
    """A to-one relationship: `obj.rel()` gives the related object, or None."""

    relationship_type = Relationship.Type.ToOne

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> ToOne[D]: ...

    @overload
    def __get__(self, instance: DbObject, owner: type[Any]) -> ToOneManager[D]: ...

    def __get__(self, instance: DbObject | None, owner: type[Any]) -> ToOne[D] | ToOneManager[D]:
        if instance is None:
            return self
        from labelbox.orm.db_object import ToOneManager

        return ToOneManager(instance, self)


class EntityMeta(type):
    """Gives `Entity.<TypeName>` for every SDK object type."""

    def __getattr__(cls, name: str) -> type[DbObject]:
        from labelbox.orm.db_object import DbObject

        try:
            return DbObject.registered_type(name)
        except KeyError:
            raise AttributeError(name) from None


class Entity(metaclass=EntityMeta):
    """Every SDK object type by name: `Entity.Project is labelbox.Project`."""
