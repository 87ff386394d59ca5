"""Snapshots of the request bodies the SDK sends (documents and variables) for representative calls.

The calls run against the real local server; the bodies are captured on the way out and
compared with `__snapshots__/` (update with `pytest --snapshot-update` after a deliberate change).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

import labelbox as lb
from labelbox.schema.queue_mode import QueueMode

ID = re.compile(r"\bc[0-9a-z]{24}\b")


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(JSONSnapshotExtension)


@pytest.fixture
def bodies(client: lb.Client) -> Iterator[Callable[[], list[Any]]]:
    """Call it for the JSON bodies sent so far in the test, with ids replaced by `<id>`."""
    captured: list[bytes] = []

    def record(request: httpx.Request) -> None:
        captured.append(request.content)

    hooks = client._gateway.http.event_hooks["request"]
    hooks.append(record)

    def taken() -> list[Any]:
        return [json.loads(ID.sub("<id>", body.decode())) for body in captured]

    yield taken
    hooks.remove(record)


def test_get_project(
    client: lb.Client,
    project: lb.Project,
    bodies: Callable[[], list[Any]],
    snapshot_json: SnapshotAssertion,
) -> None:
    client.get_project(project.uid)
    assert bodies() == snapshot_json


def test_create_project(
    client: lb.Client, bodies: Callable[[], list[Any]], snapshot_json: SnapshotAssertion
) -> None:
    project = client.create_project(
        name="snapshot", description="d", media_type=lb.MediaType.Image, queue_mode=QueueMode.Batch
    )
    sent = bodies()
    project.delete()
    assert sent == snapshot_json


def test_update_project_with_a_datetime(
    project: lb.Project, bodies: Callable[[], list[Any]], snapshot_json: SnapshotAssertion
) -> None:
    project.update(name="n", setup_complete=datetime(2023, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    assert bodies() == snapshot_json


def test_filtered_listing(
    client: lb.Client, bodies: Callable[[], list[Any]], snapshot_json: SnapshotAssertion
) -> None:
    since = datetime(2020, 1, 1, tzinfo=timezone.utc)
    list(client.get_projects(where=(lb.Project.name == "x") & (lb.Project.created_at >= since)))
    assert bodies() == snapshot_json


def test_relationships(
    client: lb.Client,
    project: lb.Project,
    dataset: lb.Dataset,
    bodies: Callable[[], list[Any]],
    snapshot_json: SnapshotAssertion,
) -> None:
    project.datasets.connect(dataset)
    list(project.datasets(where=lb.Dataset.name == "x", order_by=lb.Dataset.name.asc))
    project.created_by()
    project.datasets.disconnect(dataset)
    assert bodies() == snapshot_json


def test_create_dataset_connected_to_a_project(
    client: lb.Client,
    project: lb.Project,
    bodies: Callable[[], list[Any]],
    snapshot_json: SnapshotAssertion,
) -> None:
    dataset = client.create_dataset(name="snap", projects=project)
    sent = bodies()
    dataset.delete()
    assert sent == snapshot_json
