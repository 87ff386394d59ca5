"""The `labelbox-server` command line: init, create-key, serve."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from labelbox_server.auth import CALLER_TTL

from . import sdk_documents as docs


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "labelbox_server", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def db_args(tmp_path: Path, new_database_url: Callable[[], str | None]) -> list[str]:
    url = new_database_url()
    return ["--data-dir", str(tmp_path), *(["--database-url", url] if url else [])]


def read_line(stream: object, timeout: float) -> str:
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(stream.readline()), daemon=True)  # type: ignore[attr-defined]
    reader.start()
    reader.join(timeout)
    assert lines, "no output"
    return lines[0]


@pytest.fixture
def serve(db_args: list[str]) -> Iterator[Callable[..., tuple[subprocess.Popen[str], str]]]:
    processes: list[subprocess.Popen[str]] = []

    def start(*extra: str) -> tuple[subprocess.Popen[str], str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "labelbox_server", "serve", *db_args, "--port", "0", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        processes.append(process)
        line = read_line(process.stdout, 60)
        assert line.startswith("Listening on http://127.0.0.1:"), line
        return process, line.removeprefix("Listening on ").strip()

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_init_prints_the_key_last(db_args: list[str]) -> None:
    first = run_cli("init", *db_args)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip().splitlines()[-1]
    assert len(key) >= 32 and " " not in key
    second = run_cli("init", *db_args, "--organization", "Acme", "--email", "boss@acme.test")
    assert second.returncode == 0, second.stderr
    assert "boss@acme.test" in second.stdout
    assert second.stdout.strip().splitlines()[-1] != key
    duplicate = run_cli("init", *db_args, "--email", "boss@acme.test")
    assert duplicate.returncode == 1
    assert "already exists" in duplicate.stderr


def test_create_key(db_args: list[str]) -> None:
    assert run_cli("init", *db_args, "--email", "me@example.test").returncode == 0
    created = run_cli("create-key", *db_args, "--email", "me@example.test")
    assert created.returncode == 0, created.stderr
    assert len(created.stdout.strip().splitlines()[-1]) >= 32
    unknown = run_cli("create-key", *db_args, "--email", "nobody@example.test")
    assert unknown.returncode == 1


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serve(
    db_args: list[str],
    serve: Callable[..., tuple[subprocess.Popen[str], str]],
    stop_signal: signal.Signals,
) -> None:
    key = run_cli("init", *db_args).stdout.strip().splitlines()[-1]
    process, base_url = serve()
    with httpx.Client(timeout=30) as http:
        assert http.get(base_url + "/health").json() == {"status": "ok"}
        response = http.post(
            base_url + "/graphql",
            json={"query": docs.GET_USER, "variables": None},
            headers={"Authorization": f"Bearer {key}"},
        )
        assert response.json()["data"]["user"]["email"].startswith("admin@")
    process.send_signal(stop_signal)
    assert process.wait(timeout=30) == 0
    assert process.stderr is not None
    assert "Traceback" not in process.stderr.read()


def test_serve_on_a_busy_port_fails(
    db_args: list[str], serve: Callable[..., tuple[subprocess.Popen[str], str]]
) -> None:
    _, base_url = serve()
    port = base_url.rsplit(":", 1)[1]
    busy = subprocess.run(
        [sys.executable, "-m", "labelbox_server", "serve", *db_args, "--port", port],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert busy.returncode == 1
    assert "Listening on" not in busy.stdout
    assert busy.stderr.startswith("error: cannot listen on"), busy.stderr


def test_users_invites_keys_and_integrations(
    db_args: list[str], serve: Callable[..., tuple[subprocess.Popen[str], str]]
) -> None:
    admin_key = run_cli("init", *db_args).stdout.strip().splitlines()[-1]
    made = run_cli("create-user", *db_args, "--role", "LABELER", "--email", "lab@example.test")
    assert made.returncode == 0, made.stderr
    assert "role LABELER" in made.stdout
    labeler_key = made.stdout.strip().splitlines()[-1]
    bad = run_cli("create-user", *db_args, "--role", "WIZARD")
    assert bad.returncode == 1 and "unknown role" in bad.stderr
    listed = run_cli("keys", "list", *db_args, "--email", "lab@example.test")
    assert listed.returncode == 0 and listed.stdout.count("active") == 1
    assert labeler_key not in listed.stdout  # only the first characters are shown
    key_id = listed.stdout.split()[0]
    integration = run_cli("iam-integration", "create", *db_args, "--name", "aws", "--default")
    assert integration.returncode == 0, integration.stderr

    _process, base_url = serve()
    with httpx.Client(timeout=30) as http:

        def post(
            key: str, query: str, variables: dict[str, object] | None = None
        ) -> httpx.Response:
            return http.post(
                base_url + "/graphql",
                json={"query": query, "variables": variables},
                headers={"Authorization": f"Bearer {key}"},
            )

        me = post(labeler_key, "{ user { id orgRole { name } } }").json()["data"]["user"]
        assert me["orgRole"]["name"] == "Labeler"
        found = post(admin_key, "{ iamIntegrations { name isOrgDefault } }").json()["data"]
        assert found == {"iamIntegrations": [{"name": "aws", "isOrgDefault": True}]}
        ids = post(admin_key, "{ user { id } organization { id } roles { id name } }").json()[
            "data"
        ]
        reviewer = next(r["id"] for r in ids["roles"] if r["name"] == "Reviewer")
        invite = post(
            admin_key,
            "mutation($d: [CreateInviteInput!]) { createInvites(data: $d) { invite { id } } }",
            {
                "d": [
                    {
                        "inviterId": ids["user"]["id"],
                        "inviteeEmail": "new@example.test",
                        "organizationId": ids["organization"]["id"],
                        "organizationRoleId": reviewer,
                        "projects": [],
                    }
                ]
            },
        )
        assert invite.json()["data"]["createInvites"][0]["invite"]["id"]
        accepted = run_cli("accept-invite", *db_args, "--email", "new@example.test")
        assert accepted.returncode == 0, accepted.stderr
        new_key = accepted.stdout.strip().splitlines()[-1]
        role = post(new_key, "{ user { orgRole { name } } }").json()["data"]["user"]["orgRole"]
        assert role == {"name": "Reviewer"}
        revoked = run_cli("keys", "revoke", *db_args, key_id)
        assert revoked.returncode == 0, revoked.stderr
        # The serving process learns of a revocation by another process (this command) when
        # its cached caller expires: within `CALLER_TTL` seconds.
        deadline = time.monotonic() + CALLER_TTL + 2
        while post(labeler_key, "{ user { id } }").status_code != 401:
            assert time.monotonic() < deadline, "the revoked key still works"
            time.sleep(0.2)
