"""pytest plugin (entry point `pytest11`): the `labelbox_server` fixture.

    def test_something(labelbox_server):
        client = labelbox.Client(api_key=labelbox_server.api_key,
                                 endpoint=labelbox_server.endpoint)

`labelbox_server` is session-scoped: one started `LocalServer` per test session. Its database
is SQLite in a temporary directory, or the database named by the environment variable
`LABELBOX_SERVER_DATABASE_URL`; override the `labelbox_server_database_url` fixture to choose
another. This module imports nothing heavy until the fixture is used, so it never breaks a
test session: without the `server` extra, only tests using the fixture fail, saying which extra
to install.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .local import LocalServer

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
