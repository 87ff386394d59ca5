"""Engines and sessions for SQLite and PostgreSQL.

SQLite needs care to behave under concurrent requests:

* WAL journal, a busy timeout and foreign keys are set on every connection;
* the driver's own transaction handling is turned off and SQLAlchemy emits `BEGIN` itself, so
  a session for a write request starts with `BEGIN IMMEDIATE` (it takes the write lock up
  front instead of failing with "database is locked" when it upgrades a read transaction);
* write sessions also queue on a lock, which is much faster under contention than SQLite's
  sleeping busy handler: a thread lock within the process, and an exclusive `flock` of
  `<database>-writer.lock` across the processes of one database (HTTP worker processes,
  several servers, `labelbox-server init`); a process that does not take it (the
  `sqlite3` shell) still waits on the busy timeout.

Read sessions (`session()`) never write: a statement that would is refused
(`ReadSessionWrite`). They run in autocommit on both databases: each statement sees the
latest committed data (what READ COMMITTED gives a transaction on PostgreSQL anyway), without
the BEGIN and ROLLBACK. Lookups by id in a read session skip the ORM (see `db.id_reads`).
Pooled PostgreSQL connections are checked only after sitting idle (`IDLE_PING_SECONDS`), not
before every use.

A write session takes the lock (and, on SQLite, begins `BEGIN IMMEDIATE`) only when it first
touches the database, and holds it until the session ends: work done before that (e.g. a
download, see `labelbox_server.outbound`) never holds up other writers.
`SessionFactory.holds_write_lock(session)` tells whether a session has begun writing.

`notify_after_commit(session, topic)` asks for the callbacks subscribed to `topic` on the
session's factory (`SessionFactory.subscribe`) to be called once the session commits, e.g.
to wake the webhook deliverer when events were written.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session

from .id_reads import IdLookups, IdReads, attach

_WRITE_OPTION = "labelbox_write"
_READ_OPTION = "labelbox_read"
_WRITE_KEYWORDS = ("INSERT", "UPDATE", "DELETE")
#: A pooled PostgreSQL connection idle for longer is checked before it is handed out.
IDLE_PING_SECONDS = 10.0
_LOCK_OPTION = "labelbox_write_lock"
_FACTORY = "labelbox_session_factory"
_NOTIFY = "labelbox_notify_after_commit"
SQLITE_BUSY_TIMEOUT_SECONDS = 30.0


def make_engine(database_url: str, *, threads: int = 15) -> Engine:
    """An engine for `database_url` (`sqlite:///...` or `postgresql+psycopg://...`) used by
    up to `threads` threads at once. Its pool holds two connections per thread (a read
    session looks rows up by id on a connection of its own), so no thread holding one
    waits for another."""
    pool = {"pool_size": 10, "max_overflow": max(20, 2 * threads - 10)}
    if database_url.startswith("sqlite"):
        in_memory = database_url.rstrip("/") in ("sqlite:", "sqlite+pysqlite:") or (
            ":memory:" in database_url
        )
        engine = create_engine(
            database_url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
            **({} if in_memory else pool),
        )
        _configure_sqlite(engine)
    else:
        engine = create_engine(database_url, **pool)
        _ping_idle_connections(engine)
    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "before_cursor_execute", _refuse_writes_in_reads)
    return engine


class ReadSessionWrite(RuntimeError):
    """A statement that changes data was run in a read session (`session(write=False)`)."""


def _refuse_writes_in_reads(
    connection: Connection, _cursor: Any, statement: str, *_args: Any
) -> None:
    if connection.get_execution_options().get(_READ_OPTION) and statement.lstrip()[
        :6
    ].upper().startswith(_WRITE_KEYWORDS):
        raise ReadSessionWrite(f"a read session may not write: {statement[:60]!r}")


def _ping_idle_connections(engine: Engine) -> None:
    """Check a pooled connection that sat idle before handing it out (a database restarted
    meanwhile costs a reconnect, not an error), instead of one round trip on every use."""

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        checked_in = record.info.get("checked_in_at")
        if checked_in is None or time.monotonic() - checked_in < IDLE_PING_SECONDS:
            return
        try:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
            if not dbapi_connection.autocommit:
                dbapi_connection.rollback()
        except Exception as error:
            raise DisconnectionError(str(error)) from error


def read_engine(engine: Engine) -> Engine:
    """`engine` for read sessions: writes refused, in autocommit (on PostgreSQL its isolation
    level; on SQLite `_on_begin` emits no BEGIN)."""
    options: dict[str, Any] = {_READ_OPTION: True}
    if engine.dialect.name == "postgresql":
        options["isolation_level"] = "AUTOCOMMIT"
    return engine.execution_options(**options)


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


def _on_begin(connection: Connection) -> None:
    """Take the session's write lock (if any), then, on SQLite, emit the BEGIN (none for
    read sessions, which run in autocommit)."""
    options = connection.get_execution_options()
    lock = options.get(_LOCK_OPTION)
    if lock is not None:
        lock.acquire()
    if connection.dialect.name == "sqlite" and not options.get(_READ_OPTION, False):
        write = options.get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]


class WriteLock:
    """SQLite's writers queue: a thread lock, then (where `flock` exists) an exclusive lock
    on a file beside the database, so writers of every process take turns without polling."""

    def __init__(self, lock_path: str | None) -> None:
        self._thread_lock = threading.Lock()
        self._path = lock_path if fcntl is not None else None
        self._fd: int | None = None
        self._fd_pid = 0

    def _file(self) -> int | None:
        if self._path is None:
            return None
        if self._fd is None or self._fd_pid != os.getpid():  # a forked child opens its own
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            self._fd_pid = os.getpid()
        return self._fd

    def acquire(self) -> None:
        self._thread_lock.acquire()
        try:
            fd = self._file()
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            self._thread_lock.release()
            raise

    def release(self) -> None:
        try:
            fd = self._fd if self._fd_pid == os.getpid() else None
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()


def _lock_path(engine: Engine) -> str | None:
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return f"{database}-writer.lock"


class _SessionLock:
    """The write lock as one session holds it: taken on the session's first transaction,
    released when the session ends."""

    def __init__(self, lock: WriteLock | None) -> None:
        self._lock = lock
        self.held = False

    def acquire(self) -> None:
        if not self.held:
            if self._lock is not None:
                self._lock.acquire()
            self.held = True

    def release(self) -> None:
        if self.held:
            self.held = False
            if self._lock is not None:
                self._lock.release()


def notify_after_commit(session: Session, topic: str) -> None:
    """Call the factory's `topic` subscribers once `session` commits."""
    session.info.setdefault(_NOTIFY, set()).add(topic)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    topics = session.info.pop(_NOTIFY, None)
    factory = session.info.get(_FACTORY)
    if topics and isinstance(factory, SessionFactory):
        for topic in topics:
            for callback in factory.subscribers.get(topic, ()):
                callback()


