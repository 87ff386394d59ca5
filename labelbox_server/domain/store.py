"""Rows of the caller's organization: scoped lookups and selects, and column writes.

The bottom of the domain (it imports no other domain module but `context`): every object a
caller reaches goes through here, so another organization's ids behave exactly like missing
ids. `find` / `get` look one row up by id (soft-deleted rows count as missing unless
`deleted=True`), `find_many` many ids at once, `scoped` starts a SELECT limited to the
caller's organization. Rows of `OrganizationShared` models with no organization (e.g. the
reserved metadata schemas) are visible to everyone. A project-based caller (see
`context.Caller`) sees, of the projects and of every row that belongs to a project (a model
with a `project_id` column: labels, reviews, webhooks, ...), only those of the projects they
are a member of. `rows` runs a list's SELECT into plain Core rows (no ORM
objects). `set_columns` copies input fields onto columns of the same name.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import ColumnElement, Label, Row, Select, Table, and_, inspect, or_, select
from sqlalchemy.orm import Session

from ..db.id_reads import id_reads
from ..db.models import Base, OrganizationOwned, OrganizationShared, Project
from ..errors import ResourceNotFound
from .context import Caller

_Row = TypeVar("_Row", bound=OrganizationOwned | OrganizationShared)
#: Ids per `IN (...)` lookup.
CHUNK = 500


def project_key(model: type[Any]) -> str | None:
    """The attribute naming the project a model's rows belong to (`id` for projects,
    `project_id` for rows of a project), or None."""
    if model is Project:
        return "id"
    if isinstance(model, type) and issubclass(model, Base) and "project_id" in column_names(model):
        return "project_id"
    return None


def _visible(row: Any, model: type[Any], caller: Caller, deleted: bool) -> bool:
    if row.organization_id != caller.organization_id and not (
        row.organization_id is None and issubclass(model, OrganizationShared)
    ):
        return False
    key = project_key(model) if caller.project_roles is not None else None
    if key is not None and getattr(row, key) not in (caller.project_roles or {}):
        return False
    return deleted or not getattr(row, "deleted", False)


def in_scope(caller: Caller, model: type[_Row]) -> ColumnElement[bool]:
    """The condition `model`'s rows the caller may see meet (soft-deleted rows included)."""
    if issubclass(model, OrganizationShared):
        return or_(model.organization_id.is_(None), model.organization_id == caller.organization_id)
    condition = model.organization_id == caller.organization_id
    if caller.project_roles is not None and (key := project_key(model)) is not None:
        condition = and_(condition, getattr(model, key).in_(list(caller.project_roles)))
    return condition


def type_name(model: type[Any]) -> str:
    """The GraphQL type a model backs (its class name if it backs none), for messages."""
    types: tuple[str, ...] = getattr(model, "__graphql_types__", ())
    return types[0] if types else model.__name__


def find(
    session: Session,
    caller: Caller,
    model: type[_Row],
    row_id: str | None,
    *,
    deleted: bool = False,
) -> _Row | None:
    """The caller's row with this id; None if there is none, it belongs to another
    organization, or it is soft-deleted (unless `deleted`). In a read session the row is a
    read-only named tuple of the model's columns (see `db.id_reads`), else an ORM object."""
    if not row_id:
        return None
    reads = None if _ORM_ROWS.get() else id_reads(session)
    row = reads.get(model, row_id) if reads is not None else session.get(model, row_id)
    if row is None or not _visible(row, model, caller, deleted):
        return None
    return cast(_Row, row)


def get(
    session: Session,
    caller: Caller,
    model: type[_Row],
    row_id: str,
    *,
    deleted: bool = False,
    name: str | None = None,
) -> _Row:
    """Like `find`, but raises `RESOURCE_NOT_FOUND` (`<name> with id "..." not found`)."""
    row = find(session, caller, model, row_id, deleted=deleted)
    if row is None:
        raise ResourceNotFound.for_id(name or type_name(model), row_id)
    return row


def find_many(
    session: Session,
    caller: Caller,
    model: type[_Row],
    row_ids: Iterable[str],
    *,
    deleted: bool = False,
) -> dict[str, _Row]:
    """The caller's rows among `row_ids`, by id (missing, foreign and, unless `deleted`,
    soft-deleted ones left out).

    Rows are looked up by primary key alone and filtered afterwards: with the organization in
    the WHERE clause, SQLite's planner prefers the (organization, ...) indexes and scans
    every row of the organization.
    """
    wanted = list(dict.fromkeys(row_ids))
    found: dict[str, _Row] = {}
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        for row in session.scalars(select(model).where(model.id.in_(chunk))):
            if _visible(row, model, caller, deleted):
                found[row.id] = row
    return found


def scoped(caller: Caller, model: type[_Row]) -> Select[_Row]:
    """`SELECT model` of the rows `in_scope` (soft-deleted rows included)."""
    return select(model).where(in_scope(caller, model))


_ORM_ROWS: contextvars.ContextVar[bool] = contextvars.ContextVar("labelbox_orm_rows", default=False)


def rows(session: Session, stmt: Select[_Row]) -> Sequence[_Row]:
    """The rows of a SELECT of one model (as `scoped` starts it, with any WHERE, ORDER BY
    and paging), as read-only Core rows: each has the model's column attributes
    (`row.created_at`), at a fraction of the cost of ORM objects (no identity map, no change
    tracking). For lists that are only read, e.g. by resolvers; change rows through `get`."""
    if _ORM_ROWS.get():
        return session.scalars(stmt).all()
    model = stmt.column_descriptions[0]["entity"]
    found = session.execute(stmt.with_only_columns(*_row_columns(model))).all()
    return cast(Sequence[_Row], found)


@contextlib.contextmanager
def orm_rows() -> Iterator[None]:
    """Within the block, `rows` and `find` return ORM objects (to compare them in tests)."""
    token = _ORM_ROWS.set(True)
    try:
        yield
    finally:
        _ORM_ROWS.reset(token)


@functools.cache
def _row_columns(model: type[Base]) -> tuple[Label[Any], ...]:
    """The model's columns, labelled with their attribute names."""
    taken = set(dir(Row))
    columns = []
    for attribute in inspect(model).column_attrs:
        if attribute.key in taken:
            raise TypeError(f"{model.__name__}.{attribute.key} cannot be read from a Core row")
        columns.append(attribute.columns[0].label(attribute.key))
    return tuple(columns)


@functools.cache
def column_names(model: type[Base]) -> frozenset[str]:
    """The attribute names of a model's columns."""
    return frozenset(attribute.key for attribute in inspect(model).column_attrs)


def set_columns(row: Base, data: Mapping[str, Any], *, skip: Collection[str] = ()) -> None:
    """Copy every item of `data` (an input, in Python names) but those in `skip` onto the
    column of the same name. An item that names no column is a contract error (`KeyError`)."""
    columns = column_names(type(row))
    for key, value in data.items():
        if key in skip:
            continue
        if key not in columns:
            raise KeyError(f"{type(row).__name__} has no column {key!r}")
        setattr(row, key, value)


def table(model: type[Base]) -> Table:
    """The model's table (for Core bulk inserts)."""
    model_table = model.__table__
    assert isinstance(model_table, Table)
    return model_table
