"""`model_run.upsert_data_rows` of 10,000 data rows, our SDK and the official SDK 3.36.0
against the same local server, each run in a fresh process, in alternating order.

    python bench/model_runs.py --official-python .venv-compat/bin/python   # the table alone

`run()` is what `bench/run.py` calls. The child mode (`--child N`) is the timed part and
uses only the public API both SDKs share: it creates a model run (untimed), times
`upsert_data_rows` of the seeded rows, and checks the run has them all (untimed).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROWS = 10_000

SEED = f"""
import labelbox as lb, os
c = lb.Client(api_key=os.environ["LABELBOX_API_KEY"], endpoint=os.environ["LABELBOX_ENDPOINT"])
dataset = c.create_dataset(name="bench model runs")
task = dataset.create_data_rows(
    [{{"row_data": f"https://storage.example.com/mr/{{i}}.jpg"}} for i in range({ROWS})]
)
task.wait_till_done(timeout_seconds=1800)
assert task.status == "COMPLETE", task.errors
from labelbox.schema.ontology import OntologyBuilder, Tool
ontology = c.create_ontology("bench model runs", OntologyBuilder(
    tools=[Tool(tool=Tool.Type.BBOX, name="box")]).asdict())
print(ontology.uid)
print(",".join(row["id"] for row in task.result))
"""


def child(run: int) -> None:
    """One timed `upsert_data_rows` (prints wall and CPU seconds as JSON)."""
    import labelbox as lb

    client = lb.Client(
        api_key=os.environ["LABELBOX_API_KEY"], endpoint=os.environ["LABELBOX_ENDPOINT"]
    )
    with open(os.environ["LB_BENCH_MODEL_RUN_IDS"]) as ids_file:
        ids = ids_file.read().split(",")
    model = client.create_model(
        f"bench model {run} {time.time_ns()}", os.environ["LB_BENCH_ONTOLOGY"]
    )
    model_run = model.create_model_run(f"bench run {run}")
    cpu_before, wall_before = time.process_time(), time.perf_counter()
    model_run.upsert_data_rows(ids, timeout_seconds=600)
    wall, cpu = time.perf_counter() - wall_before, time.process_time() - cpu_before
    count = sum(1 for _ in model_run.model_run_data_rows())
    assert count == len(ids) == ROWS, count
    json.dump({"wall": wall, "cpu": cpu}, sys.stdout)


def _env(endpoint: str, api_key: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "LABELBOX_API_KEY": api_key, "LABELBOX_ENDPOINT": endpoint, **extra}


def run(official_python: str, endpoint: str, api_key: str, runs: int = 3) -> str:
    """The table: medians of `runs` runs per SDK and the ratio official / ours."""
    seeded = subprocess.run(
        [sys.executable, "-c", SEED],
        env=_env(endpoint, api_key),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    with tempfile.TemporaryDirectory() as tmp:
        ids_file = Path(tmp) / "ids.txt"
        ids_file.write_text(seeded[-1])
        env = _env(
            endpoint, api_key, LB_BENCH_MODEL_RUN_IDS=str(ids_file), LB_BENCH_ONTOLOGY=seeded[-2]
        )
        sdks = {"ours": [sys.executable, "-P"], "official": [official_python, "-P"]}
        results: dict[str, list[dict[str, float]]] = {name: [] for name in sdks}
        for number in range(runs):
            order = list(sdks) if number % 2 == 0 else list(reversed(sdks))
            for name in order:
                output = subprocess.run(
                    [*sdks[name], str(HERE / "model_runs.py"), "--child", str(number)],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
                measured = json.loads(output)
                results[name].append(measured)
                print(
                    f"  model_run_upsert_data_rows_{ROWS} [{name}] run {number + 1}: "
                    f"{measured['wall']:.2f}s",
                    file=sys.stderr,
                )
    return table(results)


def table(results: dict[str, list[dict[str, float]]]) -> str:
    def median(name: str, key: str) -> float:
        return statistics.median(run[key] for run in results[name])

    ow, fw = median("ours", "wall"), median("official", "wall")
    oc, fc = median("ours", "cpu"), median("official", "cpu")
    return "\n".join(
        [
            "| model runs | ours wall (s) | official wall (s) | wall ratio | ours CPU (s) | official CPU (s) | CPU ratio |",
            "|---|---:|---:|---:|---:|---:|---:|",
            f"| model_run.upsert_data_rows ({ROWS:,} rows) | {ow:.2f} | {fw:.2f} | {fw / ow:.2f}x"
            f" | {oc:.2f} | {fc:.2f} | {fc / oc:.2f}x |",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--official-python", help="python of the official SDK's venv")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    if not args.official_python:
        parser.error("--official-python is required")
    from labelbox_server import LocalServer

    with LocalServer() as server:
        print(run(args.official_python, server.endpoint, server.api_key, args.runs))


if __name__ == "__main__":
    main()
