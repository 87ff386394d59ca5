"""Rows by id for read sessions, without the ORM.

An ORM `session.get` costs about half a millisecond (the session's transaction, statement
caching, the identity map, instance loading): most of a request like `getProject`. A read
session (`SessionFactory.session()`) carries an `IdReads` instead (`id_reads(session)`):
`get(model, id)` runs a statement compiled once per model and database on a pooled
connection of its own, checked out on first use and returned when the session ends, and gives
an immutable named tuple of the model's column attributes (what `store.rows` gives for lists).
Each lookup sees the latest committed data (autocommit, as read sessions on PostgreSQL do
anyway); a row found once is remembered for the rest of the session, as the identity map did.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, bindparam, inspect, select
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.orm import Session
from sqlalchemy.pool import PoolProxiedConnection

_ID_READS = "labelbox_id_reads"
_Processor = Callable[[Any], Any] | None


def row_type(model: type[Any]) -> type[tuple[Any, ...]]:
    """The named tuple of `model`'s column attributes (`ProjectRow(id=..., name=...)`)."""
    keys = [attribute.key for attribute in inspect(model).column_attrs]
    return namedtuple(f"{model.__name__}Row", keys)


class _Lookup:
    """`SELECT <columns> FROM <table> WHERE id = ?` of one model, compiled for one dialect."""

    def __init__(self, engine: Engine, model: type[Any]) -> None:
        mapper = inspect(model)
        (key_column,) = mapper.primary_key
        columns = [attribute.columns[0] for attribute in mapper.column_attrs]
        dialect = engine.dialect
        compiled = (
            select(*columns).where(key_column == bindparam("row_id")).compile(dialect=dialect)
        )
        self.sql = compiled.string
        self.positional = bool(compiled.positional)
        self.bind: _Processor = key_column.type.dialect_impl(dialect).bind_processor(dialect)
        self._types = [column.type.dialect_impl(dialect) for column in columns]
        self._dialect = dialect
        #: Made from the first result's column types (PostgreSQL's numeric types need them).
        self._processors: tuple[_Processor, ...] | None = None
        self.row_type = row_type(model)

    def parameters(self, row_id: str) -> Any:
        value = self.bind(row_id) if self.bind is not None else row_id
        return (value,) if self.positional else {"row_id": value}

    def row(self, values: tuple[Any, ...], description: Any) -> tuple[Any, ...]:
        processors = self._processors
        if processors is None:
            processors = self._processors = tuple(
                column_type.result_processor(self._dialect, column[1])
                for column_type, column in zip(self._types, description, strict=True)
            )
        return self.row_type(
            *(
                value if process is None or value is None else process(value)
                for value, process in zip(values, processors, strict=True)
            )
        )


class IdLookups:
    """The compiled lookups of one engine, made on first use of each model."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lookups: dict[type[Any], _Lookup] = {}

    def lookup(self, model: type[Any]) -> _Lookup:
        found = self._lookups.get(model)
        if found is None:
            found = self._lookups[model] = _Lookup(self.engine, model)
        return found


class IdReads:
    """One read session's lookups by id: a pooled connection checked out on first use, and
    the rows found so far (None for ids that match no row)."""

    def __init__(self, lookups: IdLookups) -> None:
        self._lookups = lookups
        self._connection: PoolProxiedConnection | None = None
        self._found: dict[tuple[type[Any], str], tuple[Any, ...] | None] = {}

    def get(self, model: type[Any], row_id: str) -> tuple[Any, ...] | None:
        """The row of `model` (a mapped class) with this primary key, or None."""
        key = (model, row_id)
        if key in self._found:
            return self._found[key]
        lookup = self._lookups.lookup(model)
        connection = self._dbapi_connection()
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(lookup.sql, lookup.parameters(row_id))
                values = cursor.fetchone()
                row = lookup.row(tuple(values), cursor.description) if values else None
            finally:
                cursor.close()
        except Exception:
            self._discard()
            raise
        self._found[key] = row
        return row

    def _dbapi_connection(self) -> DBAPIConnection:
        if self._connection is None:
            self._connection = self._lookups.engine.raw_connection()
            if self._lookups.engine.dialect.name == "postgresql":
                self._connection.dbapi_connection.autocommit = True  # type: ignore[union-attr]
        connection = self._connection.dbapi_connection
        assert connection is not None
        return connection

    def _discard(self) -> None:
        """Drop a connection a statement failed on (it may be broken) instead of pooling it."""
        if self._connection is not None:
            self._connection.invalidate()
            self._connection = None

    def close(self) -> None:
        """Return the connection to the pool (as the session found it)."""
        connection, self._connection = self._connection, None
        if connection is None:
            return
        if self._lookups.engine.dialect.name == "postgresql":
            connection.dbapi_connection.autocommit = False  # type: ignore[union-attr]
        connection.close()


def attach(session: Session, reads: IdReads) -> None:
    """Make `reads` the lookups by id of `session` (a read session)."""
    session.info[_ID_READS] = reads


def id_reads(session: Session) -> IdReads | None:
    """The lookups by id of a read session (None for write sessions and other sessions)."""
    reads = session.info.get(_ID_READS)
    return reads if isinstance(reads, IdReads) else None
