"""Base classes of SDK objects (`Project`, `Dataset`, ...) and their relationships.

SDK objects reach the server only through their client's gateway (`self._gateway`, see
`labelbox._gateway`): the generated operations, raw documents, downloads and uploads,
with errors mapped and responses validated in that one place.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from labelbox._text import find_text_problem
from labelbox.exceptions import InvalidAttributeError, LabelboxError, ResourceNotFoundError
from labelbox.orm.field import Field
from labelbox.orm.managers import RelationshipManager, ToOneManager
from labelbox.orm.model import register_type, registered_type

if TYPE_CHECKING:
    from pydantic import BaseModel

    from labelbox._gateway import Gateway
    from labelbox.client import Client

F = TypeVar("F", bound=Callable[..., Any])

_MODELS: dict[type[Any], type[BaseModel]] = {}


class DbObject:
    """An object stored on the server, holding its typed fields.

    `DbObject(client, field_values)` accepts the generated fragment model, a
    response of the entity's fragment, or a mapping keyed by GraphQL field names
    (`{"id": ..., "allowedMediaType": ...}`, as Labelbox's SDK took them).
    """

    _type_name: ClassVar[str]
    _data: BaseModel

    def __init__(self, client: Client, field_values: BaseModel | Mapping[str, Any]) -> None:
        self.client = client
        self._set_field_values(field_values)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if hasattr(cls, "_type_name"):
            register_type(cls._type_name, cls)

    @classmethod
    def registered_type(cls, type_name: str) -> type[DbObject]:
        """The SDK class for a GraphQL type name."""
        found: type[DbObject] = registered_type(type_name)
        return found

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
        """The client's gateway to the server: the one way an object reaches it.

        Objects an `AsyncClient` returned hold their fields only: their methods that call
        the server need a `Client`, so they raise instead of returning un-awaited coroutines.
        """
        gateway = self.client._gateway
        if getattr(gateway, "is_async", False):
            raise LabelboxError(
                f"This {type(self).__name__} came from an AsyncClient: its methods that call "
                "the server need a Client; use the AsyncClient's methods (e.g. "
                "`await client.update_project(project, ...)`)"
            )
        return gateway

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
            if not hasattr(values, "model_dump"):
                from labelbox.exceptions import ResponseValidationError

                raise ResponseValidationError(
                    f"Unexpected response to {self._type_name}: "
                    f"a {type(values).__name__}, not an object"
                )
            values = values.model_dump(by_alias=True)
        elif "uid" not in values:
            # Keyed by GraphQL field names (`id`, `allowedMediaType`), as the API has them.
            values = {
                field.name: values[field.graphql_name]
                for field in _fields_of(type(self)).values()
                if field.graphql_name in values
            }
        from labelbox._responses import parse_response

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


__all__ = [
    "BulkDeletable",
    "DbObject",
    "Deletable",
    "RelationshipManager",
    "ToOneManager",
    "Updateable",
    "experimental",
    "uids",
]


def uids(objects: Iterable[DbObject | str]) -> list[str]:
    """Ids of objects given as SDK objects or as id strings; `InvalidAttributeError` for
    anything else."""
    if isinstance(objects, (str, bytes, DbObject)) or not isinstance(objects, Iterable):
        raise InvalidAttributeError(
            DbObject, "objects", f"pass a list of objects or ids, not a {type(objects).__name__}"
        )
    found = []
    for item in objects:
        if isinstance(item, DbObject):
            found.append(item._uid)
        elif isinstance(item, str) and item and find_text_problem(item, "") is None:
            found.append(item)
        else:
            raise InvalidAttributeError(DbObject, "objects", f"not an object or an id: {item!r}")
    return found
