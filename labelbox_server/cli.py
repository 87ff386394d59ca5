"""`labelbox-server`: create a local Labelbox server's database and keys, and serve it.

    labelbox-server init --data-dir DIR [--database-url URL] [--organization NAME] [--email EMAIL]
    labelbox-server serve --data-dir DIR [--host 127.0.0.1] [--port 8080] [--database-url URL]
                          [--blob-dir DIR | --blob-url s3://BUCKET/PREFIX [--s3-endpoint-url URL]]
                          [--max-upload-bytes N] [--upload-url-ttl SECONDS]
                          [--http-workers N] [--job-threads N] [--request-threads N]
                          [--fetch-allow URL_PREFIX ...] [--fetch-max-bytes N]
                          [--fetch-timeout SECONDS] [--max-body-bytes N] [--max-depth N] ...
    labelbox-server create-key --data-dir DIR --email EMAIL [--rate-limit N]
    labelbox-server create-user --data-dir DIR --role LABELER [--email EMAIL]
                                [--project PROJECT_ID:ROLE ...] [--rate-limit N]
    labelbox-server accept-invite --data-dir DIR --email EMAIL
    labelbox-server keys list --data-dir DIR [--email EMAIL]
    labelbox-server keys revoke --data-dir DIR KEY_ID
    labelbox-server iam-integration create --data-dir DIR --name NAME --provider AWS|GCP ...
    labelbox-server create-slice --data-dir DIR --email EMAIL --name NAME --filter JSON
                                 [--description TEXT] [--database-url URL]

`init`, `create-key`, `create-user` and `accept-invite` print the new API key as the last
line of their output; `keys list` shows ids and first characters of keys, never keys;
`create-slice` prints the new catalog slice's id (its filter is a JSON list of conditions,
see `domain.catalog_slices`). `serve`
prints `Listening on http://HOST:PORT` once the socket listens (`--port 0` picks a free port)
and stops cleanly on SIGINT or SIGTERM. `--http-workers N` serves the socket from N
processes (default: one per CPU, at most 8); each runs `--request-threads` threads of GraphQL
work and `--job-threads` background-job threads. Every request limit of `settings.RequestLimits` is
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
    DEFAULT_JOB_THREADS,
    DEFAULT_MAX_UPLOAD_BYTES,
    DEFAULT_PORT,
    DEFAULT_UPLOAD_URL_TTL,
    LOOPBACK_TARGETS,
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


RateLimit = Annotated[
    int | None,
    typer.Option(
        min=0, help="The key's own limit of requests per minute (0: none; default: the server's)."
    ),
]


@app.command("create-key")
def create_key(
    data_dir: DataDir,
    email: Annotated[str, typer.Option(help="Email of an existing user.")],
    database_url: DatabaseUrl = None,
    rate_limit: RateLimit = None,
) -> None:
    """Issue a new API key for an existing user. Prints the key as the last line."""
    from .errors import ApiError
    from .provisioning import create_key as issue

    settings = _settings(data_dir, database_url)
    try:
        key = issue(settings.resolved_database_url, email, rate_limit=rate_limit)
    except ApiError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(key)


@app.command("create-user")
def create_user(
    data_dir: DataDir,
    role: Annotated[
        str, typer.Option(help="Organization role: ADMIN, TEAM_MANAGER, REVIEWER, LABELER or NONE.")
    ],
    email: Annotated[str | None, typer.Option(help="Email (default: <role>-<n>@local).")] = None,
    project: Annotated[
        list[str] | None,
        typer.Option(help="PROJECT_ID:ROLE, a project role of a NONE user (repeatable)."),
    ] = None,
    organization_id: Annotated[
        str | None, typer.Option(help="Organization (default: the first one).")
    ] = None,
    database_url: DatabaseUrl = None,
    rate_limit: RateLimit = None,
) -> None:
    """Create a user with a role and an API key. Prints the key as the last line."""
    from .errors import ApiError
    from .provisioning import create_user as make

    pairs = []
    for entry in project or ():
        project_id, separator, project_role = entry.partition(":")
        if not separator or not project_id or not project_role:
            typer.echo(f"error: --project {entry!r} is not PROJECT_ID:ROLE", err=True)
            raise typer.Exit(2)
        pairs.append((project_id, project_role))
    settings = _settings(data_dir, database_url)
    url = settings.resolved_database_url
    try:
        if email is None:
            from .provisioning import list_keys

            email = f"{role.lower().replace('_', '-')}-{len(list_keys(url)) + 1}@users.local"
        made = make(
            url,
            email=email,
            role=role,
            organization_id=organization_id,
            project_roles=pairs,
            rate_limit=rate_limit,
        )
    except ApiError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"User: {made.email} ({made.user_id}), role {made.role}")
    typer.echo("API key:")
    typer.echo(made.api_key)


@app.command("accept-invite")
def accept_invite(
    data_dir: DataDir,
    email: Annotated[str, typer.Option(help="The invitee's email.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Turn a pending invite into a user (the local server sends no email). Prints the new
    user's API key as the last line."""
    from .errors import ApiError
    from .provisioning import accept_invite as accept

    settings = _settings(data_dir, database_url)
    try:
        made = accept(settings.resolved_database_url, email)
    except ApiError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"User: {made.email} ({made.user_id}), role {made.role}")
    typer.echo("API key:")
    typer.echo(made.api_key)


