"""The official SDK 3.36.0 against our server: batches (its `test_batch` flows), the queue,
labeling parameter overrides (`test_labeling_parameter_overrides`) and queue settings."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

import labelbox
from labelbox import Dataset, Project
from labelbox.schema.queue_mode import QueueMode


@pytest.fixture
def batch_project(client: labelbox.Client) -> Iterator[Project]:
    project = client.create_project(
        name=f"compat batches {time.time_ns()}", queue_mode=QueueMode.Batch
    )
    yield project
    project.delete()


def make_rows(dataset: Dataset, count: int, **extra: str) -> list[labelbox.DataRow]:
    task = dataset.create_data_rows(
        [
            {"row_data": f"https://x.example/{i}.jpg", "external_id": f"r{i:05}", **extra}
            for i in range(count)
        ]
    )
    task.wait_till_done(timeout_seconds=600)
    assert task.status == "COMPLETE"
    return sorted(dataset.export_data_rows(), key=lambda row: row.external_id)


def test_create_batch(batch_project: Project, dataset: Dataset) -> None:
    rows = make_rows(dataset, 3)
    batch = batch_project.create_batch("compat batch", [r.uid for r in rows], 3)
    assert batch.name == "compat batch"
    assert batch.size == 3
    assert list(batch.failed_data_row_ids) == []
    assert batch.project().uid == batch_project.uid
    assert {r.uid for r in batch.export_data_rows()} == {r.uid for r in rows}
    queued = batch_project.export_queued_data_rows()
    assert [row["id"] for row in queued] == [r.uid for r in rows]


def test_create_batch_with_data_row_objects_and_consensus(
    batch_project: Project, dataset: Dataset
) -> None:
    rows = make_rows(dataset, 2)
    batch = batch_project.create_batch(
        "consensus", rows, 3, consensus_settings={"number_of_labels": 3, "coverage_percentage": 0.1}
    )
    assert batch.consensus_settings_json == {"numberOfLabels": 3, "coveragePercentage": 0.1}
    assert batch.size == 2


def test_create_batch_async(batch_project: Project, dataset: Dataset) -> None:
    rows = make_rows(dataset, 10_000)
    batch = batch_project.create_batch("async", [r.uid for r in rows], 4)
    assert batch.size == 10_000
    exported = batch_project.export_queued_data_rows()
    assert [row["id"] for row in exported] == [r.uid for r in rows]


def test_failed_data_row_ids(batch_project: Project, dataset: Dataset) -> None:
    rows = make_rows(dataset, 2)
    bad = [dataset.create_data_row(row_data="gs://invalid-bucket/example.png") for _ in range(2)]
    batch = batch_project.create_batch("partly", [r.uid for r in rows + bad])
    assert sorted(batch.failed_data_row_ids) == sorted(r.uid for r in bad)
    assert batch.size == 4  # the official SDK counts the ids it sent
    assert len(list(batch.export_data_rows())) == 2


def test_remove_queued_rows_and_delete(batch_project: Project, dataset: Dataset) -> None:
    rows = make_rows(dataset, 3)
    kept = batch_project.create_batch("kept", [rows[0].uid])
    batch = batch_project.create_batch("removed", [r.uid for r in rows[1:]])
    batch.remove_queued_data_rows()
    assert list(batch.export_data_rows()) == []
    batch.delete()
    assert [b.uid for b in batch_project.batches()] == [kept.uid]
    assert [row["id"] for row in batch_project.export_queued_data_rows()] == [rows[0].uid]


def test_labeling_parameter_overrides(client: labelbox.Client) -> None:
    project = client.create_project(name="compat overrides", queue_mode=QueueMode.Dataset)
    dataset = client.create_dataset(name="compat overrides", projects=project)
    rows = make_rows(dataset, 3)
    data = [(rows[0], 4, 2), (rows[1], 3, 1), (rows[2], 1, 1)]
    assert project.set_labeling_parameter_overrides(data) is True
    overrides = list(project.labeling_parameter_overrides())
    assert {(o.data_row().uid, o.priority, o.number_of_labels) for o in overrides} == {
        (row.uid, priority, labels) for row, priority, labels in data
    }
    assert project.export_queued_data_rows()[0]["id"] == rows[2].uid
    assert project.unset_labeling_parameter_overrides([rows[1], rows[2]]) is True
    (left,) = list(project.labeling_parameter_overrides())
    assert left.data_row().uid == rows[0].uid
    with pytest.raises(TypeError):
        project.set_labeling_parameter_overrides([(rows[0].uid, 1, 1)])
    with pytest.raises(ValueError):
        project.set_labeling_parameter_overrides([(rows[0], 0, 1)])
    dataset.delete()
    project.delete()


def test_queue_settings(client: labelbox.Client, batch_project: Project) -> None:
    assert batch_project.get_queue_mode() == QueueMode.Batch
    batch_project.upsert_review_queue(0.6)
    assert batch_project.extend_reservations("LabelingQueue") == 0
    assert batch_project.extend_reservations("ReviewQueue") == 0
    dataset_mode = client.create_project(name="compat dataset queue", queue_mode=QueueMode.Dataset)
    assert dataset_mode.get_queue_mode() == QueueMode.Dataset
    dataset_mode.delete()
