"""The server benchmark: this tree's server beside a floor and, optionally, other commits.

    python bench/server.py [--against COMMIT ...] [--databases sqlite postgres]
                           [--processes 1 2] [--runs 3] [--seconds 5]

Targets, each started fresh per run on a new database (SQLite in a temporary directory, or a
new database of one throwaway PostgreSQL cluster), with 1 and 2 HTTP processes:

* the floor: a trivial Starlette endpoint answering a fixed project, under the same uvicorn
  settings (what no server of ours can beat on this machine);
* every `--against` commit, built with `git worktree add` in a temporary directory and run
  from there with this venv (a commit whose `serve` has no `--http-workers` gets its
  processes from `bench/launch.py`);
* this tree.

Scenarios (the SDK's own documents): single-client `get_project`, a 500-row data-row page
and `create_project`; 8 concurrent clients reading (`get_project`), writing
(`create_project`) and mixed (70% get, 20% create, 10% a page of 100); `get_project` while
another client reads 500-row pages (how long a slow request holds up a quick one); and our
SDK iterating 20,000 data rows. Runs alternate the order of the targets; the table shows medians.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable

import load
from server_targets import HERE, ROOT, Running, Target, commit_tree, started

sys.path.insert(0, str(ROOT / "tests"))

import labelbox._generated.operations as ops

ITERATE_ROWS = 20_000
PAGE_ROWS = 500


SEED = """
import labelbox as lb, os, sys
client = lb.Client(api_key=os.environ["LABELBOX_API_KEY"], endpoint=os.environ["LABELBOX_ENDPOINT"])
project = client.create_project(name="bench server")
def rows(name, count):
    dataset = client.create_dataset(name=name)
    for start in range(0, count, 10000):
        items = [{"row_data": f"https://storage.example.com/{name}/{i}.jpg", "external_id": f"r{i}"}
                 for i in range(start, min(count, start + 10000))]
        task = dataset.create_data_rows(items)
        task.wait_till_done(timeout_seconds=1800)
        assert task.status == "COMPLETE", task.errors
    return dataset.uid
