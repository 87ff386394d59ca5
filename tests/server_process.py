"""A `labelbox-server` started as a separate process, for test venvs that cannot import it
(the official SDK's venv, the venv holding the SDK's lowest dependency versions).

`LABELBOX_SERVER_BIN` names the server's command (from the project's own venv). The server
runs with 2 HTTP processes (`LABELBOX_SERVER_HTTP_WORKERS` changes it), so the official SDK's
flows run against several processes sharing one socket.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass
class Server:
    endpoint: str
    api_key: str
    data_dir: Path
    bin: str

    def new_api_key(self) -> str:
        """An API key of a second organization on the same server."""
        return init(self.bin, self.data_dir)


def init(server_bin: str, data_dir: Path) -> str:
    """Initialize (or add an organization to) a data dir; returns the new API key."""
    output = subprocess.run(
        [server_bin, "init", "--data-dir", str(data_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return output.strip().splitlines()[-1].strip()


@contextmanager
def running_server(prefix: str) -> Iterator[Server]:
    """A server on SQLite in a temporary directory, on a free loopback port."""
    server_bin = os.environ.get("LABELBOX_SERVER_BIN", "labelbox-server")
    with tempfile.TemporaryDirectory(prefix=prefix) as directory:
        data_dir = Path(directory)
        api_key = init(server_bin, data_dir)
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
                "--http-workers",
                os.environ.get("LABELBOX_SERVER_HTTP_WORKERS") or "2",
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
