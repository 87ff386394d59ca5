"""A throwaway PostgreSQL cluster for tests (`pytest --postgres`).

    with PostgresCluster.start() as cluster:
        url = cluster.create_database()  # postgresql+psycopg://postgres@127.0.0.1:PORT/db_1

Binaries come from `pg_config --bindir`, else `/usr/lib/postgresql/*/bin` (newest first). The
cluster lives in a temporary directory, listens on 127.0.0.1 on a free port (unix socket in the
same directory), trusts local connections, and is stopped and removed on exit. PostgreSQL
refuses to run as root: as root, the server programs run as the `postgres` system user (via
`runuser`) and the directory is handed to that user.

The cluster's default collation is deliberately not "C" (an ICU or en_US locale when
available), so tests prove the server does not depend on the cluster's locale.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

SUPERUSER = "postgres"
SYSTEM_USER = "postgres"


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries were found."""


def find_bindir() -> Path:
    """The directory with `initdb`, `pg_ctl` and `postgres`."""
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        candidate = Path(out.stdout.strip())
        if out.returncode == 0 and (candidate / "initdb").exists():
            return candidate
    for candidate in sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    ):
        if (candidate / "initdb").exists():
            return candidate
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) not found")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresCluster:
    """A running throwaway cluster; `create_database()` returns SQLAlchemy URLs."""

    def __init__(self, bindir: Path, base_dir: Path, port: int, run_as: str | None) -> None:
        self.bindir = bindir
        self.base_dir = base_dir
        self.data_dir = base_dir / "data"
        self.port = port
        self._run_as = run_as
        self._names = itertools.count(1)

    # -- lifecycle ----------------------------------------------------------------------------

    @classmethod
    def start(cls) -> PostgresCluster:
        """Create and start a cluster (raises `PostgresUnavailable` without binaries)."""
        bindir = find_bindir()
        run_as = SYSTEM_USER if os.geteuid() == 0 else None
        base_dir = Path(tempfile.mkdtemp(prefix="labelbox-pg-"))
        if run_as:
            user = pwd.getpwnam(run_as)
            os.chown(base_dir, user.pw_uid, user.pw_gid)
            os.chmod(base_dir, 0o700)
        cluster = cls(bindir, base_dir, free_port(), run_as)
        try:
            cluster._initdb()
            cluster._start_server()
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def __enter__(self) -> PostgresCluster:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the server (fast shutdown) and remove the cluster directory."""
        if (self.data_dir / "postmaster.pid").exists():
            self._run(["pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop"], check=False)
        shutil.rmtree(self.base_dir, ignore_errors=True)

    # -- databases ----------------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        name = name or f"db_{next(self._names)}"
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    # -- internals ----------------------------------------------------------------------------

    def _run(self, args: Sequence[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self._run_as:
            command = ["runuser", "-u", self._run_as, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
            )
        return result

    def _initdb(self) -> None:
        base = ["initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8"]
        attempts = [
            ["--locale-provider=icu", "--icu-locale=en-US", "--locale=C.UTF-8"],
            ["--locale=en_US.UTF-8"],
            ["--locale=C.UTF-8"],
            [],
        ]
        errors = []
        for extra in attempts:
            result = self._run([*base, *extra], check=False)
            if result.returncode == 0:
                return
            errors.append(result.stderr)
            shutil.rmtree(self.data_dir, ignore_errors=True)
        raise RuntimeError("initdb failed:\n" + "\n".join(errors))

    def _start_server(self) -> None:
        options = f"-p {self.port} -k {self.base_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            [
                "pg_ctl",
                "-D",
                str(self.data_dir),
                "-o",
                options,
                "-l",
                str(self.base_dir / "postgres.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
