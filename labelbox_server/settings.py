"""Server settings: where data lives and where the server listens."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8080
DATABASE_FILE = "labelbox.db"


@dataclass(frozen=True)
class Settings:
    """Settings of one server.

    `data_dir` holds the SQLite database (unless `database_url` names another database) and,
    later, uploaded files. `public_base_url` is the URL clients reach the server at (used for
    URLs the server hands out); by default `http://<host>:<port>`.
    """

    data_dir: Path
    database_url: str | None = None
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    public_base_url: str | None = None

    @property
    def resolved_database_url(self) -> str:
        """`database_url`, or SQLite in the data dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / DATABASE_FILE).resolve()}"

    def base_url(self, port: int | None = None) -> str:
        """The public base URL (given the real port once the socket is bound)."""
        if self.public_base_url:
            return self.public_base_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port if port is None else port}"
