"""Column types that behave the same on SQLite and PostgreSQL.

* `UTCDateTime`: stored as a naive UTC timestamp, read back timezone-aware (UTC).
* `Str`: a string compared byte-wise (code point order) on both databases. SQLite compares
  with its default BINARY collation; on PostgreSQL the column gets the "C" collation, so
  `<`, `>`, `ORDER BY` and `lower()` agree with SQLite whatever the cluster's locale is.
* `ByteOrder(text)`: the same byte-wise comparison for a computed text.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import DateTime, Dialect, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
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


class ByteOrder(FunctionElement[str]):
    """A text expression compared byte-wise on both databases, like a `Str` column (a
    computed text, e.g. one read from JSON, has the cluster's collation on PostgreSQL)."""

    type = String()
    name = "byte_order"
    inherit_cache = True


@compiles(ByteOrder)
def _byte_order(element: ByteOrder, compiler: SQLCompiler, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(ByteOrder, "postgresql")
def _byte_order_postgresql(element: ByteOrder, compiler: SQLCompiler, **kw: Any) -> str:
    return f'({compiler.process(element.clauses, **kw)}) COLLATE "C"'
