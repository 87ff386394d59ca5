"""Server settings: where data and files live, where the server listens, limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DATABASE_FILE = "labelbox.db"
BLOBS_DIR = "blobs"

DAY = 24 * 3600
DEFAULT_UPLOAD_URL_TTL = 7 * DAY
#: Expiry of URLs stored inside data (rows the server turned into files, task results, exports).
DEFAULT_STORED_URL_TTL = 3653 * DAY
DEFAULT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024
#: Background-job threads per process.
DEFAULT_JOB_THREADS = 2
#: Threads per process running GraphQL requests, by database: a few, since many threads
#: convoy on the GIL; more on PostgreSQL, where requests also wait on the database with the
#: GIL released (measured, 2 processes on 2 cores: 4 carry about 1.3x the mixed load of 8,
#: whose runnable threads convoy now that requests are mostly CPU; 2 carry less).
SQLITE_REQUEST_THREADS = 2
POSTGRES_REQUEST_THREADS = 4
KIB = 1024
MIB = 1024 * KIB


@dataclass(frozen=True)
class RequestLimits:
    """What one GraphQL request may cost; checked before anything is cached or run.

    The body is read only after the API key is checked: a JSON body may have
    `max_body_bytes` (a multipart upload gets `Settings.max_upload_bytes` plus room for the
    envelope) and nest `max_json_depth` levels. The query may have `max_query_bytes` and
    `max_query_tokens` (GraphQL lexical tokens). Once parsed, with fragments expanded, its
    fields may nest `max_depth` deep, it may select `max_fields` fields, `max_aliases` of
    them aliased, and its validation may compare same-named selections
    `max_field_comparisons` times. Argument values (literals and variables) may nest objects
    and lists `max_input_depth` deep (a `where` nests two levels per `AND` / `OR` / `NOT`).
    """

    max_body_bytes: int = 16 * MIB
    max_json_depth: int = 64
    max_query_bytes: int = 128 * KIB
    max_query_tokens: int = 10_000
    max_depth: int = 20
    max_fields: int = 1_000
    max_aliases: int = 200
    max_field_comparisons: int = 20_000
    max_input_depth: int = 32


@dataclass(frozen=True)
class OutboundSettings:
    """What the server may download (see `labelbox_server.outbound`).

    Only URLs matching an entry of `allow` are fetched (`scheme://host[:port][/path prefix]`,
    a host may start with `*.` to match its subdomains); every other URL is refused before
    any connection, whatever its address. Downloads stop past `max_bytes` or `timeout`
    seconds in all, and never follow redirects.
    """

    allow: tuple[str, ...] = ()
    max_bytes: int = 256 * MIB
    timeout: float = 60.0


#: Where webhooks may be delivered by default: receivers on this machine (any port).
LOOPBACK_TARGETS = ("http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*")


@dataclass(frozen=True)
class WebhookSettings:
    """Where webhooks are delivered and how hard the server tries (see `deliverer`).

    Only URLs matching an entry of `allow` (as `OutboundSettings.allow`; a port may be `*`)
    are contacted, redirects are never followed, each attempt may take `timeout` seconds.
    A delivery that fails (no answer, a timeout, HTTP 5xx, 408 or 429) is tried again after
    `first_retry` seconds, doubling up to `max_backoff`, until `retry_for` seconds after the
    event; other answers (4xx, a redirect, a refused URL) end it at once. `threads` send in
    parallel.
    """

    allow: tuple[str, ...] = LOOPBACK_TARGETS
    timeout: float = 10.0
    first_retry: float = 1.0
    max_backoff: float = 300.0
    retry_for: float = 3600.0
    threads: int = 4


@dataclass(frozen=True)
class Settings:
    """Settings of one server.

    `data_dir` holds the SQLite database (unless `database_url` names another database) and
    the blob store (`<data_dir>/blobs` unless `blob_dir` is given, or `blob_url` names a
    store: `file:///path`, or `s3://bucket/prefix` with `s3_endpoint_url` / `s3_region`). `public_base_url` is the
    URL clients reach the server at (used for URLs the server hands out); by default
    `http://<host>:<port>`. Upload URLs expire after `upload_url_ttl` seconds; URLs stored in
    data after `stored_url_ttl`. Each server process runs GraphQL requests on
    `request_threads` threads and background jobs on `job_threads` threads.
    `limits` bound the cost of each request, `outbound` what the server downloads,
    `webhooks` where and how events are delivered. `rate_limit` is how many requests per
    minute each API key may send (None: no limit; a key's own limit wins). Roles are always
    enforced; `enforce_roles=False` exists only to measure what the checks cost.
    """

    data_dir: Path
    database_url: str | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    public_base_url: str | None = None
    blob_dir: Path | None = None
    blob_url: str | None = None
    s3_endpoint_url: str | None = None
    s3_region: str | None = None
    upload_url_ttl: int = DEFAULT_UPLOAD_URL_TTL
    stored_url_ttl: int = DEFAULT_STORED_URL_TTL
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    job_threads: int = DEFAULT_JOB_THREADS
    #: None: `SQLITE_REQUEST_THREADS` or `POSTGRES_REQUEST_THREADS`, by the database.
    request_threads: int | None = None
    limits: RequestLimits = field(default_factory=RequestLimits)
    outbound: OutboundSettings = field(default_factory=OutboundSettings)
    webhooks: WebhookSettings = field(default_factory=WebhookSettings)
    rate_limit: int | None = None
    enforce_roles: bool = True

    @property
    def resolved_database_url(self) -> str:
        """`database_url`, or SQLite in the data dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / DATABASE_FILE).resolve()}"

    @property
    def resolved_request_threads(self) -> int:
        """`request_threads`, or the default for the database."""
        if self.request_threads is not None:
            return self.request_threads
        if self.resolved_database_url.startswith("sqlite"):
            return SQLITE_REQUEST_THREADS
        return POSTGRES_REQUEST_THREADS

    @property
    def resolved_blob_dir(self) -> Path:
        """`blob_dir`, or `<data_dir>/blobs`."""
        return (self.blob_dir or self.data_dir / BLOBS_DIR).resolve()

    def base_url(self, port: int | None = None) -> str:
        """The public base URL (given the real port once the socket is bound)."""
        if self.public_base_url:
            return self.public_base_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port if port is None else port}"
