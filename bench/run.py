"""`make bench`: our SDK and the official SDK 3.36.0, side by side against one local server.

Every scenario runs several times per SDK, each run in a fresh process, in
alternating order. The table gives medians and the ratio official / ours
(above 1 means we are faster or leaner). Results also go to .bench/results.json.
Then the server section (`bench/server.py`): our server beside a floor and, with
`--against COMMIT`, other commits of this repository, in one table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import imports
import mal
import membership
import model_runs
import ours
import server as server_bench

from labelbox_server import LocalServer

HERE = Path(__file__).resolve().parent
RESULTS = HERE.parent / ".bench" / "results.json"
SCENARIOS = [
    "get_project_1000",
    "iterate_5000_datasets",
    "create_500_projects",
    "create_data_rows_10000",
    "create_data_rows_100000",
    "iterate_20000_data_rows",
    "export_20000_data_rows",
    "metadata_bulk_upsert_10000",
    "create_ontology_50_tools",
    "create_batch_10000",
    "export_labels_5000",
    *mal.SCENARIOS,
]
SEED = """
import labelbox as lb, os, sys
c = lb.Client(api_key=os.environ["LABELBOX_API_KEY"], endpoint=os.environ["LABELBOX_ENDPOINT"])
for i in range(5000):
    c.create_dataset(name=f"bench dataset {i:04}")
rows = c.create_dataset(name="bench rows")
task = rows.create_data_rows(
    [{"row_data": f"https://storage.example.com/seed/{i}.jpg", "external_id": f"s{i}"} for i in range(20000)]
)
task.wait_till_done(timeout_seconds=1800)
assert task.status == "COMPLETE", task.errors
ids = [row["id"] for row in task.result]
sum(1 for _ in rows.export_data_rows(timeout_seconds=600))  # both SDKs then read a ready export
import uuid
from labelbox.schema.annotation_import import LabelImport
from labelbox.schema.ontology import OntologyBuilder, Tool, Classification, Option
labeled = c.create_project(name="bench labels")
images = c.create_dataset(name="bench labeled rows", projects=labeled)
task = images.create_data_rows([{"row_data": f"https://storage.example.com/l/{i}.jpg"} for i in range(5000)])
task.wait_till_done(timeout_seconds=1800)
builder = OntologyBuilder(
    tools=[Tool(tool=Tool.Type.BBOX, name="box"), Tool(tool=Tool.Type.POLYGON, name="polygon")],
    classifications=[Classification(Classification.Type.RADIO, "mood", options=[Option("a"), Option("b")])],
)
labeled.setup_editor(c.create_ontology("bench labels", builder.asdict()))
annotations = []
for row in task.result:
    target = {"id": row["id"]}
    annotations += [
        {"uuid": str(uuid.uuid4()), "dataRow": target, "name": "box", "bbox": {"top": 1, "left": 2, "height": 30, "width": 40}},
        {"uuid": str(uuid.uuid4()), "dataRow": target, "name": "polygon", "polygon": [{"x": 1, "y": 1}, {"x": 9, "y": 1}, {"x": 5, "y": 8}]},
        {"uuid": str(uuid.uuid4()), "dataRow": target, "name": "mood", "answer": {"name": "a"}},
    ]
