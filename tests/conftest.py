"""Shared pytest configuration for all test directories.

Keep each concern in its own clearly separated section.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pg_cluster import PostgresCluster


def pytest_addoption(parser: pytest.Parser) -> None:
    add_postgres_option(parser)
    parser.addoption(
        "--http-workers",
        type=int,
        default=None,
        help="HTTP processes of every server the tests start (LocalServer's default: 1)",
    )


def pytest_configure(config: pytest.Config) -> None:
    workers = config.getoption("--http-workers", default=None)
    if workers:
        # Read by LocalServer (and `labelbox-server serve`) in this process and its children.
        os.environ["LABELBOX_SERVER_HTTP_WORKERS"] = str(workers)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules with a `slow` test first (otherwise in collection order): with pytest-xdist
    their long tests then run beside the short ones instead of ending the run alone."""
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)


# ---------------------------------------------------------------------------------------------
# PostgreSQL (`--postgres`): one throwaway cluster per session; every server fixture gets a
# fresh database in it. Without the option, servers use SQLite in a temporary directory.
# ---------------------------------------------------------------------------------------------


def add_postgres_option(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgres",
        action="store_true",
        default=False,
        help="run server-backed tests on a throwaway PostgreSQL cluster instead of SQLite",
    )


@pytest.fixture(scope="session")
def postgres_cluster(request: pytest.FixtureRequest) -> Iterator[PostgresCluster | None]:
    """The session's PostgreSQL cluster with `--postgres`, else None."""
    if not request.config.getoption("--postgres"):
        yield None
        return
    from pg_cluster import PostgresCluster

    with PostgresCluster.start() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def new_database_url(postgres_cluster: PostgresCluster | None) -> Callable[[], str | None]:
    """Call it for a fresh database URL: a new PostgreSQL database with `--postgres`, else
    None (the server then uses SQLite in its own data dir)."""

    def make() -> str | None:
        return postgres_cluster.create_database() if postgres_cluster is not None else None

    return make


@pytest.fixture(scope="session")
def labelbox_server_database_url(new_database_url: Callable[[], str | None]) -> str | None:
    """Overrides the `labelbox_server` plugin's database choice (see above)."""
    return new_database_url()
