"""Cursor pages in creation order (oldest first), for the API's `after` / `first` lists.

A cursor is the last row's `(created_at, id)`, so a page costs the same however deep it is
and rows created meanwhile never shift it. `first` defaults to 100 and must be 1..100.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import Select, and_, or_
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..errors import MalformedRequest

DEFAULT_SIZE = 100
MAX_SIZE = 100


class _Created(Protocol):
    id: Any
    created_at: Any


_Row = TypeVar("_Row", bound=_Created)


def page(
    session: Session,
    stmt: Select[_Row],
    model: type[_Row],
    *,
    after: str | None,
    first: int | None,
) -> tuple[list[_Row], str | None]:
    """One page of `stmt` (a SELECT of `model`) after the cursor, and the next page's cursor
    (None on the last page)."""
    size = DEFAULT_SIZE if first is None else first
    if not 1 <= size <= MAX_SIZE:
        raise MalformedRequest(f"first must be between 1 and {MAX_SIZE}")
    created: InstrumentedAttribute[datetime] = model.created_at
    row_id: InstrumentedAttribute[str] = model.id
    if after:
        moment, last_id = _decode(after)
        stmt = stmt.where(or_(created > moment, and_(created == moment, row_id > last_id)))
    rows = list(session.scalars(stmt.order_by(created, row_id).limit(size + 1)))
    if len(rows) <= size:
        return rows, None
    rows = rows[:size]
    return rows, _encode(rows[-1])


def _encode(row: _Created) -> str:
    raw = json.dumps([row.created_at.isoformat(), row.id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        moment, row_id = json.loads(raw)
        if not isinstance(row_id, str):
            raise TypeError(row_id)
        return datetime.fromisoformat(moment), row_id
    except (ValueError, TypeError, binascii.Error):
        raise MalformedRequest("Invalid cursor") from None
