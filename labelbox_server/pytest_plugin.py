"""pytest plugin (entry point `pytest11`): the `labelbox_server` fixture, and
`labelbox_user`, a factory of users with a role (each with an API key).

    def test_something(labelbox_server):
        client = labelbox.Client(api_key=labelbox_server.api_key,
                                 endpoint=labelbox_server.endpoint)

    def test_labelers_cannot_delete(labelbox_server, labelbox_user):
        labeler = labelbox.Client(api_key=labelbox_user("LABELER").api_key,
                                  endpoint=labelbox_server.endpoint)
        # or: labelbox_server.clients(labelbox.Client, "LABELER", "REVIEWER")

`labelbox_server` is session-scoped: one started `LocalServer` per test session. Its database
is SQLite in a temporary directory, or the database named by the environment variable
`LABELBOX_SERVER_DATABASE_URL`; override the `labelbox_server_database_url` fixture to choose
another. This module imports nothing heavy until the fixture is used, so it never breaks a
test session: without the `server` extra, only tests using the fixture fail, saying which extra
to install.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .local import LocalServer
    from .provisioning import NewUser

DATABASE_URL_ENV = "LABELBOX_SERVER_DATABASE_URL"


@pytest.fixture(scope="session")
def labelbox_server_database_url() -> str | None:
    """The database URL for `labelbox_server` (None: SQLite in a temporary directory)."""
    return os.environ.get(DATABASE_URL_ENV) or None


@pytest.fixture(scope="session")
def labelbox_server(labelbox_server_database_url: str | None) -> Iterator[LocalServer]:
    """A started local Labelbox server for the whole test session."""
    from .extra import ServerExtraMissing, require_server_extra

    try:
        require_server_extra("the labelbox_server fixture")
    except ServerExtraMissing as error:
        pytest.fail(str(error), pytrace=False)
    from .local import LocalServer

    with LocalServer(database_url=labelbox_server_database_url) as server:
        yield server


@pytest.fixture
def labelbox_user(labelbox_server: LocalServer) -> Callable[..., NewUser]:
    """Make users of the server's organization: `labelbox_user("REVIEWER")`, or a project-
    based one, `labelbox_user("NONE", projects={project.uid: "LABELER"})`; each has an
    `api_key` (and `user_id`, `email`)."""

    def make(role: str = "LABELER", **options: Any) -> NewUser:
        return labelbox_server.create_user(role, **options)

    return make
