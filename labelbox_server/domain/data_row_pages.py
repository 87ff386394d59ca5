"""`Query.datasetDataRows`: a dataset's data rows by cursor (keyset), constant cost per page.

The cursor encodes the last row's sort key and id, the next page is `WHERE (key, id) >
(last key, last id)`. A nullable sort key is walked in two segments (NULLs first ascending,
last descending), each on an index.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, select, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import SQLCoreOperations

from ..db.models import DataRow, Dataset
from ..db.types import UTCDateTime
from ..errors import MalformedRequest
from ..values import number_problem, string_problem
from . import store
from .context import Caller
from .filters import model_fields

DEFAULT_CURSOR_PAGE = 100

MAX_CURSOR_PAGE = 1000
#: Ids are 25 characters; anything much longer in a cursor is not one of ours.
MAX_ID_LENGTH = 64
INVALID_CURSOR = 'Invalid cursor: "from" is not a cursor this server gave out'


@dataclass
class CursorPage:
    """One keyset page (`DatasetDataRowConnection`; it is its own `pageInfo`)."""

    nodes: list[DataRow]
    has_next_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @property
    def page_info(self) -> CursorPage:
        return self


def _sort_column(name: str) -> SQLCoreOperations[Any]:
    field = model_fields(DataRow).get(name)
    if field is None:
        raise MalformedRequest(f'Unknown orderBy value "{name}"')
    return field.column


def _is_nullable(name: str) -> bool:
    return bool(DataRow.__table__.c[name].nullable)


def _encode_cursor(order_by: str, name: str, row: DataRow) -> str:
    value = getattr(row, name)
    if isinstance(value, datetime):
        value = value.isoformat()
    raw = json.dumps([order_by, value, row.id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str, order_by: str, name: str) -> tuple[Any, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        given_order, value, row_id = json.loads(raw)
    except (ValueError, TypeError, RecursionError, binascii.Error):
        raise MalformedRequest(INVALID_CURSOR) from None
    if given_order != order_by:
        raise MalformedRequest('The "from" cursor belongs to another orderBy')
    if not isinstance(row_id, str) or len(row_id) > MAX_ID_LENGTH or string_problem(row_id):
        raise MalformedRequest(INVALID_CURSOR)
    return _cursor_value(name, value), row_id


def _cursor_value(name: str, value: Any) -> Any:
    """The sort key a cursor holds, as the column's Python type (`Invalid cursor` if it
    cannot be one: a client may send any cursor)."""
    column = DataRow.__table__.c[name]
    if value is None:
        if not column.nullable:
            raise MalformedRequest(INVALID_CURSOR)
        return None
    column_type = column.type
    if isinstance(column_type, UTCDateTime):
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value)
            except (ValueError, OverflowError):
                pass
    else:
        try:
            python_type = column_type.python_type
        except NotImplementedError:
            python_type = None
        if python_type is str and isinstance(value, str) and not string_problem(value):
            return value
        if python_type is bool and isinstance(value, bool):
            return value
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if python_type in (int, float) and numeric and not number_problem(value):
            return value
    raise MalformedRequest(INVALID_CURSOR)


def dataset_data_rows_page(
    session: Session,
    caller: Caller,
    dataset_id: str,
    *,
    cursor: str | None,
    first: int | None,
    where: Mapping[str, Any] | None,
    order_by: str | None,
) -> CursorPage:
    """`Query.datasetDataRows`: one keyset page of the dataset's non-deleted rows."""
    dataset = store.get(session, caller, Dataset, dataset_id)
    size = DEFAULT_CURSOR_PAGE if first is None else first
    if not 1 <= size <= MAX_CURSOR_PAGE:
        raise MalformedRequest(f"first must be between 1 and {MAX_CURSOR_PAGE}")
    order_by = order_by or "id_ASC"
    name, _, direction = order_by.rpartition("_")
    if name not in model_fields(DataRow) or direction not in ("ASC", "DESC"):
        raise MalformedRequest(f'Unknown orderBy value "{order_by}"')
    column, ascending = _sort_column(name), direction == "ASC"
    base: Select[DataRow] = select(DataRow).where(
        DataRow.dataset_id == dataset.id, DataRow.deleted.is_(False)
    )
    for key, value in (where or {}).items():
        if value is not None:
            base = base.where(_sort_column(key) == value)

    # Segments in page order: (is the key NULL in this segment?).
    segments: list[bool] = [False]
    if _is_nullable(name):
        segments = [True, False] if ascending else [False, True]
    position = _decode_cursor(cursor, order_by, name) if cursor else None
    start_segment = 0
    if position is not None:
        start_segment = segments.index(position[0] is None)
    nodes: list[DataRow] = []
    for index in range(start_segment, len(segments)):
        remaining = size + 1 - len(nodes)
        if remaining <= 0:
            break
        after = position if index == start_segment else None
        segment = _segment(base, column, segments[index], ascending, after)
        nodes.extend(store.rows(session, segment.limit(remaining)))
    has_next = len(nodes) > size
    nodes = nodes[:size]
    return CursorPage(
        nodes,
        has_next,
        _encode_cursor(order_by, name, nodes[0]) if nodes else None,
        _encode_cursor(order_by, name, nodes[-1]) if nodes else None,
    )


def _segment(
    base: Select[DataRow],
    column: SQLCoreOperations[Any],
    null: bool,
    ascending: bool,
    after: tuple[Any, str] | None,
) -> Select[DataRow]:
    conditions: list[ColumnElement[bool]] = []
    if null:
        conditions.append(column.is_(None))
        if after is not None:
            conditions.append(DataRow.id > after[1] if ascending else DataRow.id < after[1])
        order = [DataRow.id.asc() if ascending else DataRow.id.desc()]
    else:
        if column is not DataRow.id:
            conditions.append(column.is_not(None))
        if after is not None:
            if column is DataRow.id:
                conditions.append(DataRow.id > after[1] if ascending else DataRow.id < after[1])
            else:
                key = tuple_(column, DataRow.id)
                mark = tuple_(after[0], after[1])
                conditions.append(key > mark if ascending else key < mark)
        if column is DataRow.id:
            order = [DataRow.id.asc() if ascending else DataRow.id.desc()]
        else:
            order = (
                [column.asc(), DataRow.id.asc()]
                if ascending
                else [column.desc(), DataRow.id.desc()]
            )
    return base.where(*conditions).order_by(*order)
