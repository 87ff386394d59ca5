"""`labelbox-server`: create a local Labelbox server's database and keys, and serve it.

    labelbox-server init --data-dir DIR [--database-url URL] [--organization NAME] [--email EMAIL]
    labelbox-server serve --data-dir DIR [--host 127.0.0.1] [--port 8080] [--database-url URL]
                          [--blob-dir DIR] [--max-upload-bytes N] [--upload-url-ttl SECONDS]
                          [--workers N] [--fetch-allow URL_PREFIX ...] [--fetch-max-bytes N]
                          [--fetch-timeout SECONDS] [--max-body-bytes N] [--max-depth N] ...
    labelbox-server create-key --data-dir DIR --email EMAIL [--database-url URL]
    labelbox-server create-slice --data-dir DIR --email EMAIL --name NAME --filter JSON
                                 [--description TEXT] [--database-url URL]

`init` and `create-key` print the new API key as the last line of their output, `create-slice`
the new catalog slice's id (its filter is a JSON list of conditions, see
`domain.catalog_slices`). `serve`
prints `Listening on http://HOST:PORT` once the socket listens (`--port 0` picks a free port)
and stops cleanly on SIGINT or SIGTERM. Every request limit of `settings.RequestLimits` is
an option of `serve` (`--max-fields`, `--max-depth`, ...).
"""

from __future__ import annotations

import signal
import socket
import sys
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer

from .settings import (
    DEFAULT_HOST,
    DEFAULT_MAX_UPLOAD_BYTES,
    DEFAULT_PORT,
    DEFAULT_UPLOAD_URL_TTL,
    DEFAULT_WORKER_THREADS,
    OutboundSettings,
    RequestLimits,
    Settings,
)

LIMITS = RequestLimits()
OUTBOUND = OutboundSettings()

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


def _limit(help_text: str) -> Any:
    """A `serve` option for a field of `RequestLimits` (named after the parameter)."""
    return typer.Option(help=help_text, min=1, rich_help_panel="Request limits")


def _settings(
    data_dir: Path,
    database_url: str | None,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    public_base_url: str | None = None,
    blob_dir: Path | None = None,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    upload_url_ttl: int = DEFAULT_UPLOAD_URL_TTL,
    worker_threads: int = DEFAULT_WORKER_THREADS,
    limits: RequestLimits = LIMITS,
    outbound: OutboundSettings = OUTBOUND,
) -> Settings:
    data_dir.mkdir(parents=True, exist_ok=True)
    return Settings(
        data_dir=data_dir.resolve(),
        database_url=database_url,
        host=host,
        port=port,
        public_base_url=public_base_url,
        blob_dir=blob_dir.resolve() if blob_dir is not None else None,
        max_upload_bytes=max_upload_bytes,
        upload_url_ttl=upload_url_ttl,
        worker_threads=worker_threads,
        limits=limits,
        outbound=outbound,
    )


@app.command()
def init(
    data_dir: DataDir,
    database_url: DatabaseUrl = None,
    organization: Annotated[
        str | None, typer.Option(help="Organization name (default: Local Organization [N]).")
    ] = None,
    email: Annotated[
        str | None, typer.Option(help="Admin email (default: admin@<organization-slug>.local).")
    ] = None,
) -> None:
    """Create (or upgrade) the database and a new organization with an admin user.

    Prints the admin's API key as the last line.
    """
    from .errors import ApiError
    from .provisioning import initialize

    settings = _settings(data_dir, database_url)
    try:
        result = initialize(settings.resolved_database_url, organization=organization, email=email)
    except ApiError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Organization: {result.organization_name} ({result.organization_id})")
    typer.echo(f"Admin user: {result.email} ({result.user_id})")
    typer.echo("API key:")
    typer.echo(result.api_key)


