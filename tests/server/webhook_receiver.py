"""A loopback HTTP server receiving webhooks: records every request and answers with the
statuses it is told (one per request, then the last one again)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes
    answered: int

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def topic(self) -> str:
        return self.headers["x-labelbox-event"]

    @property
    def delivery_id(self) -> str:
        return self.headers["x-labelbox-id"]

    def signed_with(self, secret: str) -> bool:
        key = secret.encode()
        sha1 = "sha1=" + hmac.new(key, self.body, hashlib.sha1).hexdigest()
        sha256 = "sha256=" + hmac.new(key, self.body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(self.headers["x-hub-signature"], sha1) and hmac.compare_digest(
            self.headers["x-hub-signature-256"], sha256
        )


class WebhookReceiver:
    """`url`: where to send; `received`: every request, in order; `statuses`: the answers."""

    def __init__(self, statuses: tuple[int, ...] = (200,), delay: float = 0.0) -> None:
        self.statuses = list(statuses)
        self.delay = delay
        self.received: list[Received] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                if receiver.delay:
                    time.sleep(receiver.delay)
                with receiver._lock:
                    status = receiver.statuses[0]
                    if len(receiver.statuses) > 1:
                        receiver.statuses.pop(0)
                    receiver.received.append(
                        Received(
                            self.path,
                            {k.lower(): v for k, v in self.headers.items()},
                            body,
                            status,
                        )
                    )
                self.send_response(status)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hook"

    def answer(self, *statuses: int) -> None:
        with self._lock:
            self.statuses = list(statuses)

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        """The requests once there are at least `count` (AssertionError after `timeout`)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.received) >= count:
                    return list(self.received)
            time.sleep(0.02)
        raise AssertionError(f"{len(self.received)} of {count} webhook requests arrived")

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
