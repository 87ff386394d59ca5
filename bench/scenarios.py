"""Benchmark scenarios, written against the SDK's public API only.

The same file runs under our SDK (the project's .venv) and under the official
SDK 3.36.0 (its own venv, `python -P`): both expose the same API. Prints one
JSON object per run: wall time, CPU time and peak RSS of the process.

    python bench/scenarios.py get_project_1000 --run 0
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Callable

import labelbox as lb

SCENARIOS: dict[str, Callable[[lb.Client, int], Callable[[], object]]] = {}


def scenario(
    function: Callable[[lb.Client, int], Callable[[], object]],
) -> Callable[[lb.Client, int], Callable[[], object]]:
    """Register a scenario: given a client and a run number, prepare, and return the timed part."""
    SCENARIOS[function.__name__] = function
    return function


@scenario
def get_project_1000(client: lb.Client, run: int) -> Callable[[], object]:
    project_id = client.create_project(name=f"bench get {run}").uid
    return lambda: [client.get_project(project_id) for _ in range(1000)]


@scenario
def iterate_5000_datasets(client: lb.Client, run: int) -> Callable[[], object]:
    def iterate() -> int:
        count = sum(1 for _ in client.get_datasets())
        assert count >= 5000, count
        return count

    return iterate


@scenario
def create_500_projects(client: lb.Client, run: int) -> Callable[[], object]:
    return lambda: [client.create_project(name=f"bench create {run}-{i}") for i in range(500)]


IMAGE = "https://storage.example.com/bench/{}.jpg"
TAG_SCHEMA_ID = "cko8s9r5v0001h2dk9elqdidh"


def _import(client: lb.Client, run: int, count: int) -> Callable[[], object]:
    dataset = client.create_dataset(name=f"bench import {count} {run}")
    items = [{"row_data": IMAGE.format(i), "external_id": f"r{i}"} for i in range(count)]

    def create() -> None:
        task = dataset.create_data_rows(items)
        task.wait_till_done(timeout_seconds=1800)
        assert task.status == "COMPLETE", task.errors

    return create


@scenario
def create_data_rows_10000(client: lb.Client, run: int) -> Callable[[], object]:
    return _import(client, run, 10_000)


@scenario
def create_data_rows_100000(client: lb.Client, run: int) -> Callable[[], object]:
    return _import(client, run, 100_000)


def _seeded_dataset(client: lb.Client) -> lb.Dataset:
    return client.get_dataset(os.environ["LB_BENCH_DATASET"])


@scenario
def iterate_20000_data_rows(client: lb.Client, run: int) -> Callable[[], object]:
    dataset = _seeded_dataset(client)

    def iterate() -> None:
        count = sum(1 for _ in dataset.data_rows())
        assert count == 20_000, count

    return iterate


@scenario
def export_20000_data_rows(client: lb.Client, run: int) -> Callable[[], object]:
    dataset = _seeded_dataset(client)

    def export() -> None:
        count = sum(1 for _ in dataset.export_data_rows(timeout_seconds=600))
        assert count == 20_000, count

    return export


@scenario
def metadata_bulk_upsert_10000(client: lb.Client, run: int) -> Callable[[], object]:
    from labelbox.schema.data_row_metadata import DataRowMetadata, DataRowMetadataField

    with open(os.environ["LB_BENCH_ROW_IDS_FILE"]) as ids_file:
        ids = ids_file.read().split(",")[:10_000]
    ontology = client.get_data_row_metadata_ontology()
    metadata = [
        DataRowMetadata(
            data_row_id=i,
            fields=[DataRowMetadataField(schema_id=TAG_SCHEMA_ID, value=f"run {run}")],
        )
        for i in ids
    ]

    def upsert() -> None:
        failures = ontology.bulk_upsert(metadata)
        assert failures == [], failures[:3]

    return upsert


# -- ontologies and batches ------------------------------------------------------------------


@scenario
def create_ontology_50_tools(client: lb.Client, run: int) -> Callable[[], object]:
    """50 tools, each with a nested radio of 3 options, and 5 classifications. A first
    request before the timed part loads what either SDK loads on first use (the import
    table reports that cost)."""
    from labelbox import Classification, OntologyBuilder, Option, Tool

    client.get_user()

    def create() -> None:
        kinds = list(Tool.Type)
        tools = [
            Tool(
                tool=kinds[i % len(kinds)],
                name=f"tool {i}",
                classifications=[
                    Classification(
                        class_type=Classification.Type.RADIO,
                        instructions="state",
                        options=[Option(value=v) for v in ("a", "b", "c")],
                    )
                ],
            )
            for i in range(50)
        ]
        classifications = [
            Classification(class_type=Classification.Type.TEXT, instructions=f"text {i}")
            for i in range(5)
        ]
        builder = OntologyBuilder(tools=tools, classifications=classifications)
        ontology = client.create_ontology(f"bench ontology {run}", builder.asdict())
        assert len(ontology.normalized["tools"]) == 50

    return create


@scenario
def create_batch_10000(client: lb.Client, run: int) -> Callable[[], object]:
    """A batch of 10,000 of the seeded rows, in a new project."""
    from labelbox.schema.queue_mode import QueueMode

    with open(os.environ["LB_BENCH_ROW_IDS_FILE"]) as ids_file:
        ids = ids_file.read().split(",")[:10_000]
    project = client.create_project(name=f"bench batch {run}", queue_mode=QueueMode.Batch)

    def create() -> None:
        batch = project.create_batch(f"bench {run}", ids)
        assert batch.size == 10_000, batch.size

    return create


@scenario
def export_labels_5000(client: lb.Client, run: int) -> Callable[[], object]:
    """A fresh export of 5,000 labels, read row by row (a label changed first, so the server
    writes the export again in every run)."""
    project = client.get_project(os.environ["LB_BENCH_LABELS_PROJECT"])
    label = next(iter(project.labels()))
    label.update(label=label.label)

    def export() -> None:
        rows = project.export_labels(download=True, timeout_seconds=600)
        assert rows is not None
        count = sum(1 for _ in rows)
        assert count == 5_000, count

    return export


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--run", type=int, default=0)
    args = parser.parse_args()
    client = lb.Client(
        api_key=os.environ["LABELBOX_API_KEY"], endpoint=os.environ["LABELBOX_ENDPOINT"]
    )
    timed = SCENARIOS[args.scenario](client, args.run)
    cpu_before, wall_before = time.process_time(), time.perf_counter()
    timed()
    wall, cpu = time.perf_counter() - wall_before, time.process_time() - cpu_before
    json.dump(
        {"wall": wall, "cpu": cpu, "peak_mib": peak_rss_mib(), "sdk": lb.__file__}, sys.stdout
    )


def peak_rss_mib() -> float:
    """This process's peak resident memory. (`ru_maxrss` would also count the parent's
    memory before `exec`, which hides any peak below it.)"""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
