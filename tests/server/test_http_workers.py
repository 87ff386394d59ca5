"""Several HTTP processes on one socket (`serve --http-workers N`): they all serve, every
process's job runner claims safely (no job runs twice), a dead process is replaced, and a
stop ends them all. On SQLite and, with --postgres, on PostgreSQL."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from labelbox_server import LocalServer
from labelbox_server.db.models import Task
from labelbox_server.db.session import make_engine

from .conftest import Api
from .data_helpers import create_dataset, row_count, start_import, wait_task

IMPORTS = 12
ROWS = 40


def children(pid: int) -> set[int]:
    """The child processes of `pid` (Linux)."""
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return {int(child) for child in found}


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.fixture
def two_processes(new_database_url: Callable[[], str | None]) -> Iterator[LocalServer]:
    with LocalServer(
        database_url=new_database_url(), http_workers=2, serve_args=["--job-threads", "2"]
    ) as server:
        yield server


def test_two_processes_serve_and_run_every_job_once(two_processes: LocalServer) -> None:
    server = two_processes
    assert server.pid is not None
    assert len(children(server.pid)) == 2
    with httpx.Client(timeout=60) as http:
        api = Api(server.endpoint, server.api_key, http)
        datasets = [create_dataset(api, f"workers {n}") for n in range(IMPORTS)]

        def run(dataset: str) -> str:
            with httpx.Client(timeout=60) as own:
                rows = [{"row_data": f"https://x.example/{dataset}/{i}.jpg"} for i in range(ROWS)]
                return start_import(Api(server.endpoint, server.api_key, own), dataset, rows)

        with ThreadPoolExecutor(8) as pool:
            task_ids = list(pool.map(run, datasets))
        for task_id in task_ids:
            assert wait_task(api, task_id)["status"] == "COMPLETE"
        assert [row_count(api, dataset) for dataset in datasets] == [ROWS] * IMPORTS
    engine = make_engine(server.database_url)
    try:
        with engine.connect() as connection:
            found = connection.execute(select(Task.id, Task.attempts).where(Task.id.in_(task_ids)))
            attempts = {task_id: count for task_id, count in found}
    finally:
        engine.dispose()
    # Four runners (two per process) competed for every task: each was claimed once.
    assert attempts == dict.fromkeys(task_ids, 1)


def test_a_dead_process_is_replaced_and_a_stop_ends_them_all(two_processes: LocalServer) -> None:
    server = two_processes
    assert server.pid is not None
    first = children(server.pid)
    victim = min(first)
    os.kill(victim, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (
        len(children(server.pid)) < 2 or victim in children(server.pid)
    ):
        time.sleep(0.1)
    now = children(server.pid)
    assert victim not in now and len(now) == 2
    with httpx.Client(timeout=30) as http:
        for _ in range(20):  # whichever process accepts, it answers
            response = http.get(f"{server.base_url}/health")
            assert response.status_code == 200
    server.stop()
    assert not any(alive(pid) for pid in now)
