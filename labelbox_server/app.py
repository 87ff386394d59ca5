"""The ASGI application: `POST /graphql`, `POST /_gql` (same schema), `GET /health`,
`GET|HEAD /files/...` (signed blob URLs); background task workers run with the app.

The event loop reads requests and writes responses; GraphQL execution and every database
access run on a small `RequestLane` of threads, so the loop is never blocked by a request,
the job runner or a database wait. The API key is checked before the body is read, from a
short cache of known keys (no database access) or with one lookup, so a request without a
valid key costs a header and one indexed lookup. Response status: 200 for GraphQL results
and GraphQL errors (limits of the document included), 401 for a missing or unknown API
key, 413 for a body or query larger than its limit, 400 for a body that is not a GraphQL
request (or nests too deeply). Every response is JSON (a 500 too) and carries an
`X-Request-Id` (see `request_id`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp

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
from .lane import RequestLane
from .outbound import OutboundPolicy
from .rate_limits import RateLimiter, SharedBuckets, exceeded_body, retry_after_header
from .request_body import BadRequest, BodyTooLarge, read_graphql_request
from .request_id import RequestIdMiddleware
from .responses import FastJSONResponse
from .settings import Settings
from .storage import Storage, UrlSigner, open_blob_store
from .storage.routes import file_routes
from .storage.signing import load_or_create_secret
from .worker import TaskRunner

AUTHENTICATION_ERROR = "AUTHENTICATION_ERROR"
logger = logging.getLogger("labelbox_server")


class App(Starlette):
    """Starlette with `RequestIdMiddleware` outermost, so every response (a 500 from the
    error handler included) carries `X-Request-Id`."""

    def build_middleware_stack(self) -> ASGIApp:
        return RequestIdMiddleware(super().build_middleware_stack())


def _internal_error() -> FastJSONResponse:
    return FastJSONResponse(error_body(INTERNAL_MESSAGE, INTERNAL_SERVER_ERROR), status_code=500)


def make_storage(settings: Settings, secret: bytes, base_url: str) -> Storage:
    """The blob store and URL policy of `settings`."""
    return Storage(
        blobs=open_blob_store(settings),
        signer=UrlSigner(secret),
        base_url=base_url,
        upload_url_ttl=settings.upload_url_ttl,
        stored_url_ttl=settings.stored_url_ttl,
        max_upload_bytes=settings.max_upload_bytes,
        outbound=OutboundPolicy.from_settings(settings.outbound),
    )


def create_app(
    settings: Settings, *, base_url: str | None = None, rate_buckets: SharedBuckets | None = None
) -> App:
    """The application for `settings`. The database must already be migrated. `rate_buckets`:
    the rate-limit table shared with the other processes of a `serve` (default: its own)."""
    # Threads using sessions: requests, jobs and their heartbeat, webhooks, and startup's.
    threads = settings.resolved_request_threads + settings.job_threads + settings.webhooks.threads
    engine = make_engine(settings.resolved_database_url, threads=threads + 2)
    sessions = SessionFactory(engine)
    storage = make_storage(settings, load_or_create_secret(engine), base_url or settings.base_url())
    runner = TaskRunner(sessions, storage, discover_handlers(), threads=settings.job_threads)
    webhooks.RETRY_FOR = timedelta(seconds=settings.webhooks.retry_for)
    deliverer = Deliverer(sessions, settings.webhooks)
    limiter = RateLimiter(settings.rate_limit, rate_buckets)
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
    authenticator = executor.authenticator
    lane = RequestLane(settings.resolved_request_threads)

    async def graphql_endpoint(request: Request) -> JSONResponse:
        try:
            key_hash = authenticator.key_hash(request.headers.get("authorization"))
            caller = None
            if key_hash is not None:
                caller = authenticator.cached(key_hash) or await lane.run(
                    authenticator.lookup, key_hash
                )
            if caller is None:
                body = error_body("Invalid API key", AUTHENTICATION_ERROR)
                return FastJSONResponse(body, status_code=401)
            wait = limiter.acquire(caller.key_id, caller.rate_limit)
            if wait is not None:
                limit = limiter.limit_for(caller.rate_limit) or 0
                return FastJSONResponse(
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
                return FastJSONResponse(error_body(str(error), MALFORMED_REQUEST), status)
            response = await lane.run(executor.execute, caller, data)
        except Exception:
            logger.exception("request failed")
            return _internal_error()
        return FastJSONResponse(response.body, status_code=response.status)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        runner.start()
        deliverer.start()
        try:
            yield
        finally:
            await run_in_threadpool(deliverer.stop)
            await run_in_threadpool(runner.stop)
            await run_in_threadpool(lane.shutdown)
            engine.dispose()

    async def health(_request: Request) -> JSONResponse:
        return FastJSONResponse({"status": "ok"})

    async def server_error(_request: Request, _error: Exception) -> JSONResponse:
        return _internal_error()

    app = App(
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
    app.state.lane = lane
    app.state.deliverer = deliverer
    return app
