"""The ASGI application: `POST /graphql`, `POST /_gql` (same schema), `GET /health`.

GraphQL work (database included) is synchronous and runs in Starlette's threadpool, so the
event loop is never blocked. Response status: 200 for GraphQL results and GraphQL errors,
401 for a missing or unknown API key, 400 for a body that is not a GraphQL request.
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
from .graphql.errors import INTERNAL_MESSAGE, INTERNAL_SERVER_ERROR, error_body
from .graphql.executor import Executor
from .graphql.schema import build_schema
from .request_body import BadRequest, read_graphql_request
from .settings import Settings

MALFORMED_REQUEST = "MALFORMED_REQUEST"
logger = logging.getLogger("labelbox_server")


def create_app(settings: Settings, *, base_url: str | None = None) -> Starlette:
    """The application for `settings`. The database must already be migrated."""
    engine = make_engine(settings.resolved_database_url)
    executor = Executor(build_schema(), SessionFactory(engine), base_url or settings.base_url())

    async def graphql_endpoint(request: Request) -> JSONResponse:
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
        yield
        engine.dispose()

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    app = Starlette(
        routes=[
            Route("/graphql", graphql_endpoint, methods=["POST"]),
            Route("/_gql", graphql_endpoint, methods=["POST"]),
            Route("/health", health, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.executor = executor
    return app
