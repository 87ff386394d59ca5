"""Shared list logic: filter, hide soft-deleted rows, order and page a SELECT.

Soft-deleted rows: a list (root list fields and to-many relationships alike) includes
soft-deleted rows only when its `where` mentions `deleted` (at any depth, with any operator,
e.g. `{deleted: true}`); otherwise they are left out. The official SDK adds
`{deleted: false}` itself to most lists, but not to every relationship (`User.projects`,
`Organization.users`), and a deleted object must not show up anywhere by default.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.sql.elements import SQLCoreOperations

from ..db.models import Base
from .filters import build_condition, mentions, model_fields
from .pagination import ListArgs, order_clauses, page

_S = TypeVar("_S", bound=Select[Any])


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
