"""Helpers for model-assisted labeling tests: a project's predictions as the server stores
them, and a loopback HTTP server that serves import files."""

from __future__ import annotations

import http.server
import threading
from typing import Any

import labelbox as lb

PREDICTIONS = """query($id: ID!, $skip: Int, $first: PageSize) {
  project(where: {id: $id}) { predictions(skip: $skip, first: $first) {
    id uuid annotation dataRow { id } } }
}"""


def predictions(client: lb.Client, project: lb.Project) -> list[dict[str, Any]]:
    """Every prediction of the project (oldest first)."""
    found: list[dict[str, Any]] = []
    while True:
        data = client.execute(PREDICTIONS, {"id": project.uid, "skip": len(found), "first": 100})
        assert data is not None
        page = data["project"]["predictions"]
        found.extend(page)
        if len(page) < 100:
            return found


class FileServer:
    """Serves `files[path]` (bytes) on 127.0.0.1; `redirects[path]` answers a GET with a 302
    to a URL (a HEAD gets the file's headers, so the SDK's reachability check passes)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.redirects: dict[str, str] = {}
        #: (method, path) of every request.
        self.requests: list[tuple[str, str]] = []
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_HEAD(self) -> None:
                self._answer(body=False)

            def do_GET(self) -> None:
                self._answer(body=True)

            def _answer(self, *, body: bool) -> None:
                owner.requests.append((self.command, self.path))
                if body and self.path in owner.redirects:
                    self.send_response(302)
                    self.send_header("Location", owner.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                content = owner.files.get(self.path)
                if content is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                if body:
                    self.wfile.write(content)

        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.http.server_address[1]
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def close(self) -> None:
        self.http.shutdown()
        self.http.server_close()
