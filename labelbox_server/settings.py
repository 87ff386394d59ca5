"""Server settings: where data and files live, where the server listens, limits."""

from __future__ import annotations

from dataclasses import dataclass
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
DEFAULT_WORKER_THREADS = 2


@dataclass(frozen=True)
class Settings:
    """Settings of one server.

    `data_dir` holds the SQLite database (unless `database_url` names another database) and
    the blob store (`<data_dir>/blobs` unless `blob_dir` is given). `public_base_url` is the
    URL clients reach the server at (used for URLs the server hands out); by default
    `http://<host>:<port>`. Upload URLs expire after `upload_url_ttl` seconds; URLs stored in
    data after `stored_url_ttl`. `worker_threads` background-task threads run in the process.
    """

    data_dir: Path
    database_url: str | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    public_base_url: str | None = None
    blob_dir: Path | None = None
    upload_url_ttl: int = DEFAULT_UPLOAD_URL_TTL
    stored_url_ttl: int = DEFAULT_STORED_URL_TTL
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    worker_threads: int = DEFAULT_WORKER_THREADS

    @property
    def resolved_database_url(self) -> str:
        """`database_url`, or SQLite in the data dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / DATABASE_FILE).resolve()}"

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
