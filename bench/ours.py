"""What only our SDK has, measured against the same local server: the `labelbox` command
uploading 10,000 local files, and `AsyncClient` running 1,000 `get_project` calls with 16 in
flight beside the sync client running them one after the other."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = 10_000
CALLS = 1_000
IN_FLIGHT = 16

GET_PROJECTS = """
import asyncio, json, os, sys, time
import labelbox as lb
key, endpoint = os.environ["LABELBOX_API_KEY"], os.environ["LABELBOX_ENDPOINT"]
calls, in_flight = int(sys.argv[1]), int(sys.argv[2])
with lb.Client(api_key=key, endpoint=endpoint) as client:
    uid = client.create_project(name="bench async").uid
    client.get_project(uid)
    started = time.perf_counter()
    for _ in range(calls):
        client.get_project(uid)
    sync = time.perf_counter() - started

async def run_async() -> float:
    async with lb.AsyncClient(api_key=key, endpoint=endpoint) as client:
        await client.get_project(uid)
        limit = asyncio.Semaphore(in_flight)
        async def one() -> None:
            async with limit:
                await client.get_project(uid)
        started = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(calls)))
        return time.perf_counter() - started

print(json.dumps({"sync": sync, "async": asyncio.run(run_async())}))
"""


def _env(endpoint: str, api_key: str) -> dict[str, str]:
    return {**os.environ, "LABELBOX_API_KEY": api_key, "LABELBOX_ENDPOINT": endpoint}


def cli_upload(endpoint: str, api_key: str) -> float:
    """Files per second of `labelbox data-rows upload` of 10,000 small local files."""
    env = _env(endpoint, api_key)
    labelbox = str(Path(sys.executable).parent / "labelbox")
    with tempfile.TemporaryDirectory(prefix="lb-bench-files-") as directory:
        folder = Path(directory)
        for n in range(FILES):
            (folder / f"{n:05}.png").write_bytes(b"\x89PNG" + n.to_bytes(4, "big") * 50)
        created = subprocess.run(
            [labelbox, "--json", "datasets", "create", "--name", "bench cli upload"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        dataset = json.loads(created.stdout)["id"]
        started = time.perf_counter()
        result = subprocess.run(
            [labelbox, "--json", "data-rows", "upload", dataset, str(folder), "--no-progress"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
    summary = json.loads(result.stdout)
    assert summary["created"] == FILES, summary
    return FILES / elapsed


def get_projects(endpoint: str, api_key: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-P", "-c", GET_PROJECTS, str(CALLS), str(IN_FLIGHT)],
        env=_env(endpoint, api_key),
        check=True,
        capture_output=True,
        text=True,
        cwd=HERE,
    ).stdout
    timings: dict[str, float] = json.loads(out)
    return timings


def run(endpoint: str, api_key: str, runs: int = 3) -> str:
    uploads = [cli_upload(endpoint, api_key) for _ in range(runs)]
    calls = [get_projects(endpoint, api_key) for _ in range(runs)]
    sync = statistics.median(c["sync"] for c in calls)
    concurrent = statistics.median(c["async"] for c in calls)
    return "\n".join(
        [
            "| ours only | median | |",
            "|---|---:|---:|",
            f"| `labelbox data-rows upload` of {FILES:,} local files | {statistics.median(uploads):,.0f} files/s | |",
            f"| {CALLS:,} `get_project`, sync client, one at a time | {sync:.2f} s | 1.00x |",
            f"| {CALLS:,} `get_project`, AsyncClient, {IN_FLIGHT} in flight | {concurrent:.2f} s | {sync / concurrent:.2f}x |",
        ]
    )
