"""Fixtures for running the official SDK (labelbox==3.36.0) against our server.

This venv cannot import `labelbox_server` (it has its own `labelbox`), so the
server is started through its command line: `LABELBOX_SERVER_BIN` points at it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

import labelbox

assert labelbox.__version__ == "3.36.0", "the compat venv must hold the official SDK"


@dataclass
class Server:
    endpoint: str
    api_key: str
    data_dir: Path
    bin: str

    def new_api_key(self) -> str:
        """An API key of a second organization on the same server."""
        return _init(self.bin, self.data_dir)


def _init(server_bin: str, data_dir: Path) -> str:
    output = subprocess.run(
        [server_bin, "init", "--data-dir", str(data_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return output.strip().splitlines()[-1].strip()


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    server_bin = os.environ.get("LABELBOX_SERVER_BIN", "labelbox-server")
    with tempfile.TemporaryDirectory(prefix="lb-compat-") as directory:
        data_dir = Path(directory)
        api_key = _init(server_bin, data_dir)
        process = subprocess.Popen(
            [
                server_bin,
                "serve",
                "--data-dir",
                str(data_dir),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert process.stdout is not None
            line = ""
            for line in process.stdout:
                if line.startswith("Listening on "):
                    break
            base_url = line.removeprefix("Listening on ").strip()
            assert base_url.startswith("http://"), f"server did not start: {line!r}"
            httpx.get(f"{base_url}/health", timeout=10).raise_for_status()
            yield Server(f"{base_url}/graphql", api_key, data_dir, server_bin)
        finally:
            process.terminate()
            process.wait(timeout=20)


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