print(project.uid, rows("page", int(sys.argv[1])), rows("iterate", int(sys.argv[2])))
"""

ITERATE = """
import labelbox as lb, os, sys, time
client = lb.Client(api_key=os.environ["LABELBOX_API_KEY"], endpoint=os.environ["LABELBOX_ENDPOINT"])
dataset = client.get_dataset(sys.argv[1])
started = time.perf_counter()
count = sum(1 for _ in dataset.data_rows())
assert count == int(sys.argv[2]), count
print(time.perf_counter() - started)
"""


def _sdk_env(running: Running) -> dict[str, str]:
    return {
        **os.environ,
        "LABELBOX_API_KEY": running.api_key,
        "LABELBOX_ENDPOINT": running.endpoint,
    }


def seed(running: Running, iterate_rows: int) -> None:
    """A project, a dataset of 500 rows and one of `iterate_rows` rows, with our SDK."""
    out = subprocess.run(
        [sys.executable, "-P", "-c", SEED, str(PAGE_ROWS), str(iterate_rows)],
        env=_sdk_env(running),
        cwd=HERE,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    running.seeded = {"project": out[-3], "page": out[-2], "iterate": out[-1]}


def _requests(running: Running) -> dict[str, load.Request]:
    url, key, seeded = running.endpoint, running.api_key, running.seeded

    def gql(name: str, query: str, variables: dict[str, object]) -> load.Request:
        return load.graphql_request(url, key, name, query, variables)

    return {
        "get": gql("get", ops.GET_PROJECT_PY_API_GQL, {"id": seeded.get("project", "x")}),
        "create": gql("create", ops.CREATE_PROJECT_PY_API_GQL, {"data": {"name": "bench load"}}),
        "page500": gql(
            "page500",
            ops.GET_DATASET_DATA_ROWS_PY_API_GQL,
            {"id": seeded.get("page", "x"), "first": PAGE_ROWS},
        ),
        "page100": gql(
            "page100",
            ops.GET_DATASET_DATA_ROWS_PY_API_GQL,
            {"id": seeded.get("page", "x"), "first": 100},
        ),
    }


Scenario = Callable[[Running, float], load.Result]


def _single(name: str, limit: int) -> Scenario:
    return lambda running, seconds: load.run(
        running.endpoint, [(_requests(running)[name], 1.0)], seconds=seconds, limit=limit
    )


def _concurrent(mix: dict[str, float]) -> Scenario:
    def run(running: Running, seconds: float) -> load.Result:
        requests = _requests(running)
        return load.run(
            running.endpoint,
            [(requests[name], weight) for name, weight in mix.items()],
            clients=8,
            seconds=seconds,
        )

    return run


def _beside_pages(running: Running, seconds: float) -> load.Result:
    requests = _requests(running)
    return load.beside(
        running.endpoint, requests["get"], [(requests["page500"], 1.0)], seconds=seconds
    )


def _iterate(running: Running, _seconds: float) -> load.Result:
    out = subprocess.run(
        [sys.executable, "-P", "-c", ITERATE, running.seeded["iterate"], str(ITERATE_ROWS)],
        env=_sdk_env(running),
        cwd=HERE,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    wall = float(out.split()[-1])
    return load.Result(ITERATE_ROWS, wall, wall * 1000, wall * 1000)


#: name → (what it measures, how, whether the floor runs it, "time" or "throughput").
SCENARIOS: dict[str, tuple[str, Scenario, bool, str]] = {
    "get_project": ("`get_project`, 1 client", _single("get", 2000), True, "time"),
    "page_500": ("a 500-row data-row page, 1 client", _single("page500", 80), False, "time"),
    "create_project": ("`create_project`, 1 client", _single("create", 600), False, "time"),
    "read_8": ("8 clients: `get_project`", _concurrent({"get": 1.0}), True, "throughput"),
    "write_8": ("8 clients: `create_project`", _concurrent({"create": 1.0}), False, "throughput"),
    "mixed_8": (
        "8 clients: 70% get, 20% create, 10% page of 100",
        _concurrent({"get": 0.7, "create": 0.2, "page100": 0.1}),
        False,
        "throughput",
    ),
    "get_beside_pages": (
        "`get_project`, 1 client, beside 1 client reading 500-row pages",
        _beside_pages,
        False,
        "time",
    ),
    "iterate_20000": (f"our SDK iterating {ITERATE_ROWS:,} data rows", _iterate, False, "time"),
}

Key = tuple[str, int, str, str]  # database, processes, target label, scenario


def measure(
    targets: list[Target],
    databases: list[str],
    processes: list[int],
    runs: int,
    seconds: float,
    scenarios: list[str],
) -> dict[Key, list[load.Result]]:
    results: dict[Key, list[load.Result]] = {}
    with contextlib.ExitStack() as stack:
        cluster = None
        if "postgres" in databases:
            from pg_cluster import PostgresCluster

            cluster = stack.enter_context(PostgresCluster.start())
        for run in range(runs):
            order = targets if run % 2 == 0 else list(reversed(targets))
            for database in databases:
                for count in processes:
                    for target in order:
                        url = (
                            cluster.create_database()
                            if database == "postgres" and cluster
                            else None
                        )
                        with started(target, url, count) as running:
                            if target.tree is not None:
                                seed(running, ITERATE_ROWS if "iterate_20000" in scenarios else 1)
                            for name in scenarios:
                                _, scenario, floor, _ = SCENARIOS[name]
                                if target.tree is None and not floor:
                                    continue
                                result = scenario(running, seconds)
                                results.setdefault(
                                    (database, count, target.label, name), []
                                ).append(result)
                                print(
                                    f"  run {run + 1} {database} x{count} {target.label} {name}: "
                                    f"{result.rps:,.0f}/s p50 {result.p50_ms:.2f} ms p99 {result.p99_ms:.2f} ms",
                                    file=sys.stderr,
                                )
    return results


def _median(values: list[load.Result]) -> tuple[float, float, float]:
    return (
        statistics.median(r.rps for r in values),
        statistics.median(r.p50_ms for r in values),
        statistics.median(r.p99_ms for r in values),
    )


def table(
    results: dict[Key, list[load.Result]],
    targets: list[Target],
    databases: list[str],
    processes: list[int],
    scenarios: list[str],
) -> str:
    """Medians per target (requests/s, p50 and p99 in ms; seconds for the SDK iteration), and
    the ratio of this tree to the first `--against` build."""
    before = next((t for t in targets if t.tree is not None and t.label != "this tree"), None)
    header = ["database", "HTTP processes", "scenario"] + [t.label for t in targets]
    if before is not None:
        header.append(f"this tree vs {before.label}")
    lines = ["| " + " | ".join(header) + " |", "|---|---:|---|" + "---:|" * (len(header) - 3)]
    for database in databases:
        for count in processes:
            for name in scenarios:
                what, _, _, kind = SCENARIOS[name]
                cells = [database, str(count), what]
                medians = {}
                for target in targets:
                    found = results.get((database, count, target.label, name))
                    if not found:
                        cells.append("—")
                        continue
                    rps, p50, p99 = medians[target.label] = _median(found)
                    if name == "iterate_20000":
                        cells.append(f"{p50 / 1000:.2f} s")
                    else:
                        cells.append(f"{rps:,.0f}/s · p50 {p50:.2f} · p99 {p99:.2f} ms")
                if before is not None:
                    new, old = medians.get("this tree"), medians.get(before.label)
                    if new and old:
                        ratio = new[1] / old[1] if kind == "time" else new[0] / old[0]
                        cells.append(f"{ratio:.2f}x {'time' if kind == 'time' else 'requests/s'}")
                    else:
                        cells.append("—")
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run_section(
    against: list[str],
    databases: list[str],
    processes: list[int],
    runs: int,
    seconds: float,
    scenarios: list[str] | None = None,
) -> str:
    """Measure and return the table (also written to .bench/server.json)."""
    scenarios = scenarios or list(SCENARIOS)
    with contextlib.ExitStack() as stack:
        targets = [Target("floor", None)]
        targets += [stack.enter_context(commit_tree(commit)) for commit in against]
        targets.append(Target("this tree", ROOT))
        results = measure(targets, databases, processes, runs, seconds, scenarios)
    out = ROOT / ".bench" / "server.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                " / ".join(map(str, key)): [r.__dict__ for r in values]
                for key, values in results.items()
            },
            indent=1,
        )
    )
    return table(results, targets, databases, processes, scenarios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", action="append", default=[], help="a commit to compare")
    parser.add_argument("--databases", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--processes", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0, help="per concurrent scenario")
    parser.add_argument("--scenarios", nargs="+", choices=list(SCENARIOS))
    args = parser.parse_args()
    print(
        run_section(
            args.against, args.databases, args.processes, args.runs, args.seconds, args.scenarios
        )
    )


if __name__ == "__main__":
    main()
