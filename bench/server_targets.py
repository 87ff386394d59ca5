"""The targets of the server benchmark (`bench/server.py`): what is benchmarked, and how one
is started on a free loopback port.

A target is the floor (a trivial Starlette endpoint, `bench/launch.py`) or a tree of this
repository: the working tree, or a commit checked out with `git worktree add` in a temporary
directory and run from there with this venv.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass(frozen=True)
class Target:
    """Something to benchmark: a tree of this repository, or the floor (`tree` None)."""

    label: str
    tree: Path | None
    http_workers_option: bool = True


@dataclass
class Running:
    """A started target: its endpoint, an API key, and what was seeded for the scenarios."""

    endpoint: str
    api_key: str
    seeded: dict[str, str] = field(default_factory=dict)


def tree_env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": ""}


@contextlib.contextmanager
def commit_tree(commit: str) -> Iterator[Target]:
    """`commit` checked out in a temporary worktree (removed afterwards)."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short", commit],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    directory = Path(tempfile.mkdtemp(prefix="lb-bench-tree-")) / sha
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(directory), sha],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    try:
        help_text = subprocess.run(
            [sys.executable, "-m", "labelbox_server", "serve", "--help"],
            cwd=directory.parent,
            env={**tree_env(directory), "COLUMNS": "200"},
            capture_output=True,
            text=True,
        ).stdout
        yield Target(f"{commit} ({sha})", directory, "--http-workers" in help_text)
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(directory)], cwd=ROOT, check=False
        )
        shutil.rmtree(directory.parent, ignore_errors=True)  # the temporary directory too


def _wait_listening(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("Listening on "):
            base_url = line.removeprefix("Listening on ").strip()
            break
    else:
        raise RuntimeError("the server did not start")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{base_url}/health", timeout=2),
        ):
            return base_url
        time.sleep(0.05)
    raise RuntimeError("the server did not become healthy")


@contextlib.contextmanager
def started(target: Target, database_url: str | None, processes: int) -> Iterator[Running]:
    """`target` serving on a free loopback port with `processes` HTTP processes."""
    with tempfile.TemporaryDirectory(prefix="lb-bench-server-") as directory:
        data_dir = Path(directory)
        db = ["--database-url", database_url] if database_url else []
        api_key = ""
        if target.tree is None:
            command = [
                sys.executable,
                str(HERE / "launch.py"),
                "floor",
                "--processes",
                str(processes),
            ]
            env = dict(os.environ)
        else:
            env = tree_env(target.tree)
            init = subprocess.run(
                [sys.executable, "-m", "labelbox_server", "init", "--data-dir", str(data_dir), *db],
                cwd=data_dir,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            api_key = init.stdout.strip().splitlines()[-1]
            if processes == 1 or target.http_workers_option:
                command = [sys.executable, "-m", "labelbox_server", "serve"]
                command += ["--data-dir", str(data_dir), "--port", "0", *db]
                if target.http_workers_option:
                    command += ["--http-workers", str(processes)]
            else:
                command = [sys.executable, str(HERE / "launch.py"), "server"]
                command += ["--data-dir", str(data_dir), "--processes", str(processes), *db]
        log = (data_dir / "server.log").open("w")
        process = subprocess.Popen(
            command, cwd=data_dir, env=env, stdout=subprocess.PIPE, stderr=log, text=True
        )
        try:
            base_url = _wait_listening(process)
            yield Running(f"{base_url}/graphql", api_key)
        finally:
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
