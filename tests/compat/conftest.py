"""Fixtures for running the official SDK (labelbox==3.36.0) against our server.

This venv cannot import `labelbox_server` (it has its own `labelbox`), so the
server is started through its command line (`tests/server_process.py`):
`LABELBOX_SERVER_BIN` points at it.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import labelbox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from server_process import Server, running_server

assert labelbox.__version__ == "3.36.0", "the compat venv must hold the official SDK"


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    with running_server("lb-compat-") as running:
        yield running


@pytest.fixture(scope="session")
def client(server: Server) -> labelbox.Client:
    return labelbox.Client(api_key=server.api_key, endpoint=server.endpoint)


@pytest.fixture
def project(client: labelbox.Client, request: pytest.FixtureRequest) -> Iterator[labelbox.Project]:
    project = client.create_project(name=f"compat {request.node.name}")
    yield project
    with contextlib.suppress(labelbox.exceptions.LabelboxError):
        project.delete()


@pytest.fixture
def dataset(client: labelbox.Client, request: pytest.FixtureRequest) -> Iterator[labelbox.Dataset]:
    dataset = client.create_dataset(name=f"compat {request.node.name}")
    yield dataset
    with contextlib.suppress(labelbox.exceptions.LabelboxError):
        dataset.delete()
