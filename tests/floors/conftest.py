"""The SDK at its lowest declared dependency versions, against a server in its own process."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import labelbox as lb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from server_process import Server, running_server


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    with running_server("lb-floors-") as running:
        yield running


@pytest.fixture(scope="session")
def client(server: Server) -> Iterator[lb.Client]:
    with lb.Client(api_key=server.api_key, endpoint=server.endpoint) as client:
        yield client
