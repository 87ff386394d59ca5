"""Lookups by id in read sessions (`labelbox_server.db.id_reads`, used by `store.find`) on the
test database (SQLite, or PostgreSQL with `--postgres`): the same rows the ORM reads, on a
connection of their own that goes back to the pool."""

from __future__ import annotations

import contextlib
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import Engine, func, inspect, select, update

from labelbox_server import LocalServer
from labelbox_server.auth import Authenticator
from labelbox_server.db.id_reads import id_reads
from labelbox_server.db.models import Base, DataRow, Dataset, Project
from labelbox_server.db.session import SessionFactory, make_engine
from labelbox_server.domain import datasets, projects, store
from labelbox_server.domain.context import Caller


@pytest.fixture
def caller(engine: Engine, server: LocalServer) -> Caller:
    found = Authenticator(engine).authenticate(f"Bearer {server.api_key}")
    assert found is not None
    return found


def _columns(row: object, model: type[Base]) -> dict[str, object]:
    return {a.key: getattr(row, a.key) for a in inspect(model).column_attrs}


def _data_row(engine: Engine, caller: Caller) -> tuple[str, str]:
    sessions = SessionFactory(engine)
    with sessions.session(write=True) as session:
        dataset = datasets.create_dataset(session, caller, {"name": "id reads"})
        row = DataRow(
            id=uuid.uuid4().hex[:25],
            organization_id=caller.organization_id,
            dataset_id=dataset.id,
            row_data="https://storage.example.com/a.jpg",
            external_id=None,
            media_type="IMAGE",
            media_attributes={"width": 3, "tags": ["a", "ü"]},
            created_by_id=caller.user_id,
            created_at=datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc),
            updated_at=datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=timezone.utc),
        )
        session.add(row)
        session.commit()
        return dataset.id, row.id


def test_read_sessions_find_the_rows_the_orm_finds(engine: Engine, caller: Caller) -> None:
    sessions = SessionFactory(engine)
    dataset_id, row_id = _data_row(engine, caller)
    with sessions.session(write=True) as session:
        project_id = projects.create_project(session, caller, {"name": "p"}).id
        session.commit()
    for model, key in ((Project, project_id), (Dataset, dataset_id), (DataRow, row_id)):
        with sessions.session(write=True) as session:
            orm = store.get(session, caller, model, key)
            assert isinstance(orm, model)
            expected = _columns(orm, model)
        with sessions.session() as session:
            found = store.get(session, caller, model, key)
            assert not isinstance(found, Base)  # a named tuple, not an ORM object
            assert _columns(found, model) == expected
    with sessions.session() as session:
        row = store.get(session, caller, DataRow, row_id)
        assert row.created_at.tzinfo == timezone.utc
        assert row.media_attributes == {"width": 3, "tags": ["a", "ü"]}
        with pytest.raises(AttributeError):
            row.external_id = "changed"


def test_a_read_session_remembers_what_it_found(engine: Engine, caller: Caller) -> None:
    sessions = SessionFactory(engine)
    dataset_id, _ = _data_row(engine, caller)
    with sessions.session() as session:
        first = store.get(session, caller, Dataset, dataset_id)
        assert store.find(session, caller, Dataset, "no-such-id") is None
        with sessions.session(write=True) as writer:
            writer.execute(update(Dataset).where(Dataset.id == dataset_id).values(name="new"))
            writer.commit()
        assert store.get(session, caller, Dataset, dataset_id) is first  # as the ORM would
    with sessions.session() as session:
        assert store.get(session, caller, Dataset, dataset_id).name == "new"


def test_lookups_hide_other_organizations_and_deleted_rows(engine: Engine, caller: Caller) -> None:
    sessions = SessionFactory(engine)
    dataset_id, _ = _data_row(engine, caller)
    stranger = Caller(organization_id="another-org", user_id=caller.user_id)
    with sessions.session() as session:
        assert store.find(session, stranger, Dataset, dataset_id) is None
    with sessions.session(write=True) as session:
        session.execute(update(Dataset).where(Dataset.id == dataset_id).values(deleted=True))
        session.commit()
    with sessions.session() as session:
        assert store.find(session, caller, Dataset, dataset_id) is None
        assert store.find(session, caller, Dataset, dataset_id, deleted=True) is not None


def test_the_lookup_connection_goes_back_to_the_pool(engine: Engine, caller: Caller) -> None:
    sessions = SessionFactory(engine)
    dataset_id, _ = _data_row(engine, caller)
    for _ in range(3 * (engine.pool.size() + 1)):  # type: ignore[attr-defined]
        with sessions.session() as session:
            store.get(session, caller, Dataset, dataset_id)
            assert engine.pool.checkedout() >= 1  # type: ignore[attr-defined]
        assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_a_connection_a_lookup_failed_on_is_not_pooled_again(
    engine: Engine, caller: Caller
) -> None:
    sessions = SessionFactory(engine)
    dataset_id, _ = _data_row(engine, caller)
    with sessions.session() as session:
        reads = id_reads(session)
        assert reads is not None
        store.get(session, caller, Dataset, dataset_id)
        broken = reads._dbapi_connection()
        broken.close()
        with pytest.raises(Exception, match="closed"):
            store.find(session, caller, Dataset, "another-id")
    with sessions.session() as session:
        assert store.get(session, caller, Dataset, dataset_id).id == dataset_id
        reads = id_reads(session)
        assert reads is not None and reads._dbapi_connection() is not broken


def test_write_sessions_find_orm_objects(engine: Engine, caller: Caller) -> None:
    dataset_id, _ = _data_row(engine, caller)
    with SessionFactory(engine).session(write=True) as session:
        assert id_reads(session) is None
        dataset = store.get(session, caller, Dataset, dataset_id)
        assert isinstance(dataset, Dataset)
        dataset.name = "renamed"
        session.commit()
    with SessionFactory(engine).session() as session:
        assert store.get(session, caller, Dataset, dataset_id).name == "renamed"


def test_the_pool_has_room_for_two_connections_per_thread(
    server: LocalServer, caller: Caller
) -> None:
    """A read session that looks a row up and queries holds two connections; as many such
    sessions as the engine has threads fit in its pool at once."""
    assert server.database_url is not None
    engine = make_engine(server.database_url, threads=16)
    engine.pool._timeout = 2.0  # type: ignore[attr-defined]  # fail fast instead of waiting
    dataset_id, _ = _data_row(engine, caller)
    sessions = SessionFactory(engine)
    try:
        with contextlib.ExitStack() as stack:
            for _ in range(16):
                session = stack.enter_context(sessions.session())
                store.get(session, caller, Dataset, dataset_id)
                assert (session.scalar(select(func.count()).select_from(Dataset)) or 0) >= 1
            assert engine.pool.checkedout() == 32  # type: ignore[attr-defined]
    finally:
        engine.dispose()
