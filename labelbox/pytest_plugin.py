"""pytest plugin of the SDK (entry point `pytest11`): clients for your tests.

    def test_projects(labelbox_client):
        project = labelbox_client.create_project(name="mine")
        assert [p.uid for p in labelbox_client.get_projects()] == [project.uid]

`labelbox_client` is a `labelbox.Client` of a fresh organization on the session's local
server (the `labelbox_server` fixture of the `server` extra), so nothing one test creates is
seen by another. `labelbox_async_client` is the same as an `AsyncClient`.
`labelbox_client_as` makes clients of other people in that organization, each a new user
with a role:

    def test_labelers_cannot_delete_projects(labelbox_client, labelbox_client_as):
        project = labelbox_client.create_project(name="mine")
        labeler = labelbox_client_as("LABELER")
        with pytest.raises(labelbox.exceptions.AuthorizationError):
            labeler.get_project(project.uid).delete()

The SDK never imports the server: the server fixture is reached by name, through pytest.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest

from labelbox.async_client import AsyncClient
from labelbox.client import Client

_organizations = itertools.count(1)


def _new_organization(labelbox_server: Any, request: pytest.FixtureRequest) -> str:
    name = f"{request.node.name} ({next(_organizations)})"
    key: str = labelbox_server.new_organization(name=name)
    return key


@pytest.fixture
def labelbox_client(labelbox_server: Any, request: pytest.FixtureRequest) -> Iterator[Client]:
    """A client of a new organization, for this test only."""
    key = _new_organization(labelbox_server, request)
    with Client(api_key=key, endpoint=labelbox_server.endpoint) as client:
        yield client


@pytest.fixture
async def labelbox_async_client(
    labelbox_server: Any, request: pytest.FixtureRequest
) -> AsyncIterator[AsyncClient]:
    """An `AsyncClient` of a new organization, for this test only (needs an asyncio plugin
    for pytest, such as pytest-asyncio or anyio)."""
    key = _new_organization(labelbox_server, request)
    async with AsyncClient(api_key=key, endpoint=labelbox_server.endpoint) as client:
        yield client


@pytest.fixture
def labelbox_client_as(
    labelbox_server: Any, labelbox_client: Client
) -> Iterator[Callable[..., Client]]:
    """Clients of new users of `labelbox_client`'s organization, by role:
    `labelbox_client_as("REVIEWER")` (`ADMIN`, `TEAM_MANAGER`, `REVIEWER`, `LABELER`), or a
    project-based user, `labelbox_client_as("NONE", projects={project.uid: "LABELER"})`."""
    organization_id = labelbox_client.get_organization().uid
    made: list[Client] = []

    def client_as(role: str, *, projects: dict[str, str] | None = None) -> Client:
        user = labelbox_server.create_user(role, projects=projects, organization_id=organization_id)
        made.append(Client(api_key=user.api_key, endpoint=labelbox_server.endpoint))
        return made[-1]

    yield client_as
    for client in made:
        client.close()
