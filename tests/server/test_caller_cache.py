"""What a committed change forgets of the server's caller cache (`labelbox_server.auth`), and
the role ids the server looks up once.

In-process, on a migrated SQLite database: the cache is a component of the server process,
and what it remembers cannot be seen over HTTP (only how fast requests are).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, update

from labelbox_server.auth import Authenticator
from labelbox_server.db.models import ApiKey, ProjectMember, Role
from labelbox_server.db.session import SessionFactory, make_engine
from labelbox_server.domain import api_keys, projects
from labelbox_server.domain.context import Caller
from labelbox_server.provisioning import Provisioned, create_user, initialize


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[str, Engine, Provisioned]]:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    admin = initialize(url)
    engine = make_engine(url)
    yield url, engine, admin
    engine.dispose()


def _remembered(authenticator: Authenticator, key: str) -> Caller:
    caller = authenticator.authenticate(f"Bearer {key}")
    assert caller is not None
    return caller


def test_a_new_project_forgets_only_project_based_callers(
    database: tuple[str, Engine, Provisioned],
) -> None:
    url, engine, admin = database
    member = create_user(url, email="member@example.com", role="NONE")
    authenticator = Authenticator(engine)
    admin_caller = _remembered(authenticator, admin.api_key)
    assert _remembered(authenticator, member.api_key).project_based

    with SessionFactory(engine).session(write=True) as session:
        projects.create_project(session, admin_caller, {"name": "new"})  # adds its creator
        session.commit()

    assert authenticator.cached(api_keys.hash_key(admin.api_key)) == admin_caller
    assert authenticator.cached(api_keys.hash_key(member.api_key)) is None


def test_a_revoked_key_forgets_every_caller(database: tuple[str, Engine, Provisioned]) -> None:
    url, engine, admin = database
    other = create_user(url, email="other@example.com", role="LABELER")
    authenticator = Authenticator(engine)
    _remembered(authenticator, admin.api_key)
    _remembered(authenticator, other.api_key)

    with SessionFactory(engine).session(write=True) as session:
        session.execute(
            update(ApiKey)
            .where(ApiKey.key_hash == api_keys.hash_key(other.api_key))
            .values(deleted=True)
        )
        session.commit()

    assert authenticator.cached(api_keys.hash_key(admin.api_key)) is None
    assert authenticator.authenticate(f"Bearer {other.api_key}") is None


def test_new_projects_look_the_admin_role_up_once(
    database: tuple[str, Engine, Provisioned],
) -> None:
    _, engine, admin = database
    caller = _remembered(Authenticator(engine), admin.api_key)
    role_queries: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM roles" in statement:
            role_queries.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        for name in ("first", "second", "third"):
            with SessionFactory(engine).session(write=True) as session:
                project = projects.create_project(session, caller, {"name": name})
                session.commit()
            with SessionFactory(engine).session() as session:
                member = session.get(ProjectMember, (project.id, caller.user_id))
                assert member is not None
                role = session.get(Role, member.role_id)
                assert role is not None and role.name == "Admin"
    finally:
        event.remove(engine, "before_cursor_execute", count)
    # One lookup by name; the rest are the test's own `session.get(Role, ...)`.
    assert len([q for q in role_queries if "roles.name =" in q]) <= 1