keys_app = typer.Typer(help="List and revoke API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("list")
def list_keys(
    data_dir: DataDir,
    email: Annotated[str | None, typer.Option(help="Only this user's keys.")] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Every API key: id, first characters, user, created, revoked, own rate limit."""
    from .errors import ApiError
    from .provisioning import list_keys as keys

    settings = _settings(data_dir, database_url)
    try:
        found = keys(settings.resolved_database_url, email)
    except ApiError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None
    for key in found:
        state = "revoked" if key.revoked else "active"
        limit = "-" if key.rate_limit is None else str(key.rate_limit)
        typer.echo(
            f"{key.id}  {key.prefix}...  {key.email}  {key.created_at:%Y-%m-%d %H:%M}  "
            f"{state}  rate-limit={limit}"
        )


@keys_app.command("revoke")
def revoke_key(
    data_dir: DataDir,
    key_id: Annotated[str, typer.Argument(help="The key's id (see `keys list`).")],
    database_url: DatabaseUrl = None,
) -> None:
    """Revoke an API key: it stops working at once."""
    from .errors import ApiError
    from .provisioning import revoke_key as revoke

    settings = _settings(data_dir, database_url)
    try:
        key = revoke(settings.resolved_database_url, key_id)
    except ApiError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Revoked {key.id} ({key.prefix}..., {key.email})")


iam_app = typer.Typer(help="Record IAM (delegated access) integrations.", no_args_is_help=True)
app.add_typer(iam_app, name="iam-integration")


@iam_app.command("create")
def create_iam_integration(
    data_dir: DataDir,
    name: Annotated[str, typer.Option(help="The integration's name.")],
    provider: Annotated[str, typer.Option(help="AWS or GCP.")] = "AWS",
    role_arn: Annotated[str | None, typer.Option(help="AWS: the role to assume.")] = None,
    service_account: Annotated[str | None, typer.Option(help="GCP: service account.")] = None,
    read_bucket: Annotated[str | None, typer.Option(help="GCP: the bucket.")] = None,
    default: Annotated[bool, typer.Option(help="Make it the organization's default.")] = False,
    invalid: Annotated[bool, typer.Option(help="Record it as not valid.")] = False,
    organization_id: Annotated[
        str | None, typer.Option(help="Organization (default: the first one).")
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Record an integration; prints its id."""
    from .errors import ApiError
    from .provisioning import create_iam_integration as create

    settings = _settings(data_dir, database_url)
    try:
        integration_id = create(
            settings.resolved_database_url,
            name=name,
            provider=provider,
            organization_id=organization_id,
            role_arn=role_arn,
            service_account_email_id=service_account,
            read_bucket=read_bucket,
            valid=not invalid,
            default=default,
        )
    except ApiError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(integration_id)


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
            "8 on PostgreSQL).",
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
    from .processes import default_http_workers, serve_forked
    from .provisioning import migrate
    from .request_id import configure_logging
    from .storage import open_blob_store
    from .storage.s3 import BlobStoreUnavailable

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

    settings = _settings(
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

    def run_server() -> None:
        app_ = create_app(settings, base_url=settings.base_url(bound_port))
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


def main() -> None:
    """Console-script entry point."""
    app()
