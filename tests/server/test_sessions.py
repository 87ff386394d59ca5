"""Read and write sessions (`labelbox_server.db.session`) on the test database (SQLite, or
PostgreSQL with `--postgres`)."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import Engine, func, insert, select, text, update

from labelbox_server.db import session as db_session
from labelbox_server.db.models import Role
from labelbox_server.db.session import ReadSessionWrite, SessionFactory, make_engine


def test_a_read_session_refuses_to_write(engine: Engine) -> None:
    sessions = SessionFactory(engine)
    with sessions.session() as session:
        before = session.scalar(select(func.count()).select_from(Role))
        with pytest.raises(ReadSessionWrite, match="read session may not write"):
            session.execute(update(Role).values(name="x").where(Role.name == "nobody"))
    with sessions.session() as session, pytest.raises(ReadSessionWrite):
        session.execute(insert(Role).values(id="r", name="r", rank=0))
    with sessions.session() as session:
        assert session.scalar(select(func.count()).select_from(Role)) == before


def test_a_read_session_sees_what_writers_committed(engine: Engine) -> None:
    sessions = SessionFactory(engine)
    with sessions.session(write=True) as session:
        session.execute(update(Role).where(Role.name == "Labeler").values(name="Labeler"))
        session.commit()
    with sessions.session() as session:
        assert session.scalar(select(Role.name).where(Role.name == "Labeler")) == "Labeler"


def _postgres(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only (run with --postgres)")


def test_postgres_reads_run_without_a_transaction(engine: Engine) -> None:
    _postgres(engine)
    with SessionFactory(engine).session() as session:
        first = session.scalar(text("SELECT now()"))
        time.sleep(0.01)
        # now() is when the current transaction started: each statement is one of its own.
        assert session.scalar(text("SELECT now()")) > first
        assert session.scalar(text("SHOW transaction_isolation")) == "read committed"
    with SessionFactory(engine).session(write=True) as session:
        first = session.scalar(text("SELECT now()"))
        time.sleep(0.01)
        assert session.scalar(text("SELECT now()")) == first  # writers keep a transaction


def test_sqlite_reads_run_without_a_transaction(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    with SessionFactory(engine).session() as session:
        connection = session.connection()
        assert (session.scalar(select(func.count()).select_from(Role)) or 0) >= 1
        assert not connection.connection.dbapi_connection.in_transaction  # type: ignore[union-attr]
    with SessionFactory(engine).session(write=True) as session:
        connection = session.connection()
        assert (session.scalar(select(func.count()).select_from(Role)) or 0) >= 1
        assert connection.connection.dbapi_connection.in_transaction  # type: ignore[union-attr]


def test_postgres_replaces_a_pooled_connection_that_died_while_idle(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _postgres(engine)
    sessions = SessionFactory(engine)
    with sessions.session() as session:
        backend = session.scalar(text("SELECT pg_backend_pid()"))
    killer = make_engine(str(engine.url.render_as_string(hide_password=False)))
    with killer.connect() as other:
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
        other.commit()
    killer.dispose()
    monkeypatch.setattr(db_session, "IDLE_PING_SECONDS", 0.0)
    with sessions.session() as session:
        assert session.scalar(text("SELECT pg_backend_pid()")) != backend
