"""`LocalServer`: run a local Labelbox server for your own tests.

    from labelbox_server import LocalServer

    with LocalServer() as server:
        client = labelbox.Client(api_key=server.api_key, endpoint=server.endpoint)
        ...

It creates a temporary data dir (unless `data_dir` is given; a temporary one is removed on
exit), creates the database and an organization with an admin user and API key in-process,
then starts `python -m labelbox_server serve --port 0` as a subprocess and waits until it
answers `/health`. The server's log goes to `<data_dir>/server.log`. It serves from one HTTP
process unless `http_workers` (or the environment variable `LABELBOX_SERVER_HTTP_WORKERS`)
asks for more.

To act as several people, make users with a role and a key each:

    labeler = server.create_user("LABELER")               # a NewUser: user_id, email, api_key
    clients = server.clients(labelbox.Client, "ADMIN", "LABELER", "NONE")   # one per role
    clients["LABELER"].get_projects()

Webhooks the server sends reach receivers on this machine (loopback, any port): the
default webhook allow-list of `serve`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, TypeVar

from .extra import require_server_extra
from .settings import Settings

if TYPE_CHECKING:
    from .provisioning import KeyInfo, NewUser

_Client = TypeVar("_Client")
ROLES = ("ADMIN", "TEAM_MANAGER", "REVIEWER", "LABELER", "NONE")
LISTENING_PREFIX = "Listening on "
HTTP_WORKERS_ENV = "LABELBOX_SERVER_HTTP_WORKERS"
LOG_FILE = "server.log"


class ServerStartError(RuntimeError):
    """The server process did not start (its log is in the message)."""


class LocalServer:
    """A local Labelbox server in a subprocess, with its own database and API key.

    Attributes once started: `endpoint` (`http://127.0.0.1:<port>/graphql`), `base_url`,
    `api_key` (the first organization's admin key), `data_dir`, `database_url`, `port`,
    `pid` (with several HTTP processes, the supervising parent's). `serve_args` are more
    options of `labelbox-server serve` (e.g. `["--fetch-allow", "http://127.0.0.1:8000/"]`).
    `http_workers`: HTTP processes (default: `LABELBOX_SERVER_HTTP_WORKERS`, else 1).
    """

    def __init__(
        self,
        *,
        database_url: str | None = None,
        data_dir: str | os.PathLike[str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        env: dict[str, str] | None = None,
        startup_timeout: float = 60.0,
        stop_timeout: float = 10.0,
        serve_args: Sequence[str] = (),
        http_workers: int | None = None,
    ) -> None:
        self._database_url = database_url
        self._given_data_dir = Path(data_dir) if data_dir is not None else None
        self._data_dir: Path | None = None
        self._owns_data_dir = False
        self.host = host
        self._requested_port = port
        self.port: int | None = None
        self._env = env
        self._serve_args = tuple(serve_args)
        self._http_workers = http_workers
        self._startup_timeout = startup_timeout
        self._stop_timeout = stop_timeout
        self._process: subprocess.Popen[str] | None = None
        self._api_key: str | None = None
        self._organization_id: str | None = None
        self._users = 0
        self._log: IO[str] | None = None

    # -- properties -------------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        if self._data_dir is None:
            raise RuntimeError("the server has not been started")
        return self._data_dir

    @property
    def database_url(self) -> str:
        return Settings(
            data_dir=self.data_dir, database_url=self._database_url
        ).resolved_database_url

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("the server has not been started")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def endpoint(self) -> str:
        """The GraphQL endpoint (`<base_url>/graphql`)."""
        return f"{self.base_url}/graphql"

    @property
    def api_key(self) -> str:
        """The admin API key of the organization created on first start."""
        if self._api_key is None:
            raise RuntimeError("the server has not been started")
        return self._api_key

    @property
    def pid(self) -> int | None:
        """The server process's id while it runs."""
        return self._process.pid if self.running and self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def __repr__(self) -> str:
        where = self.endpoint if self.port is not None else "not started"
        return f"LocalServer({where}, data_dir={self._data_dir}, running={self.running})"

    # -- lifecycle --------------------------------------------------------------------------

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def start(self) -> LocalServer:
        """Start the server (again after `stop()`: same data, same port if it is free).

        Raises `labelbox_server.extra.ServerExtraMissing` (naming the extra to install) when
        the server's dependencies are not installed."""
        if self.running:
            return self
        require_server_extra("LocalServer")
        if self._data_dir is None:
            self._prepare_data()
        try:
            self._spawn(self.port if self.port is not None else self._requested_port)
        except ServerStartError:
            if self.port is None or self._requested_port != 0:
                raise
            self._spawn(0)  # the old port was taken meanwhile
        return self

    def stop(self) -> None:
        """Stop the server process (SIGTERM, then SIGKILL after `stop_timeout`). Data stays."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(self._stop_timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def restart(self) -> LocalServer:
        """`stop()` then `start()`."""
        self.stop()
        return self.start()

    def close(self) -> None:
        """Stop the server and remove the data dir if it is a temporary one."""
        self.stop()
        if self._owns_data_dir and self._data_dir is not None:
            shutil.rmtree(self._data_dir, ignore_errors=True)
            self._owns_data_dir = False

    def new_organization(self, name: str | None = None, email: str | None = None) -> str:
        """Create another organization with an admin user; returns that admin's API key."""
        from .provisioning import initialize

        return initialize(self.database_url, organization=name, email=email).api_key

    # -- people, keys, integrations -----------------------------------------------------

    @property
    def organization_id(self) -> str:
        """The id of the organization created on first start."""
        if self._organization_id is None:
            raise RuntimeError("the server has not been started")
        return self._organization_id

    def create_user(
        self,
        role: str = "LABELER",
        *,
        email: str | None = None,
        projects: dict[str, str] | None = None,
        organization_id: str | None = None,
        rate_limit: int | None = None,
    ) -> NewUser:
        """A user of the first organization (or `organization_id`) with an organization
        role (`ADMIN`, `TEAM_MANAGER`, `REVIEWER`, `LABELER`, `NONE`), project roles for a
        `NONE` user (`{project id: role}`), and an API key (`.api_key`)."""
        from .provisioning import create_user

        self._users += 1
        slug = role.lower().replace(" ", "-").replace("_", "-")
        return create_user(
            self.database_url,
            email=email or f"{slug}-{self._users}-{os.getpid()}@{self.organization_id}.local",
            role=role,
            organization_id=organization_id or self.organization_id,
            project_roles=list((projects or {}).items()),
            rate_limit=rate_limit,
        )

    def clients(
        self, client: Callable[..., _Client], *roles: str, **options: Any
    ) -> dict[str, _Client]:
        """A client per role (every role when none is given), each a new user's:
        `server.clients(labelbox.Client, "LABELER", "REVIEWER")["LABELER"]`. The admin
        role's client uses `api_key`'s admin; `options` go to every client."""
        made: dict[str, _Client] = {}
        for role in roles or ROLES:
            key = self.api_key if role.upper() == "ADMIN" else self.create_user(role).api_key
            made[role] = client(api_key=key, endpoint=self.endpoint, **options)
        return made

    def accept_invite(self, email: str) -> NewUser:
        """Turn the pending invite for `email` into a user (with an API key)."""
        from .provisioning import accept_invite

        return accept_invite(self.database_url, email)

    def create_key(self, email: str, *, rate_limit: int | None = None) -> str:
        """Another API key for the user with `email` (`rate_limit` per minute: its own)."""
        from .provisioning import create_key

        return create_key(self.database_url, email, rate_limit=rate_limit)

    def list_keys(self, email: str | None = None) -> list[KeyInfo]:
        """The API keys (their ids and first characters, never the keys)."""
        from .provisioning import list_keys

        return list_keys(self.database_url, email)

    def revoke_key(self, key_id: str) -> None:
        """Revoke an API key by id (see `list_keys`)."""
        from .provisioning import revoke_key

        revoke_key(self.database_url, key_id)

    def create_iam_integration(self, name: str, provider: str = "AWS", **settings: Any) -> str:
        """Record an IAM integration of the first organization (`role_arn=` for AWS,
        `service_account_email_id=` / `read_bucket=` for GCP, `valid=`, `default=`)."""
        from .provisioning import create_iam_integration

        return create_iam_integration(
            self.database_url,
            name=name,
            provider=provider,
            organization_id=settings.pop("organization_id", None) or self.organization_id,
            **settings,
        )

    # -- internals --------------------------------------------------------------------------

    def _prepare_data(self) -> None:
        from .provisioning import initialize

        if self._given_data_dir is None:
            self._data_dir = Path(tempfile.mkdtemp(prefix="labelbox-server-"))
            self._owns_data_dir = True
        else:
            self._data_dir = self._given_data_dir.resolve()
            self._data_dir.mkdir(parents=True, exist_ok=True)
        provisioned = initialize(self.database_url)
        self._api_key = provisioned.api_key
        self._organization_id = provisioned.organization_id

    def _spawn(self, port: int) -> None:
        command = [
            sys.executable,
            "-m",
            "labelbox_server",
            "serve",
            "--data-dir",
            str(self.data_dir),
            "--host",
            self.host,
            "--port",
            str(port),
        ]
        env = dict(os.environ if self._env is None else self._env)
        env.pop("LABELBOX_SERVER_DATABASE_URL", None)
        workers = self._http_workers or int(env.get(HTTP_WORKERS_ENV) or 1)
        command += ["--http-workers", str(workers)]
        if self._database_url:
            command += ["--database-url", self._database_url]
        command += self._serve_args
        log_path = self.data_dir / LOG_FILE
        self._log = log_path.open("a", encoding="utf-8")
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=self._log,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self._process = process
        try:
            self.port = self._read_port(process, log_path)
            self._wait_healthy(process, log_path)
        except BaseException:
            self.stop()
            raise

    def _read_port(self, process: subprocess.Popen[str], log_path: Path) -> int:
        assert process.stdout is not None
        result: list[str] = []
        reader = threading.Thread(
            target=_read_until_listening, args=(process.stdout, result), daemon=True
        )
        reader.start()
        reader.join(self._startup_timeout)
        if not result:
            raise ServerStartError(_failure("did not report its port", log_path))
        return int(result[0].rsplit(":", 1)[1])

    def _wait_healthy(self, process: subprocess.Popen[str], log_path: Path) -> None:
        deadline = time.monotonic() + self._startup_timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServerStartError(_failure("exited", log_path))
            try:
                with urllib.request.urlopen(f"{self.base_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.05)
        raise ServerStartError(_failure("did not become healthy", log_path))


def _read_until_listening(stream: IO[str], result: list[str]) -> None:
    """Read the server's stdout until the `Listening on` line, then keep draining it."""
    for line in stream:
        if not result and line.startswith(LISTENING_PREFIX):
            result.append(line[len(LISTENING_PREFIX) :].strip())
            threading.Thread(target=_drain, args=(stream,), daemon=True).start()
            return


def _drain(stream: IO[str]) -> None:
    for _ in stream:
        pass


def _failure(what: str, log_path: Path) -> str:
    try:
        log = log_path.read_text(encoding="utf-8")[-4000:]
    except OSError:
        log = ""
    return f"labelbox-server {what}; log ({log_path}):\n{log}"
