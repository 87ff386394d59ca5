"""Serve a `labelbox_server` tree (the one on `sys.path`) from N forked processes sharing one
socket, for trees whose `serve` has no `--http-workers` (the benchmark's "before" builds),
and the floor: a trivial Starlette endpoint under the same uvicorn settings.

    python bench/launch.py server --data-dir D [--database-url URL] --processes N
    python bench/launch.py floor --processes N

Prints `Listening on http://127.0.0.1:PORT` once the socket listens; stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import Any

import uvicorn

PROJECT = {
    "data": {
        "project": {
            "uid": "cm0000000000000000000000a",
            "name": "bench",
            "description": "",
            "createdAt": "2024-01-01T00:00:00.000Z",
            "updatedAt": "2024-01-01T00:00:00.000Z",
            "setupComplete": None,
            "lastActivityTime": None,
            "queueMode": "BATCH",
            "autoAuditNumberOfLabels": 1,
            "autoAuditPercentage": 1.0,
            "mediaType": None,
        }
    }
}


def floor_app() -> Any:
    """One `POST /graphql` route answering a fixed project, and `GET /health`."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def graphql(request: Request) -> JSONResponse:
        await request.body()
        return JSONResponse(PROJECT)

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[Route("/graphql", graphql, methods=["POST"]), Route("/health", health)]
    )


def server_app(data_dir: Path, database_url: str | None, base_url: str) -> Any:
    from labelbox_server.app import create_app
    from labelbox_server.settings import Settings

    return create_app(Settings(data_dir=data_dir, database_url=database_url), base_url=base_url)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["server", "floor"])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--database-url")
    parser.add_argument("--processes", type=int, default=1)
    args = parser.parse_args()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(2048)
    sock.set_inheritable(True)
    port = sock.getsockname()[1]
    base_url = f"http://127.0.0.1:{port}"

    def serve() -> None:
        app = (
            floor_app()
            if args.what == "floor"
            else server_app(args.data_dir, args.database_url, base_url)
        )
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
        uvicorn.Server(config).run(sockets=[sock])

    if args.what == "server":  # once, before the processes start
        from labelbox_server.provisioning import migrate
        from labelbox_server.settings import Settings

        migrate(
            Settings(data_dir=args.data_dir, database_url=args.database_url).resolved_database_url
        )
    print(f"Listening on {base_url}", flush=True)
    children = []
    for _ in range(args.processes):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            try:
                serve()
            finally:
                os._exit(0)
        children.append(pid)
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    while not stop and all(os.waitpid(pid, os.WNOHANG)[0] == 0 for pid in children):
        time.sleep(0.1)
    for pid in children:
        try:
            os.kill(pid, signal.SIGTERM)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


if __name__ == "__main__":
    main()