class SessionFactory:
    """Opens sessions on one engine; `session(write=True)` for requests that change data."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.subscribers: dict[str, list[Callable[[], None]]] = {}
        self._write_engine = engine.execution_options(**{_WRITE_OPTION: True})
        self._read_engine = read_engine(engine)
        self._write_lock = (
            WriteLock(_lock_path(engine)) if engine.dialect.name == "sqlite" else None
        )
        self._id_lookups = IdLookups(engine)
        if not event.contains(engine, "begin", _on_begin):
            event.listen(engine, "begin", _on_begin)

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A session in a transaction; the caller commits. Rolled back if not committed;
        objects read in it stay usable (detached, not expired) after the block. A write
        session takes the write lock when it first touches the database."""
        lock = _SessionLock(self._write_lock) if write else None
        reads = None if write else IdReads(self._id_lookups)
        bind = (
            self._write_engine.execution_options(**{_LOCK_OPTION: lock})
            if write
            else self._read_engine
        )
        try:
            with Session(bind=bind, expire_on_commit=False, autoflush=True) as session:
                session.info[_LOCK_OPTION] = lock
                session.info[_FACTORY] = self
                if reads is not None:
                    attach(session, reads)
                try:
                    yield session
                finally:
                    if session.in_transaction():
                        session.expunge_all()
                        session.rollback()
        finally:
            if reads is not None:
                reads.close()
            if lock is not None:
                lock.release()

    def subscribe(self, topic: str, callback: Callable[[], None]) -> None:
        """Call `callback` after every commit of a session notified of `topic`."""
        self.subscribers.setdefault(topic, []).append(callback)

    @staticmethod
    def holds_write_lock(session: Session) -> bool:
        """Whether `session` is a write session that has begun (and holds the lock)."""
        lock = session.info.get(_LOCK_OPTION)
        return isinstance(lock, _SessionLock) and lock.held
