"""`X-Request-Id`: a fresh id on every response, and on every log record of the request.

`RequestIdMiddleware` (pure ASGI) gives each HTTP request a random id, sends it back as the
`X-Request-Id` response header (whatever the route or status, a 500 included), and keeps it
in a context variable for the request's duration: `RequestIdFilter` copies it onto log
records (`%(request_id)s`), so an error logged while serving a request names the request the
client saw in its error. Work handed to threads must run in a copy of the context
(`contextvars.copy_context().run`) to keep it. With the `labelbox_server.access` logger at
INFO, each request is logged once (method, path, status, milliseconds, request id).
"""

from __future__ import annotations

import contextvars
import logging
import secrets
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = b"x-request-id"
#: The id of the request being served ("-" outside of one).
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar(
    "labelbox_request_id", default="-"
)
access_logger = logging.getLogger("labelbox_server.access")


LOG_FORMAT = (
    "%(asctime)s %(levelname)s %(name)s [pid %(process)d, request %(request_id)s] %(message)s"
)


def configure_logging(level: str) -> None:
    """Log the server's records (`labelbox_server.*`) to stderr at `level`, with the
    request id."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger("labelbox_server")
    root.addHandler(handler)
    numeric = logging.getLevelName(level.upper())
    root.setLevel(numeric if isinstance(numeric, int) else logging.DEBUG)
    root.propagate = False


def new_request_id() -> str:
    """A random request id (24 hex characters)."""
    return secrets.token_hex(12)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` (the current request's, or "-") to every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True


class RequestIdMiddleware:
    """Gives every HTTP request an id, sent back as `X-Request-Id`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = new_request_id()
        token = current_request_id.set(request_id)
        header = (HEADER, request_id.encode("ascii"))
        log_access = access_logger.isEnabledFor(logging.INFO)
        started = time.perf_counter() if log_access else 0.0
        status = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), header]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if log_access:
                access_logger.info(
                    "%s %s %s %.1fms",
                    scope.get("method", "-"),
                    scope.get("path", "-"),
                    status or "-",
                    (time.perf_counter() - started) * 1000,
                )
            current_request_id.reset(token)