@app.command("create-key")
def create_key(
    data_dir: DataDir,
    email: Annotated[str, typer.Option(help="Email of an existing user.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Issue a new API key for an existing user. Prints the key as the last line."""
    from .errors import ApiError
    from .provisioning import create_key as issue

    settings = _settings(data_dir, database_url)
    try:
        key = issue(settings.resolved_database_url, email)
    except ApiError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(key)


@app.command("create-slice")
def create_slice(
    data_dir: DataDir,
    email: Annotated[str, typer.Option(help="Email of a user of the slice's organization.")],
    name: Annotated[str, typer.Option(help="The slice's name.")],
    filter_json: Annotated[
        str,
        typer.Option(
            "--filter",
            help='JSON list of conditions, e.g. \'[{"type": "dataset", "operator": "is", '
            '"ids": ["..."]}]\'.',
        ),
    ],
    description: Annotated[str | None, typer.Option(help="A description.")] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Save a catalog slice (a filter of the organization's data rows). Prints its id last."""
    import json

    from .errors import ApiError
    from .provisioning import create_catalog_slice

    try:
        filter_ = json.loads(filter_json)
    except ValueError as error:
        typer.echo(f"error: --filter is not JSON: {error}", err=True)
        raise typer.Exit(2) from None
    settings = _settings(data_dir, database_url)
    try:
        slice_id = create_catalog_slice(
            settings.resolved_database_url, email, name, filter_, description
        )
    except ApiError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(slice_id)


@app.command()
def serve(
    data_dir: DataDir,
    database_url: DatabaseUrl = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = DEFAULT_HOST,
    port: Annotated[int, typer.Option(help="Port; 0 picks a free one.")] = DEFAULT_PORT,
    public_url: Annotated[
        str | None, typer.Option(help="Base URL clients use (default: http://HOST:PORT).")
    ] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "warning",
    blob_dir: Annotated[
        Path | None,
        typer.Option(
            envvar="LABELBOX_SERVER_BLOB_DIR", help="Blob store (default: DATA_DIR/blobs)."
        ),
    ] = None,
    max_upload_bytes: Annotated[
        int,
        typer.Option(envvar="LABELBOX_SERVER_MAX_UPLOAD_BYTES", help="Largest accepted upload."),
    ] = DEFAULT_MAX_UPLOAD_BYTES,
    upload_url_ttl: Annotated[
        int,
        typer.Option(envvar="LABELBOX_SERVER_UPLOAD_URL_TTL", help="Upload URL lifetime (s)."),
    ] = DEFAULT_UPLOAD_URL_TTL,
    workers: Annotated[
        int,
        typer.Option(envvar="LABELBOX_SERVER_WORKERS", help="Background job threads."),
    ] = DEFAULT_WORKER_THREADS,
    fetch_allow: Annotated[
        list[str] | None,
        typer.Option(
            envvar="LABELBOX_SERVER_FETCH_ALLOW",
            help="URL prefix (scheme://host, optionally :port and /path) the server may "
            "download import files from; repeat for more (environment: separated by spaces). "
            "Default: none, only the server's own file URLs.",
            rich_help_panel="Downloads",
        ),
    ] = None,
    fetch_max_bytes: Annotated[
        int,
        typer.Option(
            envvar="LABELBOX_SERVER_FETCH_MAX_BYTES",
            min=1,
            help="Largest download.",
            rich_help_panel="Downloads",
        ),
    ] = OUTBOUND.max_bytes,
    fetch_timeout: Annotated[
        float,
        typer.Option(
            envvar="LABELBOX_SERVER_FETCH_TIMEOUT",
            min=0.1,
            help="Seconds a download may take in all.",
            rich_help_panel="Downloads",
        ),
    ] = OUTBOUND.timeout,
    max_body_bytes: Annotated[int, _limit("Largest JSON request body.")] = LIMITS.max_body_bytes,
    max_json_depth: Annotated[int, _limit("Deepest JSON body nesting.")] = LIMITS.max_json_depth,
    max_query_bytes: Annotated[int, _limit("Largest query.")] = LIMITS.max_query_bytes,
    max_query_tokens: Annotated[
        int, _limit("Most GraphQL tokens in a query.")
    ] = LIMITS.max_query_tokens,
    max_depth: Annotated[int, _limit("Deepest field nesting.")] = LIMITS.max_depth,
    max_fields: Annotated[int, _limit("Most fields, fragments expanded.")] = LIMITS.max_fields,
    max_aliases: Annotated[
        int, _limit("Most aliased fields, fragments expanded.")
    ] = LIMITS.max_aliases,
    max_field_comparisons: Annotated[
        int, _limit("Most comparisons of same-named fields in validation.")
    ] = LIMITS.max_field_comparisons,
    max_input_depth: Annotated[
        int, _limit("Deepest nesting of an argument value.")
    ] = LIMITS.max_input_depth,
) -> None:
    """Serve the API (and run background jobs) until SIGINT or SIGTERM."""
    import uvicorn

    from .app import create_app
    from .outbound import AllowRule
    from .provisioning import migrate

    allow = tuple(entry for value in fetch_allow or () for entry in value.split())
    try:
        for entry in allow:
            AllowRule.parse(entry)
    except ValueError as error:
        typer.echo(f"error: --fetch-allow: {error}", err=True)
        raise typer.Exit(2) from None
    limits = RequestLimits(
        max_body_bytes=max_body_bytes,
        max_json_depth=max_json_depth,
        max_query_bytes=max_query_bytes,
        max_query_tokens=max_query_tokens,
        max_depth=max_depth,
        max_fields=max_fields,
        max_aliases=max_aliases,
        max_field_comparisons=max_field_comparisons,
        max_input_depth=max_input_depth,
    )
    outbound = OutboundSettings(allow=allow, max_bytes=fetch_max_bytes, timeout=fetch_timeout)

    settings = _settings(
        data_dir,
        database_url,
        host=host,
        port=port,
        public_base_url=public_url,
        blob_dir=blob_dir,
        max_upload_bytes=max_upload_bytes,
        upload_url_ttl=upload_url_ttl,
        worker_threads=workers,
        limits=limits,
        outbound=outbound,
    )
    migrate(settings.resolved_database_url)
    try:
        sock = bind_socket(host, port)
    except OSError as error:
        typer.echo(f"error: cannot listen on {host}:{port}: {error.strerror or error}", err=True)
        raise typer.Exit(1) from None
    bound_port = sock.getsockname()[1]
    app_ = create_app(settings, base_url=settings.base_url(bound_port))
    config = uvicorn.Config(app_, log_level=log_level, access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    # uvicorn re-raises the stop signal after its graceful shutdown; exit quietly then.
    signal.signal(signal.SIGTERM, _exit_quietly)
    signal.signal(signal.SIGINT, _exit_quietly)
    display_host = f"[{host}]" if ":" in host else host
    print(f"Listening on http://{display_host}:{bound_port}", flush=True)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def _exit_quietly(_signum: int, _frame: FrameType | None) -> None:
    sys.exit(0)


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one), ready for uvicorn."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on accepted sockets whose proto
    # says TCP; without it every response waits ~40 ms for delayed ACKs (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def main() -> None:
    """Console-script entry point."""
    app()
