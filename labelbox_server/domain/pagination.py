"""Lists: filter, hide soft-deleted rows, order and page a SELECT (`where`, `skip`, `first`,
`orderBy`).

* `first` defaults to 100 and must be 1..100 (larger → `MALFORMED_REQUEST`
  "first must be between 1 and 100"); `skip` defaults to 0 and must not be negative.
* `orderBy` is `<field>_ASC` or `<field>_DESC` (the field by attribute name, e.g.
  `created_at_ASC`); without it, lists are ordered by creation time.
  The id always breaks ties, so pages are stable. NULLs sort first ascending, last descending,
  on every database.
* Soft-deleted rows: a list (root list fields and to-many relationships alike) includes
  soft-deleted rows only when its `where` mentions `deleted` (at any depth, with any operator,
  e.g. `{deleted: true}`); otherwise they are left out. The official SDK adds
  `{deleted: false}` itself to most lists, but not to every relationship (`User.projects`,
  `Organization.users`), and a deleted object must not show up anywhere by default.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func
from sqlalchemy.sql.elements import SQLCoreOperations

from ..db.models import Base
from ..errors import MalformedRequest
from .filters import FieldMap, build_condition, mentions, model_fields

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 100

_S = TypeVar("_S", bound=Select[Any])


@dataclass(frozen=True)
class ListArgs:
    """The arguments of a list field."""

    where: Mapping[str, Any] | None = None
    skip: int | None = None
    first: int | None = None
    order_by: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, Any]) -> ListArgs:
        """From resolver keyword arguments (`where`, `skip`, `first`, `order_by`)."""
        return cls(
            where=args.get("where"),
            skip=args.get("skip"),
            first=args.get("first"),
            order_by=args.get("order_by"),
        )


def order_clauses(
    order_by: str | None,
    fields: FieldMap,
    *,
    default: Sequence[SQLCoreOperations[Any]],
    tiebreak: SQLCoreOperations[Any],
) -> list[ColumnElement[Any]]:
    """ORDER BY clauses for `order_by` (or `default` ascending), ending with `tiebreak`."""
    if order_by is None:
        return [*(column.asc() for column in default), tiebreak.asc()]
    name, _, direction = order_by.rpartition("_")
    if name not in fields or fields[name].related is not None or direction not in ("ASC", "DESC"):
        raise MalformedRequest(f'Unknown orderBy value "{order_by}"')
    field = fields[name]
    column: SQLCoreOperations[Any] = (
        func.lower(field.column) if field.case_insensitive else field.column
    )
    if direction == "ASC":
        return [column.asc().nulls_first(), tiebreak.asc()]
    return [column.desc().nulls_last(), tiebreak.desc()]


def page(stmt: _S, skip: int | None, first: int | None) -> _S:
    """`stmt` limited to one page."""
    skip = 0 if skip is None else skip
    first = DEFAULT_PAGE_SIZE if first is None else first
    if skip < 0:
        raise MalformedRequest("skip must not be negative")
    if not 1 <= first <= MAX_PAGE_SIZE:
        raise MalformedRequest(f"first must be between 1 and {MAX_PAGE_SIZE}")
    return stmt.offset(skip).limit(first)


def apply_list_args(
    stmt: _S,
    args: ListArgs,
    model: type[Base],
    *,
    default_order: Sequence[SQLCoreOperations[Any]],
) -> _S:
    """`stmt` (a SELECT of `model`) filtered by `args.where` (and the soft-delete rule, for
    models with a `deleted` column), ordered (the id breaks ties) and paged."""
    fields = model_fields(model)
    if "deleted" in fields and not mentions(args.where, "deleted"):
        stmt = stmt.where(fields["deleted"].column.is_(False))
    if args.where:
        stmt = stmt.where(build_condition(args.where, fields))
    stmt = stmt.order_by(
        *order_clauses(args.order_by, fields, default=default_order, tiebreak=fields["id"].column)
    )
    return page(stmt, args.skip, args.first)
