"""Turns filter expressions and orderings into the API's `where` / `orderBy` values."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
    if isinstance(expression, Comparison):
        field = expression.field
        if not entity.has_field(field):
            raise InvalidAttributeError(entity, field.name)
        clauses.append({f"{field.graphql_name}{expression.op.value}": expression.value})
        return
    if isinstance(expression, LogicalExpression) and expression.op is LogicalExpression.Op.AND:
        assert expression.second is not None
        _collect(expression.first, entity, clauses)
        _collect(expression.second, entity, clauses)
        return
    if isinstance(expression, LogicalExpression):
        raise InvalidQueryError("Currently only AND logical ops are allowed")
    raise InvalidQueryError(f"Not a filter expression: {expression!r}")


def order_by_input(order_by: OrderBy | None, entity: type[DbObject]) -> str | None:
    """The `orderBy` value (`<field>_ASC` / `<field>_DESC`) for an ordering on `entity`."""
    if order_by is None:
        return None
    field, order = order_by
    if not entity.has_field(field):
        raise InvalidAttributeError(entity, field.name)
    return f"{field.graphql_name}_{order.value}"
