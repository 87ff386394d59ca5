"""Fixtures for the server tests: a real `LocalServer` on 127.0.0.1, spoken to with httpx."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from labelbox_server import LocalServer
from labelbox_server.db.session import make_engine

_names = itertools.count(1)


@dataclass
class Api:
    """Raw GraphQL over HTTP with one API key."""

    endpoint: str
    api_key: str
    client: httpx.Client

    def post(
        self, query: str, variables: dict[str, Any] | None = None, *, path: str = "/graphql"
    ) -> httpx.Response:
        url = self.endpoint.rsplit("/graphql", 1)[0] + path
        return self.client.post(
            url,
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.api_key}"},
        )

    def data(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The `data` of a request that must succeed."""
        response = self.post(query, variables)
        body = response.json()
        assert response.status_code == 200, body
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"]
        return result

    def errors(self, query: str, variables: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """The `errors` of a request that must fail (HTTP 200)."""
        response = self.post(query, variables)
        body = response.json()
        assert response.status_code == 200, body
        assert body.get("errors"), body
        errors: list[dict[str, Any]] = body["errors"]
        return errors

    def error_codes(self, query: str, variables: dict[str, Any] | None = None) -> list[str]:
        return [error["extensions"]["code"] for error in self.errors(query, variables)]

    def upload(
        self, content: bytes, filename: str | None = None, content_type: str | None = None
    ) -> str:
        """`Client.upload_data` as the official SDK sends it (part "1"); returns the URL."""
        from . import sdk_documents as docs

        operations = {
            "variables": {"file": None, "contentLength": len(content), "sign": True},
            "query": docs.UPLOAD_FILE,
        }
        part = (filename, content, content_type) if filename and content_type else ("1", content)
        response = self.client.post(
            self.endpoint,
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"1": ["variables.file"]}),
            },
            files={"1": part},
            headers={"Authorization": f"Bearer {self.api_key}"},
        )
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        url: str = body["data"]["uploadFile"]["url"]
        return url


@pytest.fixture(scope="session")
def http() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30) as client:
        yield client


@pytest.fixture(scope="session")
def server(new_database_url: Callable[[], str | None]) -> Iterator[LocalServer]:
    """One server for the session (SQLite, or a fresh PostgreSQL database with --postgres)."""
    with LocalServer(database_url=new_database_url()) as local:
        yield local


@pytest.fixture
def engine(server: LocalServer) -> Iterator[Engine]:
    """An engine on the session server's database, for tests of server components."""
    assert server.database_url is not None
    engine = make_engine(server.database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def api(server: LocalServer, http: httpx.Client) -> Api:
    """The first organization's admin."""
    return Api(server.endpoint, server.api_key, http)


@pytest.fixture(scope="session")
def other_api(server: LocalServer, http: httpx.Client) -> Api:
    """The admin of a second organization on the same server."""
    return Api(server.endpoint, server.new_organization(), http)


@pytest.fixture
def fresh_api(server: LocalServer, http: httpx.Client) -> Api:
    """The admin of a new, empty organization (for tests that list everything)."""
    return Api(server.endpoint, server.new_organization(), http)


@pytest.fixture
def unique() -> str:
    """A name prefix no other test uses."""
    return f"t{next(_names)}-"
