"""`serve`: the server on a socket, in one or several HTTP processes."""

from __future__ import annotations

import gc
import signal
import socket
import sys
from pathlib import Path
from types import FrameType
from typing import Annotated

import typer

from ..settings import (
    DEFAULT_HOST,
    DEFAULT_JOB_THREADS,
    DEFAULT_MAX_UPLOAD_BYTES,
    DEFAULT_PORT,
    DEFAULT_UPLOAD_URL_TTL,
    LOOPBACK_TARGETS,
    OutboundSettings,
    RequestLimits,
    WebhookSettings,
)
from .options import (
    LIMITS,
    OUTBOUND,
    WEBHOOKS,
    DatabaseUrl,
    DataDir,
    app,
    limit_option,
    settings_for,
)


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
    blob_url: Annotated[
        str | None,
        typer.Option(
            envvar="LABELBOX_SERVER_BLOB_URL",
            help="Blob store by URL: s3://BUCKET[/PREFIX] (an S3-compatible object store; "
            "credentials from the AWS environment variables or ~/.aws) or file:///PATH. "
            "Default: the directory --blob-dir.",
            rich_help_panel="Files",
        ),
    ] = None,
    s3_endpoint_url: Annotated[
        str | None,
        typer.Option(
            envvar="LABELBOX_SERVER_S3_ENDPOINT_URL",
            help="Endpoint of an S3-compatible store other than AWS (MinIO, Ceph, ...).",
            rich_help_panel="Files",
        ),
    ] = None,
    s3_region: Annotated[
        str | None,
        typer.Option(
            envvar="LABELBOX_SERVER_S3_REGION",
            help="Region of the object store (default: boto3's, e.g. AWS_REGION).",
            rich_help_panel="Files",
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
    http_workers: Annotated[
        int | None,
        typer.Option(
            envvar="LABELBOX_SERVER_HTTP_WORKERS",
            min=1,
            help="HTTP worker processes sharing the socket (default: one per CPU, at most 8).",
            rich_help_panel="Processes and threads",
        ),
    ] = None,
    job_threads: Annotated[
        int,
        typer.Option(
            envvar="LABELBOX_SERVER_JOB_THREADS",
            min=1,
            help="Background-job threads per process.",
            rich_help_panel="Processes and threads",
        ),
    ] = DEFAULT_JOB_THREADS,
    request_threads: Annotated[
        int | None,
        typer.Option(
            envvar="LABELBOX_SERVER_REQUEST_THREADS",
            min=1,
            help="Threads per process running GraphQL requests (default: 2 on SQLite, "
            "4 on PostgreSQL).",
            rich_help_panel="Processes and threads",
        ),
    ] = None,
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
    webhook_allow: Annotated[
        list[str] | None,
        typer.Option(
            envvar="LABELBOX_SERVER_WEBHOOK_ALLOW",
            help="URL prefix webhooks may be delivered to (scheme://host[:port|:*][/path]); "
            "repeat for more. Default: loopback on any port "
            f"({' '.join(LOOPBACK_TARGETS)}).",
            rich_help_panel="Webhooks",
        ),
    ] = None,
    webhook_timeout: Annotated[
        float,
        typer.Option(
            min=0.1, help="Seconds one delivery attempt may take.", rich_help_panel="Webhooks"
        ),
    ] = WEBHOOKS.timeout,
    webhook_first_retry: Annotated[
        float,
        typer.Option(
            min=0.01,
            help="Seconds before the first retry (then doubling).",
            rich_help_panel="Webhooks",
        ),
    ] = WEBHOOKS.first_retry,
    webhook_max_backoff: Annotated[
        float,
        typer.Option(min=0.01, help="Longest wait between retries.", rich_help_panel="Webhooks"),
    ] = WEBHOOKS.max_backoff,
    webhook_retry_for: Annotated[
        float,
        typer.Option(
            min=0.1, help="Seconds after an event when retries stop.", rich_help_panel="Webhooks"
        ),
    ] = WEBHOOKS.retry_for,
    rate_limit: Annotated[
        int | None,
        typer.Option(
            envvar="LABELBOX_SERVER_RATE_LIMIT",
            min=1,
            help="Requests per minute each API key may send (default: no limit); over it, "
            "HTTP 429 with Retry-After.",
        ),
    ] = None,
    skip_role_checks: Annotated[
        bool,
        typer.Option(hidden=True, help="Measure what role checks cost (benchmarks only)."),
    ] = False,
    max_body_bytes: Annotated[
        int, limit_option("Largest JSON request body.")
    ] = LIMITS.max_body_bytes,
    max_json_depth: Annotated[
        int, limit_option("Deepest JSON body nesting.")
    ] = LIMITS.max_json_depth,
    max_query_bytes: Annotated[int, limit_option("Largest query.")] = LIMITS.max_query_bytes,
    max_query_tokens: Annotated[
        int, limit_option("Most GraphQL tokens in a query.")
    ] = LIMITS.max_query_tokens,
    max_depth: Annotated[int, limit_option("Deepest field nesting.")] = LIMITS.max_depth,
    max_fields: Annotated[
        int, limit_option("Most fields, fragments expanded.")
    ] = LIMITS.max_fields,
    max_aliases: Annotated[
        int, limit_option("Most aliased fields, fragments expanded.")
    ] = LIMITS.max_aliases,
    max_field_comparisons: Annotated[
        int, limit_option("Most comparisons of same-named fields in validation.")
    ] = LIMITS.max_field_comparisons,
    max_input_depth: Annotated[
        int, limit_option("Deepest nesting of an argument value.")
    ] = LIMITS.max_input_depth,
) -> None:
    """Serve the API (and run background jobs) until SIGINT or SIGTERM."""
    import uvicorn

    from ..app import create_app
    from ..outbound import AllowRule
    from ..processes import default_http_workers, serve_forked
    from ..provisioning import migrate
    from ..rate_limits import SharedBuckets
    from ..request_id import configure_logging
    from ..storage import open_blob_store
    from ..storage.s3 import BlobStoreUnavailable

    allow = tuple(entry for value in fetch_allow or () for entry in value.split())
    hooks = (
        tuple(entry for value in webhook_allow for entry in value.split())
        if webhook_allow is not None
        else LOOPBACK_TARGETS
    )
    for option, entries in (("--fetch-allow", allow), ("--webhook-allow", hooks)):
        try:
            for entry in entries:
                AllowRule.parse(entry)
        except ValueError as error:
            typer.echo(f"error: {option}: {error}", err=True)
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
    webhooks = WebhookSettings(
        allow=hooks,
        timeout=webhook_timeout,
        first_retry=webhook_first_retry,
        max_backoff=webhook_max_backoff,
        retry_for=webhook_retry_for,
    )

    settings = settings_for(
        data_dir,
        database_url,
        host=host,
        port=port,
        public_base_url=public_url,
        blob_dir=blob_dir,
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
        enforce_roles=not skip_role_checks,
    )
    migrate(settings.resolved_database_url)
    try:
        open_blob_store(settings)  # fail now, not in every process, if it cannot be reached
    except (ValueError, BlobStoreUnavailable) as error:
        typer.echo(f"error: --blob-url: {error}", err=True)
        raise typer.Exit(2) from None
    try:
        sock = bind_socket(host, port)
    except OSError as error:
        typer.echo(f"error: cannot listen on {host}:{port}: {error.strerror or error}", err=True)
        raise typer.Exit(1) from None
    bound_port = sock.getsockname()[1]
    processes = http_workers or default_http_workers()

    configure_logging(log_level)
    rate_buckets = SharedBuckets()  # made before the fork: every HTTP process counts in it

    def run_server() -> None:
        app_ = create_app(
            settings, base_url=settings.base_url(bound_port), rate_buckets=rate_buckets
        )
        # What startup made (modules, the schema, the models) lives as long as the process:
        # kept out of the cycle collector, whose full passes would otherwise walk it all.
        gc.collect()
        gc.freeze()
        config = uvicorn.Config(app_, log_level=log_level, access_log=False, lifespan="on")
        server = uvicorn.Server(config)
        # uvicorn re-raises the stop signal after its graceful shutdown; exit quietly then.
        signal.signal(signal.SIGTERM, _exit_quietly)
        signal.signal(signal.SIGINT, _exit_quietly)
        server.run(sockets=[sock])

    display_host = f"[{host}]" if ":" in host else host
    print(f"Listening on http://{display_host}:{bound_port}", flush=True)
    try:
        if processes == 1:
            run_server()
        else:
            raise typer.Exit(serve_forked(processes, run_server))
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
