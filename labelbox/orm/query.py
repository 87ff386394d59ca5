"""Turns filter expressions and orderings into the API's `where` / `orderBy` values."""

from __future__ import annotations

import enum
import math
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

from labelbox._text import text_problem
from labelbox.exceptions import InvalidAttributeError, InvalidQueryError
from labelbox.orm.comparison import Comparison, LogicalExpression, LogicalExpressionComponent
from labelbox.orm.field import Field

if TYPE_CHECKING:
    from labelbox.orm.db_object import DbObject

OrderBy = tuple[Field[Any], Field.Order]


def where_input(
    where: LogicalExpressionComponent | None,
    entity: type[DbObject],
    *,
    filter_deleted: bool = False,
    flat: bool = False,
) -> dict[str, Any] | None:
    """The `where` value for a filter on `entity`.

    Like Labelbox's SDK, only `&` is accepted (`InvalidQueryError` otherwise),
    and every field must belong to `entity` (`InvalidAttributeError`).
    With `filter_deleted`, `{deleted: false}` is added. With `flat`, the
    filter must be equalities on distinct fields, merged into one object.
    """
    clauses: list[dict[str, Any]] = []
    if where is not None:
        _collect(where, entity, clauses)
    if filter_deleted:
        clauses.append({"deleted": False})
    if not clauses:
        return None
    if flat:
        return _flatten(clauses)
    if len(clauses) == 1:
        return clauses[0]
    return {"AND": clauses}


def _flatten(clauses: list[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for clause in clauses:
        for key, value in clause.items():
            if "_" in key or key in merged:
                raise InvalidQueryError(
                    f"Only equality filters on distinct fields are supported here, not {key!r}"
                )
            merged[key] = value
    return merged


def _collect(
    expression: LogicalExpressionComponent,
    entity: type[DbObject],
    clauses: list[dict[str, Any]],
) -> None:
    # Iterative, left to right: a chain of thousands of `&` is as fine as one.
    pending: list[Any] = [expression]
    while pending:
        current = pending.pop()
        if isinstance(current, Comparison):
            field = current.field
            if not isinstance(field, Field) or not entity.has_field(field):
                raise InvalidAttributeError(entity, getattr(field, "name", repr(field)))
            value = filter_value(current.value, entity, field)
            clauses.append({f"{field.graphql_name}{current.op.value}": value})
        elif isinstance(current, LogicalExpression) and current.op is LogicalExpression.Op.AND:
            if current.second is None:
                raise InvalidQueryError("An AND filter needs two sides")
            pending.extend((current.second, current.first))
        elif isinstance(current, LogicalExpression):
            raise InvalidQueryError("Currently only AND logical ops are allowed")
        else:
            raise InvalidQueryError(
                f"Not a filter expression: a {type(current).__name__} "
                "(use comparisons of fields, e.g. Project.name == 'x', joined by &)"
            )


#: Integers a filter may compare with: what JSON numbers carry exactly.
MAX_FILTER_INT = 2**53


def filter_value(value: Any, entity: type[DbObject], field: Field[Any]) -> Any:
    """`value` as it can be sent in a filter on `field`; `InvalidQueryError` naming the
    field when it cannot (bytes, objects, NaN, a datetime without a UTC time, text that is
    not valid Unicode, an integer beyond 2**53)."""

    def invalid(reason: str) -> InvalidQueryError:
        return InvalidQueryError(f"where: {entity.__name__}.{field.name}: {reason}")

    if isinstance(value, enum.Enum):
        value = value.value
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        problem = text_problem(value, nul=True)
        if problem:
            raise invalid(f"the value {problem}")
        return value
    if isinstance(value, int):
        if abs(value) > MAX_FILTER_INT:
            raise invalid("the integer is beyond what a filter compares (at most 2**53)")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise invalid(f"{value} is not a number a filter compares")
        return value
    if isinstance(value, datetime):
        try:
            value.astimezone(timezone.utc)
        except (OverflowError, ValueError) as error:
            raise invalid(f"{value!r} has no time in UTC ({error})") from None
        return value
    if isinstance(value, date):
        return value
    raise invalid(
        f"a {type(value).__name__} is not a filter value "
        "(use a string, number, bool, datetime, date or enum)"
    )


def order_by_input(order_by: OrderBy | None, entity: type[DbObject]) -> str | None:
    """The `orderBy` value (`<field>_ASC` / `<field>_DESC`) for an ordering on `entity`."""
    if order_by is None:
        return None
    if not (
        isinstance(order_by, tuple)
        and len(order_by) == 2
        and isinstance(order_by[0], Field)
        and isinstance(order_by[1], Field.Order)
    ):
        raise InvalidQueryError(
            f"order_by must be a field's .asc or .desc (e.g. DataRow.external_id.asc), "
            f"not a {type(order_by).__name__}"
        )
    field, order = order_by
    if not entity.has_field(field):
        raise InvalidAttributeError(entity, field.name)
    return f"{field.graphql_name}_{order.value}"
