"""Keyword arguments of `create_*(**kwargs)` / `update(**kwargs)` → the schema's input model.

Each entity base generated from the schema carries an `InputSpec` per input type it can be
created or updated with: how Python names map to GraphQL names, which arguments are
relations (`projects=project` → `{connect: [{id: ...}]}`), and how to load the input model
(lazily, so importing the SDK builds no pydantic model).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from labelbox._text import find_text_problem
from labelbox.exceptions import InvalidAttributeError

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound="BaseModel")


@dataclass(frozen=True)
class InputSpec(Generic[M]):
    """How keyword arguments become input model `M`.

    `fields` maps Python names to GraphQL names; `relations` maps relation arguments to
    (GraphQL name, to-many).
    """

    load: Callable[[], type[M]]
    fields: Mapping[str, str]
    relations: Mapping[str, tuple[str, bool]]

    def build(self, owner: type[Any], kwargs: Mapping[str, Any]) -> M:
        """Validate `kwargs` into the input model.

        Unknown names and values of the wrong type raise `InvalidAttributeError`
        naming the field and the reason, before anything is sent.
        """
        from pydantic import ValidationError

        unknown = [
            name for name in kwargs if name not in self.fields and name not in self.relations
        ]
        if unknown:
            raise InvalidAttributeError(owner, unknown, "unknown field")
        problem = find_text_problem(dict(kwargs), "")
        if problem is not None:
            name, _, rest = problem[0].lstrip(".").partition(".")
            raise InvalidAttributeError(owner, name, f"{rest + ': ' if rest else ''}{problem[1]}")
        data: dict[str, Any] = {}
        for name, value in kwargs.items():
            if name in self.fields:
                data[self.fields[name]] = value.value if isinstance(value, enum.Enum) else value
            else:
                graphql_name, many = self.relations[name]
                data[graphql_name] = connect_input(owner, name, value, many)
        try:
            return self.load().model_validate(data)
        except ValidationError as error:
            raise _invalid_attribute(owner, error, self.fields) from None


def connect_input(owner: type[Any], name: str, value: Any, many: bool) -> Any:
    """`{connect: {id}}` (or a list of them) for objects or ids given as a relation."""
    from labelbox.orm.db_object import DbObject

    items = list(value) if isinstance(value, list | tuple | set) else [value]
    ids = []
    for item in items:
        if isinstance(item, DbObject):
            ids.append(item._uid)
        elif isinstance(item, str) and item and find_text_problem(item, "") is None:
            ids.append(item)
        else:
            raise InvalidAttributeError(owner, name, f"expected an object or an id, got {item!r}")
    if many:
        return {"connect": [{"id": uid} for uid in ids]}
    if len(ids) != 1:
        raise InvalidAttributeError(owner, name, "expected exactly one object")
    return {"connect": {"id": ids[0]}}


def _invalid_attribute(
    owner: type[Any], error: ValidationError, fields: Mapping[str, str]
) -> InvalidAttributeError:
    python_names = {graphql: python for python, graphql in fields.items()}
    first = error.errors()[0]
    location = first.get("loc", ())
    graphql_name = str(location[0]) if location else "?"
    name = python_names.get(graphql_name, graphql_name)
    return InvalidAttributeError(owner, name, first.get("msg", "invalid value"))
