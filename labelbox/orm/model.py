"""Typed fields and relationships of SDK objects, and the registry of SDK object types.

`Field[T]` (see `labelbox.orm.field`) is a descriptor: on an instance it gives the server
value as `T` (`project.name: str`); on the class it gives the field itself, which builds
filters (`Project.name == "x"`) and orderings (`DataRow.external_id.asc`).
Relationships work the same way: `project.datasets()` lists, and
`Project.datasets` is the relationship description.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from labelbox.orm.field import Field, as_json, each
from labelbox.orm.managers import RelationshipManager, RequiredToOneManager, ToOneManager

if TYPE_CHECKING:
    from labelbox.orm.db_object import DbObject

D = TypeVar("D", bound="DbObject")

__all__ = [
    "D",
    "Entity",
    "EntityMeta",
    "Field",
    "Relationship",
    "RequiredToOne",
    "ToMany",
    "ToOne",
    "as_json",
    "each",
]

_TYPES: dict[str, type[Any]] = {}


def register_type(type_name: str, cls: type[Any]) -> None:
    """Record the SDK class of a GraphQL type (done by `DbObject` for each subclass)."""
    _TYPES[type_name] = cls


def registered_type(type_name: str) -> type[DbObject]:
    """The SDK class of a GraphQL type name (`KeyError` if there is none)."""
    return _TYPES[type_name]


class Relationship(Generic[D]):
    """A relationship to objects of type `destination`, read by one generated operation.

    Relationships are generated from the operations in `queries/` (see
    `codegen/plugins/relationships.py`): `operation` is the generated client's method,
    `path` the attributes from its result to the related object(s), `graphql_name` the
    relationship's field in the schema, `variables` the arguments the operation takes
    besides the source's `id` (`source_id`). A `cached` relationship has no operation: the
    source's fragment selects the related object, which `path` reads from the source's
    own data.
    """

    class Type(enum.Enum):
        ToOne = "ToOne"
        ToMany = "ToMany"

    relationship_type: Relationship.Type

    def __init__(
        self,
        destination: str,
        operation: str | None,
        path: Sequence[str | int],
        *,
        graphql_name: str,
        variables: Sequence[str] = (),
        source_id: bool = True,
        connect: str | None = None,
        disconnect: str | None = None,
        cached: bool = False,
    ) -> None:
        self.destination_type_name = destination
        self.operation = operation
        self.path = tuple(path)
        self.graphql_name = graphql_name
        self.variables = frozenset(variables)
        self.source_id = source_id
        self.connect_operation = connect
        self.disconnect_operation = disconnect
        self.cached = cached
        self.name = ""
        self.owner: type[Any] | None = None

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name
        self.owner = owner

    @property
    def destination_type(self) -> type[D]:
        return registered_type(self.destination_type_name)  # type: ignore[return-value]

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
        operation: str | None,
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
        return ToOneManager(instance, self)


class RequiredToOne(ToOne[D]):
    """A to-one relationship the schema makes non-null (`dataRow: DataRow!`): `obj.rel()`
    gives the related object, typed without None."""

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> RequiredToOne[D]: ...

    @overload
    def __get__(self, instance: DbObject, owner: type[Any]) -> RequiredToOneManager[D]: ...

    def __get__(
        self, instance: DbObject | None, owner: type[Any]
    ) -> RequiredToOne[D] | RequiredToOneManager[D]:
        if instance is None:
            return self
        return RequiredToOneManager(instance, self)


class EntityMeta(type):
    """Gives `Entity.<TypeName>` for every SDK object type."""

    def __getattr__(cls, name: str) -> type[DbObject]:
        try:
            return registered_type(name)
        except KeyError:
            raise AttributeError(name) from None


class Entity(metaclass=EntityMeta):
    """Every SDK object type by name: `Entity.Project is labelbox.Project`."""