label_import = LabelImport.create_from_objects(c, labeled.uid, "bench", annotations)
label_import.wait_until_done(sleep_time_seconds=1)
assert label_import.errors == [], label_import.errors[:3]
print(labeled.uid)
print(rows.uid)
print(",".join(ids))
"""


def seed(endpoint: str, api_key: str) -> dict[str, str]:
    """5,000 datasets, a dataset of 20,000 rows and a project with 5,000 labels (three
    annotations each), created once with our SDK."""
    output = subprocess.run(
        [sys.executable, "-c", SEED],
        env=_env(endpoint, api_key),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    ids_file = RESULTS.parent / "row_ids.txt"
    ids_file.parent.mkdir(exist_ok=True)
    ids_file.write_text(output[-1])
    return {
        "LB_BENCH_LABELS_PROJECT": output[-3],
        "LB_BENCH_DATASET": output[-2],
        "LB_BENCH_ROW_IDS_FILE": str(ids_file),
    }


def _env(endpoint: str, api_key: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    return {
        **os.environ,
        "LABELBOX_API_KEY": api_key,
        "LABELBOX_ENDPOINT": endpoint,
        **(extra or {}),
    }


def run_once(
    python: list[str], scenario: str, run: int, endpoint: str, api_key: str, seeded: dict[str, str]
) -> dict[str, float]:
    output = subprocess.run(
        [*python, str(HERE / "scenarios.py"), scenario, "--run", str(run)],
        env=_env(endpoint, api_key, seeded),
        cwd=HERE,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--official-python", required=True, help="python of the official SDK's venv"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-imports", action="store_true", help="skip the import table")
    parser.add_argument("--no-ours", action="store_true", help="skip the table of our own tools")
    parser.add_argument("--no-server", action="store_true", help="skip the server section")
    parser.add_argument(
        "--against", action="append", default=[], help="a commit for the server section"
    )
    parser.add_argument(
        "--no-membership", action="store_true", help="skip the webhook and role-check table"
    )
    parser.add_argument("--no-model-runs", action="store_true", help="skip the model-run table")
    parser.add_argument("scenarios", nargs="*", default=SCENARIOS)
    args = parser.parse_args()
    sdks = {"ours": [sys.executable, "-P"], "official": [args.official_python, "-P"]}

    results: dict[str, dict[str, list[dict[str, float]]]] = {}
    with LocalServer() as server:
        import_table = (
            None
            if args.no_imports
            else imports.run(args.official_python, server.endpoint, server.api_key)
        )
        ours_table = None if args.no_ours else ours.run(server.endpoint, server.api_key)
        model_run_table = (
            None
            if args.no_model_runs
            else model_runs.run(args.official_python, server.endpoint, server.api_key, args.runs)
        )
        seeded = seed(server.endpoint, server.api_key)
        for scenario in args.scenarios:
            results[scenario] = {name: [] for name in sdks}
            for run in range(args.runs):
                order = list(sdks) if run % 2 == 0 else list(reversed(sdks))
                for name in order:
                    measured = run_once(
                        sdks[name], scenario, run, server.endpoint, server.api_key, seeded
                    )
                    results[scenario][name].append(measured)
                    print(
                        f"  {scenario} [{name}] run {run + 1}: {measured['wall']:.2f}s",
                        file=sys.stderr,
                    )

    membership_table = None if args.no_membership else membership.run()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2))
    print(table(results))
    server_table = (
        None
        if args.no_server
        else server_bench.run_section(args.against, ["sqlite", "postgres"], [1, 2], 3, 5.0)
    )
    for extra in (import_table, ours_table, server_table, membership_table, model_run_table):
        if extra is not None:
            print()
            print(extra)


def table(results: dict[str, dict[str, list[dict[str, float]]]]) -> str:
    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    lines = [
        "| scenario | ours wall (s) | official wall (s) | wall ratio | ours CPU (s) | official CPU (s) | CPU ratio | ours peak RSS (MiB) | official peak RSS (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scenario, by_sdk in results.items():
        ours, official = by_sdk["ours"], by_sdk["official"]
        ow, fw = median(ours, "wall"), median(official, "wall")
        oc, fc = median(ours, "cpu"), median(official, "cpu")
        om, fm = median(ours, "peak_mib"), median(official, "peak_mib")
        lines.append(
            f"| {scenario} | {ow:.2f} | {fw:.2f} | {fw / ow:.2f}x | {oc:.2f} | {fc:.2f} | {fc / oc:.2f}x | {om:.1f} | {fm:.1f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
