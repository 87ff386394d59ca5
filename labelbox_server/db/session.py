"""Engines and sessions for SQLite and PostgreSQL.

SQLite needs care to behave under concurrent requests:

* WAL journal, a busy timeout and foreign keys are set on every connection;
* the driver's own transaction handling is turned off and SQLAlchemy emits `BEGIN` itself, so
  a session for a write request starts with `BEGIN IMMEDIATE` (it takes the write lock up
  front instead of failing with "database is locked" when it upgrades a read transaction);
* within one process, write sessions also queue on a lock, which is much faster under
  contention than SQLite's sleeping busy handler (other processes still wait on the
  busy timeout).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

_WRITE_OPTION = "labelbox_write"
SQLITE_BUSY_TIMEOUT_SECONDS = 30.0


def make_engine(database_url: str) -> Engine:
    """An engine for `database_url` (`sqlite:///...` or `postgresql+psycopg://...`)."""
    if database_url.startswith("sqlite"):
        engine = create_engine(
            database_url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(database_url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (below)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_SECONDS * 1000)}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class SessionFactory:
    """Opens sessions on one engine; `session(write=True)` for requests that change data."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._write_engine = engine.execution_options(**{_WRITE_OPTION: True})
        serialize = engine.dialect.name == "sqlite"
        self._write_lock = threading.Lock() if serialize else contextlib.nullcontext()

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session in a transaction; the caller commits. Rolled back if not committed;
        objects read in it stay usable (detached, not expired) after the block."""
        bind = self._write_engine if write else self.engine
        with (
            self._write_lock if write else contextlib.nullcontext(),
            Session(bind=bind, expire_on_commit=False, autoflush=True) as session,
        ):
            try:
                yield session
            finally:
                if session.in_transaction():
                    session.expunge_all()
                    session.rollback()
