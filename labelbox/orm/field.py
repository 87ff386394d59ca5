"""`Field[T]`: a typed field of an SDK object.

On an instance it gives the server value as `T` (`project.name: str`); on the class it
gives the field itself, which builds filters (`Project.name == "x"`) and orderings
(`DataRow.external_id.asc`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from labelbox.orm.comparison import Comparison

if TYPE_CHECKING:
    from pydantic import BaseModel

T = TypeVar("T")


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
        data = instance._data  # type: ignore[attr-defined]
        try:
            value = getattr(data, self.name)
        except AttributeError:
            # ariadne-codegen appends `_` to names that shadow a builtin (`filter` → `filter_`)
            value = getattr(data, f"{self.name}_")
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
