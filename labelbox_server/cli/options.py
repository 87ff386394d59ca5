"""The `labelbox-server` typer app and the options its commands share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from ..settings import (
    DEFAULT_HOST,
    DEFAULT_JOB_THREADS,
    DEFAULT_MAX_UPLOAD_BYTES,
    DEFAULT_PORT,
    DEFAULT_UPLOAD_URL_TTL,
    OutboundSettings,
    RequestLimits,
    Settings,
    WebhookSettings,
)

LIMITS = RequestLimits()
OUTBOUND = OutboundSettings()
WEBHOOKS = WebhookSettings()

app = typer.Typer(
    name="labelbox-server",
    help="A local Labelbox API server (GraphQL) for offline use and tests.",
    no_args_is_help=True,
    add_completion=False,
)

DataDir = Annotated[
    Path,
    typer.Option(
        "--data-dir",
        envvar="LABELBOX_SERVER_DATA_DIR",
        help="Directory for the SQLite database and files (created if missing).",
    ),
]
DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar="LABELBOX_SERVER_DATABASE_URL",
        help="SQLAlchemy URL, e.g. postgresql+psycopg://user@host/db (default: SQLite in DATA_DIR).",
    ),
]


@contextmanager
def api_errors_reported() -> Iterator[None]:
    """An `ApiError` raised in the block ends the command: its message on stderr, exit 1."""
    from ..errors import ApiError

    try:
        yield
    except ApiError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None


def limit_option(help_text: str) -> Any:
    """A `serve` option for a field of `RequestLimits` (named after the parameter)."""
    return typer.Option(help=help_text, min=1, rich_help_panel="Request limits")


def settings_for(
    data_dir: Path,
    database_url: str | None,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    public_base_url: str | None = None,
    blob_dir: Path | None = None,
    blob_url: str | None = None,
    s3_endpoint_url: str | None = None,
    s3_region: str | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    upload_url_ttl: int = DEFAULT_UPLOAD_URL_TTL,
    job_threads: int = DEFAULT_JOB_THREADS,
    request_threads: int | None = None,
    limits: RequestLimits = LIMITS,
    outbound: OutboundSettings = OUTBOUND,
    webhooks: WebhookSettings = WEBHOOKS,
    rate_limit: int | None = None,
    enforce_roles: bool = True,
) -> Settings:
    data_dir.mkdir(parents=True, exist_ok=True)
    return Settings(
        data_dir=data_dir.resolve(),
        database_url=database_url,
        host=host,
        port=port,
        public_base_url=public_base_url,
        blob_dir=blob_dir.resolve() if blob_dir is not None else None,
        blob_url=blob_url,
        s3_endpoint_url=s3_endpoint_url,
        s3_region=s3_region,
        max_upload_bytes=max_upload_bytes,
        upload_url_ttl=upload_url_ttl,
        job_threads=job_threads,
        request_threads=request_threads,
        limits=limits,
        outbound=outbound,
        webhooks=webhooks,
        rate_limit=rate_limit,
        enforce_roles=enforce_roles,
    )


RateLimit = Annotated[
    int | None,
    typer.Option(
        min=0, help="The key's own limit of requests per minute (0: none; default: the server's)."
    ),
]
