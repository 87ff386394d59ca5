"""Column types that behave the same on SQLite and PostgreSQL.

* `UTCDateTime`: stored as a naive UTC timestamp, read back timezone-aware (UTC).
* `Str`: a string compared byte-wise (code point order) on both databases. SQLite compares
  with its default BINARY collation; on PostgreSQL the column gets the "C" collation, so
  `<`, `>`, `ORDER BY` and `lower()` agree with SQLite whatever the cluster's locale is.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.types import TypeDecorator, TypeEngine


def Str(length: int | None = None) -> TypeEngine[str]:
    """A `VARCHAR` with byte-wise ("C") collation on PostgreSQL."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """An instant: naive UTC in the database, aware UTC in Python."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=timezone.utc)
