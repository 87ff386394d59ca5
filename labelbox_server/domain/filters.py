"""Prisma-style `where` filters → SQLAlchemy conditions.

A `where` is a dict (already coerced by GraphQL, keys in Python names: `createdAt_gte`
arrives as `created_at_gte`) whose keys are:

* `and` / `or` / `not` (`AND` / `OR` / `NOT`): lists of nested `where` dicts (`not` negates
  the AND of its items);
* `<field>` (equals; `null` means IS NULL), `<field>_not` (not equal; `null` means IS NOT
  NULL; rows where the column is NULL count as "not equal"), `<field>_in`, `<field>_not_in`,
  `<field>_lt`, `<field>_lte`, `<field>_gt`, `<field>_gte`, `<field>_contains`,
  `<field>_starts_with`, `<field>_ends_with`.

Fields are mapped to columns by a `FieldMap` (attribute name → `FilterField`), derived from
the model by `model_fields`: every column, case-insensitive where the model says so, and a
relation per foreign-key column `<name>_id`: `<name>: {<where of the related model>}` (e.g.
`{data_row: {dataset: {id_in: [...]}}}` on labels) matches rows whose related row matches. String
comparisons are case-sensitive and by code point on both SQLite and PostgreSQL (see
`db.types.Str`); a `FilterField` with `case_insensitive=True` compares `lower()` of the column
with the value lowered the same way (ASCII letters only, as SQL `lower()` on both databases).
A `null` operand of any other operator adds no condition.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, func, inspect, literal, not_, or_, select, true
from sqlalchemy.sql.elements import SQLCoreOperations

from ..db.models import Base
from ..errors import MalformedRequest

_COMBINATORS = ("and", "or", "not")


@dataclass(frozen=True)
class FilterField:
    """A filterable (and sortable) field: its column and how strings compare. A relation
    (`related` set) filters by a nested `where` on the related model and does not sort."""

    column: SQLCoreOperations[Any]
    case_insensitive: bool = False
    related: type[Base] | None = None


FieldMap = Mapping[str, FilterField]


@functools.cache
def model_fields(model: type[Base]) -> FieldMap:
    """The filterable fields of a model: every column by attribute name, and a relation per
    foreign-key column named `<relation>_id`."""
    fields = {
        attribute.key: FilterField(
            getattr(model, attribute.key),
            case_insensitive=attribute.key in model.__case_insensitive__,
        )
        for attribute in inspect(model).column_attrs
    }
    models = {mapper.local_table: mapper.class_ for mapper in Base.registry.mappers}
    for attribute in inspect(model).column_attrs:
        foreign_keys = list(getattr(model, attribute.key).foreign_keys)
        name = attribute.key.removesuffix("_id")
        if name == attribute.key or len(foreign_keys) != 1 or name in fields:
            continue
        related = models.get(foreign_keys[0].column.table)
        if related is not None:
            fields[name] = FilterField(getattr(model, attribute.key), related=related)
    return fields


_Condition = ColumnElement[bool]
_Operator = Callable[[SQLCoreOperations[Any], Any], _Condition]


def _contains(column: SQLCoreOperations[Any], value: str) -> _Condition:
    # replace() is case-sensitive on both databases (LIKE is not, on SQLite).
    if value == "":
        return column.is_not(None)
    return func.replace(column, literal(value), literal("")) != column


def _starts_with(column: SQLCoreOperations[Any], value: str) -> _Condition:
    return func.substr(column, 1, len(value)) == literal(value)


def _ends_with(column: SQLCoreOperations[Any], value: str) -> _Condition:
    if value == "":
        return column.is_not(None)
    start = func.length(column) - len(value) + 1
    return and_(func.length(column) >= len(value), func.substr(column, start) == literal(value))


def _not_equal(column: SQLCoreOperations[Any], value: Any) -> _Condition:
    return or_(column != value, column.is_(None))


def _not_in(column: SQLCoreOperations[Any], values: Sequence[Any]) -> _Condition:
    if not values:
        return true()
    return or_(column.not_in(values), column.is_(None))


def _in(column: SQLCoreOperations[Any], values: Sequence[Any]) -> _Condition:
    return column.in_(values) if values else false()


_OPERATORS: dict[str, _Operator] = {
    "": lambda c, v: c == v,
    "_not": _not_equal,
    "_in": _in,
    "_not_in": _not_in,
    "_lt": lambda c, v: c < v,
    "_lte": lambda c, v: c <= v,
    "_gt": lambda c, v: c > v,
    "_gte": lambda c, v: c >= v,
    "_contains": _contains,
    "_starts_with": _starts_with,
    "_ends_with": _ends_with,
}
# Longest suffixes first so `name_not_in` is not read as `name_not` + `_in`.
_SUFFIXES = sorted((s for s in _OPERATORS if s), key=len, reverse=True)


def parse_key(key: str, fields: FieldMap) -> tuple[FilterField, str]:
    """The field and operator suffix a `where` key names, e.g. `name_lt` → (name, `_lt`)."""
    if key in fields:
        return fields[key], ""
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and key[: -len(suffix)] in fields:
            return fields[key[: -len(suffix)]], suffix
    raise MalformedRequest(f'Unknown filter field "{key}"')


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _lowered(value: Any) -> Any:
    """`value` lowered like SQL `lower()` on both databases (ASCII letters only)."""
    if isinstance(value, str):
        return value.translate(_ASCII_LOWER)
    if isinstance(value, list | tuple):
        return [_lowered(item) for item in value]
    return value


def _comparison(field: FilterField, suffix: str, value: Any) -> _Condition | None:
    if field.related is not None:
        return _related(field, suffix, value)
    if value is None:
        if suffix == "":
            return field.column.is_(None)
        if suffix == "_not":
            return field.column.is_not(None)
        return None
    column: SQLCoreOperations[Any] = field.column
    if field.case_insensitive:
        column = func.lower(column)
        value = _lowered(value)
    return _OPERATORS[suffix](column, value)


#: Most comparisons one `where` may hold: SQLite parses a chain of conditions as a tree as deep
#: as the chain is long, and refuses trees deeper than 1,000.
MAX_CONDITIONS = 500


def _count(where: Any) -> int:
    if not isinstance(where, Mapping):
        return 0
    total = 0
    for key, value in where.items():
        if key in _COMBINATORS:
            total += sum(_count(item) for item in value or [])
        else:
            total += 1
    return total


def _related(field: FilterField, suffix: str, value: Any) -> _Condition | None:
    """`<relation>: {where}`: the related row (by foreign key) matches `where`."""
    assert field.related is not None
    if suffix != "" or not isinstance(value, Mapping):
        raise MalformedRequest("A relation filter takes a nested where object")
    related = field.related
    matching = select(inspect(related).primary_key[0]).where(
        _condition(value, model_fields(related))
    )
    return field.column.in_(matching)


def build_condition(where: Mapping[str, Any] | None, fields: FieldMap) -> _Condition:
    """The SQL condition for `where` (true when `where` is empty or None); more than
    `MAX_CONDITIONS` comparisons are a `MALFORMED_REQUEST`."""
    if not where:
        return true()
    count = _count(where)
    if count > MAX_CONDITIONS:
        raise MalformedRequest(
            f"where has {count} comparisons; at most {MAX_CONDITIONS} are allowed"
        )
    return _condition(where, fields)


def _condition(where: Mapping[str, Any] | None, fields: FieldMap) -> _Condition:
    if not where:
        return true()
    conditions: list[_Condition] = []
    for key, value in where.items():
        if key in _COMBINATORS:
            items = [_condition(item, fields) for item in value or []]
            if key == "and":
                conditions.extend(items)
            elif key == "or":
                conditions.append(or_(*items) if items else true())
            elif items:
                conditions.append(not_(and_(*items)))
            continue
        field, suffix = parse_key(key, fields)
        condition = _comparison(field, suffix, value)
        if condition is not None:
            conditions.append(condition)
    return and_(true(), *conditions)


def mentions(where: Mapping[str, Any] | None, field: str) -> bool:
    """Whether `where` (at any depth) filters on `field` with any operator."""
    if not where:
        return False
    for key, value in where.items():
        if key in _COMBINATORS:
            if any(mentions(item, field) for item in value or []):
                return True
        elif key == field or (key.startswith(field + "_") and key[len(field) :] in _OPERATORS):
            return True
    return False
