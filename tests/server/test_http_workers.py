"""Several HTTP processes on one socket (`serve --http-workers N`): they all serve, every
process's job runner claims safely (no job runs twice), a dead process is replaced, a stop
ends them all, and a key's rate limit holds for them together. On SQLite and, with
--postgres, on PostgreSQL."""

from __future__ import annotations

import os
import re
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
from labelbox_server.local import LOG_FILE

from .conftest import Api
from .data_helpers import create_dataset, row_count, start_import, wait_task

IMPORTS = 12
ROWS = 40
#: `serve --rate-limit`: requests per minute (a new one every 6 s).
RATE_LIMIT = 10
#: An access-log line (`--log-level info`): the process and request of a GraphQL request.
ACCESS_LINE = re.compile(r"\[pid (\d+), request ([0-9a-f]+)\] POST /graphql ")


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


@pytest.fixture
def two_limited_processes(new_database_url: Callable[[], str | None]) -> Iterator[LocalServer]:
    serve_args = ["--rate-limit", str(RATE_LIMIT), "--log-level", "info"]
    with LocalServer(
        database_url=new_database_url(), http_workers=2, serve_args=serve_args
    ) as server:
        yield server


def served_by(server: LocalServer, request_ids: set[str]) -> dict[str, int]:
    """The process that answered each of `request_ids`, from the server's access log."""
    deadline = time.monotonic() + 30
    while True:  # a process logs a request just after its response
        log = (server.data_dir / LOG_FILE).read_text(encoding="utf-8")
        found = {match[2]: int(match[1]) for match in ACCESS_LINE.finditer(log)}
        if request_ids <= found.keys() or time.monotonic() > deadline:
            return {request_id: found[request_id] for request_id in request_ids & found.keys()}
        time.sleep(0.1)


def test_two_processes_share_a_keys_rate_limit(two_limited_processes: LocalServer) -> None:
    server = two_limited_processes
    assert server.pid is not None

    def one_request(_n: int) -> httpx.Response:
        # A connection of its own, so that either process may accept it.
        return httpx.post(
            server.endpoint,
            json={"query": "{ user { id } }"},
            headers={"Authorization": f"Bearer {server.api_key}"},
            timeout=30,
        )

    responses: list[httpx.Response] = []
    pids: dict[str, int] = {}
    started = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        for _ in range(10):  # until both processes have answered some
            responses += pool.map(one_request, range(4 * RATE_LIMIT))
            pids = served_by(server, {response.headers["x-request-id"] for response in responses})
            if len(set(pids.values())) == 2:
                break
    # Tokens the key may have regained while the requests ran (0 unless they took 6 s).
    refilled = int((time.monotonic() - started) * RATE_LIMIT / 60)
    assert len(pids) == len(responses)
    assert set(pids.values()) == children(server.pid)
    succeeded = [response for response in responses if response.status_code == 200]
    refused = [response for response in responses if response.status_code != 200]
    assert RATE_LIMIT <= len(succeeded) <= RATE_LIMIT + refilled
    assert all("errors" not in response.json() for response in succeeded)
    for response in refused:
        assert response.status_code == 429
        retry = response.headers["retry-after"]
        assert int(retry) >= 1
        assert response.json() == {
            "message": f"You have exceeded the limit of {RATE_LIMIT} requests per minute for "
            f"this API key; retry in {retry} s"
        }
