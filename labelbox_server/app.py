"""The ASGI application: `POST /graphql`, `POST /_gql` (same schema), `GET /health`,
`GET|HEAD /files/...` (signed blob URLs); background task workers run with the app.

GraphQL work (database included) is synchronous and runs in Starlette's threadpool, so the
event loop is never blocked. Response status: 200 for GraphQL results and GraphQL errors,
401 for a missing or unknown API key, 400 for a body that is not a GraphQL request (or a
multipart body larger than the upload limit).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .db.session import SessionFactory, make_engine
from .domain.tasks import discover_handlers
from .graphql.errors import INTERNAL_MESSAGE, INTERNAL_SERVER_ERROR, error_body
from .graphql.executor import Executor
from .graphql.schema import build_schema
from .request_body import BadRequest, read_graphql_request
from .settings import Settings
from .storage import DirectoryBlobStore, Storage, UrlSigner
from .storage.routes import file_routes
from .storage.signing import load_or_create_secret
from .worker import TaskRunner

MALFORMED_REQUEST = "MALFORMED_REQUEST"
#: Room for the multipart envelope around the file of an upload.
MULTIPART_OVERHEAD = 1024 * 1024
logger = logging.getLogger("labelbox_server")


def make_storage(settings: Settings, secret: bytes, base_url: str) -> Storage:
    """The blob store and URL policy of `settings`."""
    return Storage(
        blobs=DirectoryBlobStore(settings.resolved_blob_dir),
        signer=UrlSigner(secret),
        base_url=base_url,
        upload_url_ttl=settings.upload_url_ttl,
        stored_url_ttl=settings.stored_url_ttl,
        max_upload_bytes=settings.max_upload_bytes,
    )


def create_app(settings: Settings, *, base_url: str | None = None) -> Starlette:
    """The application for `settings`. The database must already be migrated."""
    engine = make_engine(settings.resolved_database_url)
    sessions = SessionFactory(engine)
    storage = make_storage(settings, load_or_create_secret(engine), base_url or settings.base_url())
    runner = TaskRunner(sessions, storage, discover_handlers(), threads=settings.worker_threads)
    executor = Executor(build_schema(), sessions, storage.base_url, storage, runner.wake)

    async def graphql_endpoint(request: Request) -> JSONResponse:
        length = request.headers.get("content-length", "")
        if (
            request.headers.get("content-type", "").startswith("multipart/form-data")
            and length.isdigit()
            and int(length) > settings.max_upload_bytes + MULTIPART_OVERHEAD
        ):
            message = f"The upload is larger than {settings.max_upload_bytes} bytes"
            return JSONResponse(error_body(message, MALFORMED_REQUEST), status_code=400)
        try:
            data = await read_graphql_request(request)
        except BadRequest as error:
            return JSONResponse(error_body(str(error), MALFORMED_REQUEST), status_code=400)
        try:
            response = await run_in_threadpool(
                executor.execute, request.headers.get("authorization"), data
            )
        except Exception:
            logger.exception("request failed")
            return JSONResponse(
                error_body(INTERNAL_MESSAGE, INTERNAL_SERVER_ERROR), status_code=500
            )
        return JSONResponse(response.body, status_code=response.status)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        runner.start()
        try:
            yield
        finally:
            await run_in_threadpool(runner.stop)
            engine.dispose()

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    app = Starlette(
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
    return app
