"""The ASGI application: `POST /graphql`, `POST /_gql` (same schema), `GET /health`,
`GET|HEAD /files/...` (signed blob URLs); background task workers run with the app.

GraphQL work (database included) is synchronous and runs in Starlette's threadpool, so the
event loop is never blocked. The API key is checked before the body is read, so a request
without a valid key costs a header and one indexed lookup. Response status: 200 for GraphQL
results and GraphQL errors (limits of the document included), 401 for a missing or unknown
API key, 413 for a body or query larger than its limit, 400 for a body that is not a
GraphQL request (or nests too deeply). Every response is JSON, a 500 too.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .db.session import SessionFactory, make_engine
from .deliverer import Deliverer
from .domain import webhooks
from .domain.tasks import discover_handlers
from .graphql.errors import (
    INTERNAL_MESSAGE,
    INTERNAL_SERVER_ERROR,
    MALFORMED_REQUEST,
    error_body,
)
from .graphql.executor import Executor
from .graphql.schema import build_schema
from .outbound import OutboundPolicy
from .rate_limits import RateLimiter, exceeded_body, retry_after_header
from .request_body import BadRequest, BodyTooLarge, read_graphql_request
from .settings import Settings
from .storage import DirectoryBlobStore, Storage, UrlSigner
from .storage.routes import file_routes
from .storage.signing import load_or_create_secret
from .worker import TaskRunner

AUTHENTICATION_ERROR = "AUTHENTICATION_ERROR"
logger = logging.getLogger("labelbox_server")


class SafeJSONResponse(JSONResponse):
    """JSON that renders whatever strings it holds (lone surrogates are escaped)."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, separators=(",", ":")).encode("ascii")


def _internal_error() -> SafeJSONResponse:
    return SafeJSONResponse(error_body(INTERNAL_MESSAGE, INTERNAL_SERVER_ERROR), status_code=500)


def make_storage(settings: Settings, secret: bytes, base_url: str) -> Storage:
    """The blob store and URL policy of `settings`."""
    return Storage(
        blobs=DirectoryBlobStore(settings.resolved_blob_dir),
        signer=UrlSigner(secret),
        base_url=base_url,
        upload_url_ttl=settings.upload_url_ttl,
        stored_url_ttl=settings.stored_url_ttl,
        max_upload_bytes=settings.max_upload_bytes,
        outbound=OutboundPolicy.from_settings(settings.outbound),
    )


def create_app(settings: Settings, *, base_url: str | None = None) -> Starlette:
    """The application for `settings`. The database must already be migrated."""
    engine = make_engine(settings.resolved_database_url)
    sessions = SessionFactory(engine)
    storage = make_storage(settings, load_or_create_secret(engine), base_url or settings.base_url())
    runner = TaskRunner(sessions, storage, discover_handlers(), threads=settings.worker_threads)
    webhooks.RETRY_FOR = timedelta(seconds=settings.webhooks.retry_for)
    deliverer = Deliverer(sessions, settings.webhooks)
    limiter = RateLimiter(settings.rate_limit)
    limits = settings.limits
    executor = Executor(
        build_schema(),
        sessions,
        storage.base_url,
        storage,
        runner.wake,
        limits=limits,
        enforce_roles=settings.enforce_roles,
    )

    async def graphql_endpoint(request: Request) -> JSONResponse:
        try:
            caller = await run_in_threadpool(
                executor.authenticate, request.headers.get("authorization")
            )
            if caller is None:
                body = error_body("Invalid API key", AUTHENTICATION_ERROR)
                return SafeJSONResponse(body, status_code=401)
            wait = limiter.acquire(caller.key_id, caller.rate_limit)
            if wait is not None:
                limit = limiter.limit_for(caller.rate_limit) or 0
                return SafeJSONResponse(
                    exceeded_body(limit, wait),
                    status_code=429,
                    headers={"Retry-After": retry_after_header(wait)},
                )
            try:
                data = await read_graphql_request(
                    request,
                    max_body_bytes=limits.max_body_bytes,
                    max_upload_bytes=settings.max_upload_bytes,
                    max_json_depth=limits.max_json_depth,
                )
            except BadRequest as error:
                status = 413 if isinstance(error, BodyTooLarge) else 400
                return SafeJSONResponse(error_body(str(error), MALFORMED_REQUEST), status)
            response = await run_in_threadpool(executor.execute, caller, data)
        except Exception:
            logger.exception("request failed")
            return _internal_error()
        return SafeJSONResponse(response.body, status_code=response.status)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        runner.start()
        deliverer.start()
        try:
            yield
        finally:
            await run_in_threadpool(deliverer.stop)
            await run_in_threadpool(runner.stop)
            engine.dispose()

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def server_error(_request: Request, _error: Exception) -> JSONResponse:
        return _internal_error()

    app = Starlette(
        exception_handlers={Exception: server_error},
        routes=[
            Route("/graphql", graphql_endpoint, methods=["POST"]),
            Route("/_gql", graphql_endpoint, methods=["POST"]),
            Route("/health", health, methods=["GET"]),
            *file_routes(storage),
        ],
        lifespan=lifespan,
    )
    app.state.executor = executor
    app.state.storage = storage
    app.state.tasks = runner
    app.state.deliverer = deliverer
    return app
