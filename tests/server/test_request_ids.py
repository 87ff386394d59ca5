"""`X-Request-Id` on every response (and in the server's log), and the cache of callers:
forgotten when a key or a user changes in the process, expired after its TTL otherwise."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from sqlalchemy import update

from labelbox_server import LocalServer
from labelbox_server.auth import Authenticator
from labelbox_server.db.models import ApiKey, User
from labelbox_server.db.session import SessionFactory, make_engine
from labelbox_server.domain.api_keys import hash_key
from labelbox_server.domain.store import table

from .conftest import Api

REQUEST_ID = re.compile(r"^[0-9a-f]{24}$")


def test_every_response_has_its_own_request_id(
    server: LocalServer, api: Api, http: httpx.Client
) -> None:
    responses = [
        api.post("{ user { id } }"),
        api.post("{ nope }"),
        http.post(server.endpoint, json={"query": "{ user { id } }"}),
        http.post(
            server.endpoint, content=b"not json", headers={"Authorization": f"Bearer {api.api_key}"}
        ),
        http.get(f"{server.base_url}/health"),
        http.get(f"{server.base_url}/files/x?expires=1&signature=00"),
        http.get(f"{server.base_url}/nothing-here"),
    ]
    assert [r.status_code for r in responses] == [200, 200, 401, 400, 200, 403, 404]
    ids = [r.headers.get("x-request-id", "") for r in responses]
    assert all(REQUEST_ID.match(value) for value in ids), ids
    assert len(set(ids)) == len(ids)


def test_requests_are_logged_with_their_id(new_database_url: Callable[[], str | None]) -> None:
    with (
        LocalServer(database_url=new_database_url(), serve_args=["--log-level", "info"]) as server,
        httpx.Client(timeout=30) as http,
    ):
        api = Api(server.endpoint, server.api_key, http)
        request_id = api.post("{ user { id } }").headers["x-request-id"]
        log = server.data_dir / "server.log"
        deadline = time.monotonic() + 10
        while request_id not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        line = next(line for line in log.read_text().splitlines() if request_id in line)
        assert "POST /graphql 200" in line
        assert api.api_key not in log.read_text()


@pytest.fixture
def sessions(server: LocalServer) -> Iterator[SessionFactory]:
    engine = make_engine(server.database_url)
    try:
        yield SessionFactory(engine)
    finally:
        engine.dispose()


def test_a_revoked_key_is_forgotten_at_once(server: LocalServer, sessions: SessionFactory) -> None:
    authenticator = Authenticator(sessions.engine, ttl=3600)
    for bulk in (False, True):
        key = server.new_organization()
        header = f"Bearer {key}"
        caller = authenticator.authenticate(header)
        assert caller is not None
        assert authenticator.cached(hash_key(key)) == caller
        with sessions.session(write=True) as session:
            if bulk:
                session.execute(
                    update(ApiKey).where(ApiKey.key_hash == hash_key(key)).values(deleted=True)
                )
            else:
                row = session.query(ApiKey).filter_by(key_hash=hash_key(key)).one()
                row.deleted = True
            session.commit()
        assert authenticator.cached(hash_key(key)) is None
        assert authenticator.authenticate(header) is None


def test_a_removed_user_is_forgotten_at_once(server: LocalServer, sessions: SessionFactory) -> None:
    authenticator = Authenticator(sessions.engine, ttl=3600)
    key = server.new_organization()
    caller = authenticator.authenticate(f"Bearer {key}")
    assert caller is not None
    with sessions.session(write=True) as session:
        user = session.get(User, caller.user_id)
        assert user is not None
        user.deleted = True
        session.commit()
    assert authenticator.authenticate(f"Bearer {key}") is None


def test_changes_made_elsewhere_count_after_the_ttl(
    server: LocalServer, sessions: SessionFactory
) -> None:
    """Another process revoking a key (here: plain SQL, no session events) is seen once the
    cached caller expires."""
    authenticator = Authenticator(sessions.engine, ttl=0.2)
    key = server.new_organization()
    assert authenticator.authenticate(f"Bearer {key}") is not None
    with sessions.engine.begin() as connection:
        keys = table(ApiKey)
        connection.execute(
            update(keys).where(keys.c.key_hash == hash_key(key)).values(deleted=True)
        )
    assert authenticator.authenticate(f"Bearer {key}") is not None  # still cached
    time.sleep(0.3)
    assert authenticator.authenticate(f"Bearer {key}") is None
    assert authenticator.authenticate("Bearer unknown") is None
    assert authenticator.authenticate(None) is None
