"""The official SDK 3.36.0 against our server: label imports, labels, reviews, benchmarks,
label and issue exports, members, labeler performance and review metrics (the flows of its
`test_label`, `test_review`, `test_benchmark`, `test_export`, `test_issues`,
`test_labeler_performance`, `test_toggle_mal`, `test_task` and `annotation_import`)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

import labelbox
from labelbox import Dataset, Label, Project, Review
from labelbox.exceptions import InvalidQueryError, ResourceNotFoundError
from labelbox.schema.annotation_import import AnnotationImportState, LabelImport

IMAGE_URL = "https://storage.example.com/images/cat.jpg"
ONTOLOGY = {
    "tools": [
        {
            "tool": "rectangle",
            "name": "box",
            "color": "#ff0000",
            "classifications": [
                {
                    "type": "radio",
                    "name": "color",
                    "instructions": "color",
                    "options": [
                        {"value": "red", "label": "red"},
                        {"value": "blue", "label": "blue"},
                    ],
                }
            ],
        }
    ],
    "classifications": [
        {
            "type": "checklist",
            "name": "tags",
            "instructions": "tags",
            "options": [{"value": "cute", "label": "cute"}, {"value": "fat", "label": "fat"}],
        },
        {"type": "text", "name": "note", "instructions": "note", "options": []},
    ],
}


def _box(data_row_id: str, schema_id: str) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "schemaId": schema_id,
        "dataRow": {"id": data_row_id},
        "bbox": {"top": 10, "left": 20, "height": 30, "width": 40},
    }


@pytest.fixture
def configured(
    client: labelbox.Client, request: pytest.FixtureRequest
) -> Iterator[tuple[Project, Dataset, list[labelbox.DataRow]]]:
    """A project with an ontology and a dataset of three rows (as the SDK's conftest)."""
    project = client.create_project(name=f"compat {request.node.name}")
    dataset = client.create_dataset(name=f"compat {request.node.name}", projects=project)
    rows = [dataset.create_data_row(row_data=IMAGE_URL, external_id=f"r{i}") for i in range(3)]
    ontology = client.create_ontology(f"compat {request.node.name} {time.time_ns()}", ONTOLOGY)
    project.setup_editor(ontology)
    yield project, dataset, rows
    project.delete()
    dataset.delete()


def _import(
    client: labelbox.Client, project: Project, annotations: list[dict[str, Any]]
) -> LabelImport:
    label_import = LabelImport.create_from_objects(
        client, project.uid, f"import {uuid.uuid4()}", annotations
    )
    label_import.wait_until_done(sleep_time_seconds=1)
    return label_import


def _labeled(
    client: labelbox.Client, configured: Any
) -> tuple[Project, list[labelbox.DataRow], Label]:
    project, _, rows = configured
    box = project.ontology().tools()[0].feature_schema_id
    label_import = _import(client, project, [_box(rows[0].uid, box)])
    assert label_import.state == AnnotationImportState.FINISHED
    (label,) = list(project.labels())
    return project, rows, label


def test_label_import_from_objects(client: labelbox.Client, configured: Any) -> None:
    project, _, rows = configured
    normalized = project.ontology().normalized
    box = normalized["tools"][0]
    tags = normalized["classifications"][0]
    annotations = [
        {
            **_box(rows[0].uid, box["featureSchemaId"]),
            "classifications": [
                {
                    "schemaId": box["classifications"][0]["featureSchemaId"],
                    "answer": {"name": "blue"},
                }
            ],
        },
        {
            "uuid": str(uuid.uuid4()),
            "name": "tags",
            "dataRow": {"id": rows[1].uid},
            "answers": [{"schemaId": tags["options"][1]["featureSchemaId"]}, {"name": "cute"}],
        },
        {"uuid": str(uuid.uuid4()), "name": "note", "dataRow": {"id": rows[1].uid}, "answer": "hi"},
        {
            "uuid": str(uuid.uuid4()),
            "name": "no such tool",
            "dataRow": {"id": rows[2].uid},
            "point": {"x": 1, "y": 2},
        },
    ]
    label_import = LabelImport.create_from_objects(client, project.uid, "objects", annotations)
    assert label_import.parent_id == project.uid
    assert label_import.state == AnnotationImportState.RUNNING
    assert label_import.input_file_url and label_import.status_file_url is None
    label_import.wait_until_done(sleep_time_seconds=1)
    assert label_import.state == AnnotationImportState.FINISHED
    assert label_import.progress == "100%"
    assert label_import.inputs == annotations
    statuses = {s["uuid"]: s for s in label_import.statuses}
    assert [statuses[a["uuid"]]["status"] for a in annotations] == ["SUCCESS"] * 3 + ["FAILURE"]
    (error,) = label_import.errors
    assert error["uuid"] == annotations[3]["uuid"]
    assert error["dataRow"] == {"id": rows[2].uid}
    assert error["errors"][0]["name"] == "FeatureNotFound"

    labels = {label.data_row().uid: label for label in project.labels()}
    assert set(labels) == {rows[0].uid, rows[1].uid}
    (obj,) = json.loads(labels[rows[0].uid].label)["objects"]
    assert obj["schemaId"] == box["featureSchemaId"] and obj["bbox"] == annotations[0]["bbox"]
    assert obj["classifications"][0]["answer"]["title"] == "blue"
    classifications = json.loads(labels[rows[1].uid].label)["classifications"]
    assert [c["title"] for c in classifications] == ["tags", "note"]
    assert [a["title"] for a in classifications[0]["answers"]] == ["fat", "cute"]

    found = LabelImport.from_name(client, project.uid, "objects")
    assert found.uid == label_import.uid and found.state == AnnotationImportState.FINISHED
    with pytest.raises(ResourceNotFoundError):
        LabelImport.from_name(client, project.uid, "no such import")


def test_label_import_from_a_file_and_a_url(
    client: labelbox.Client, configured: Any, tmp_path: Path
) -> None:
    project, _, rows = configured
    box = project.ontology().tools()[0].feature_schema_id
    path = tmp_path / "labels.ndjson"
    path.write_text("\n".join(json.dumps(_box(row.uid, box)) for row in rows[:2]))
    from_file = LabelImport.create_from_file(client, project.uid, "file", str(path))
    from_file.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in from_file.statuses] == ["SUCCESS", "SUCCESS"]
    assert from_file.errors == []

    content = json.dumps(_box(rows[2].uid, box)).encode()
    url = client.upload_data(
        content, filename="labels.ndjson", content_type="application/x-ndjson", sign=True
    )
    from_url = LabelImport.create_from_url(client, project.uid, "url", url)
    assert from_url.input_file_url == url
    from_url.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in from_url.statuses] == ["SUCCESS"]
    assert {label.data_row().uid for label in project.labels()} == {row.uid for row in rows}


def test_label_relationships_ordering_and_deletion(
    client: labelbox.Client, configured: Any
) -> None:
    project, rows, label = _labeled(client, configured)
    assert label.project().uid == project.uid
    assert label.data_row().uid == rows[0].uid
    assert label.created_by() == client.get_user()
    assert [x.uid for x in rows[0].labels()] == [label.uid]
    assert rows[0].get_winning_label_id(project.uid) == label.uid

    box = project.ontology().tools()[0].feature_schema_id
    _import(client, project, [_box(rows[1].uid, box)])
    ascending = list(project.labels(order_by=Label.created_at.asc))
    descending = list(project.labels(order_by=Label.created_at.desc))
    assert [x.uid for x in ascending] == [x.uid for x in reversed(descending)]
    assert ascending[0].uid == label.uid

    Label.bulk_delete(ascending)
    assert list(project.labels()) == []
    assert list(rows[0].labels()) == []


def test_label_export(client: labelbox.Client, configured: Any) -> None:
    project, rows, label = _labeled(client, configured)
    url = project.export_labels()
    exported = httpx.get(url).json()
    assert [row["ID"] for row in exported] == [label.uid]
    (row,) = exported
    assert row["DataRow ID"] == rows[0].uid
    assert row["Labeled Data"] == IMAGE_URL
    assert row["External ID"] == "r0"
    assert row["Project Name"] == project.name
    assert row["Label"]["objects"][0]["bbox"] == {"top": 10, "left": 20, "height": 30, "width": 40}
    assert project.export_labels(download=True) == exported

    today = datetime.now(timezone.utc)
    assert project.export_labels(download=True, start="2020-01-01", end="2020-01-02") == []
    window = project.export_labels(
        download=True,
        start=(today - timedelta(days=1)).strftime("%Y-%m-%d"),
        end=today.strftime("%Y-%m-%d"),
    )
    assert [r["ID"] for r in window] == [label.uid]
    with pytest.raises(ValueError):
        project.export_labels(start="01/01/2020")
    # Every export is a task of the user's, and not a data-row import.
    names = {task.name for task in client.get_user().created_tasks()}
    assert names - {"JSON Import"}


def test_reviews_and_review_metrics(client: labelbox.Client, configured: Any) -> None:
    project, _, label = _labeled(client, configured)
    assert project.review_metrics(None) == 1
    positive = label.create_review(score=1)
    assert positive.score == 1 and positive.label().uid == label.uid
    assert positive.project().uid == project.uid
    assert positive.created_by() == client.get_user()
    assert project.review_metrics(Review.NetScore.Positive) == 1
    assert project.review_metrics(None) == 0
    negative = label.create_review(score=-1)
    assert project.review_metrics(Review.NetScore.Zero) == 1
    assert {r.uid for r in label.reviews()} == {positive.uid, negative.uid}
    with pytest.raises(InvalidQueryError):
        project.review_metrics("Positive")
    positive.delete()
    assert [r.uid for r in label.reviews()] == [negative.uid]
    assert project.review_metrics(Review.NetScore.Negative) == 1
    negative.update(score=2)
    assert project.review_metrics(Review.NetScore.Positive) == 1


def test_benchmarks(client: labelbox.Client, configured: Any) -> None:
    project, _, label = _labeled(client, configured)
    benchmark = label.create_benchmark()
    assert benchmark.reference_label().uid == label.uid
    assert benchmark.created_by() == client.get_user()
    assert benchmark.completed_count == 0
    assert [b.uid for b in project.benchmarks()] == [benchmark.uid]
    assert next(iter(project.labels())).is_benchmark_reference is True
    benchmark.delete()
    assert list(project.benchmarks()) == []
    assert next(iter(project.labels())).is_benchmark_reference is False


def test_agreement_and_benchmark_agreement(client: labelbox.Client, configured: Any) -> None:
    project, rows, first = _labeled(client, configured)
    box = project.ontology().tools()[0].feature_schema_id
    shifted = _box(rows[0].uid, box)
    shifted["bbox"]["left"] = 30  # overlaps the first box by 900 of 1,500 pixels: IoU 0.6
    _import(client, project, [shifted])
    labels = {label.uid: label for label in project.labels()}
    (second,) = [label for uid, label in labels.items() if uid != first.uid]
    assert labels[first.uid].agreement == pytest.approx(0.6)
    assert second.agreement == pytest.approx(0.6)
    assert second.benchmark_agreement is None
    benchmark = first.create_benchmark()
    labels = {label.uid: label for label in project.labels()}
    assert labels[second.uid].benchmark_agreement == pytest.approx(0.6)
    assert labels[first.uid].benchmark_agreement is None  # the reference itself
    (listed,) = list(project.benchmarks())
    assert listed.average_agreement == pytest.approx(0.6)
    (performance,) = list(project.labeler_performance())
    assert performance.consensus == pytest.approx(0.6)
    assert performance.average_benchmark_agreement == pytest.approx(0.6)
    benchmark.delete()
    labels = {label.uid: label for label in project.labels()}
    assert labels[second.uid].benchmark_agreement is None


def test_members_performance_issues_and_model_assisted_labeling(
    client: labelbox.Client, configured: Any
) -> None:
    project, _, _label = _labeled(client, configured)
    (member,) = list(project.members())
    assert member.user() == client.get_user()
    assert member.role().name.upper() == "ADMIN"

    (performance,) = list(project.labeler_performance())
    assert performance.count == 1
    assert performance.user == client.get_user()
    now = datetime.now(timezone.utc)
    assert now - performance.last_activity_time < timedelta(seconds=60)

    assert project.export_issues() is not None
    for status in ("Open", "Resolved"):
        url = project.export_issues(status)
        assert f"?status={status}" in url
        assert httpx.get(url).json() == []

    assert project.enable_model_assisted_labeling() is True
    assert project.enable_model_assisted_labeling(True) is True
    assert project.enable_model_assisted_labeling(False) is False


def test_batch_delete_labels_requeues_the_rows(client: labelbox.Client) -> None:
    from labelbox.schema.queue_mode import QueueMode

    name = f"compat batch labels {time.time_ns()}"
    project = client.create_project(name=name, queue_mode=QueueMode.Batch)
    dataset = client.create_dataset(name=name)
    rows = [dataset.create_data_row(row_data=IMAGE_URL) for _ in range(2)]
    project.setup_editor(client.create_ontology(name, ONTOLOGY))
    batch = project.create_batch(name, [row.uid for row in rows])
    _import(
        client,
        project,
        [
            {
                "uuid": str(uuid.uuid4()),
                "name": "note",
                "dataRow": {"id": rows[0].uid},
                "answer": "x",
            }
        ],
    )
    assert [row["id"] for row in project.export_queued_data_rows()] == [rows[1].uid]
    (label,) = list(project.labels())
    result = batch.delete_labels()
    assert result["project"]["deleteBatchLabels"]["deletedLabelIds"] == [label.uid]
    assert list(project.labels()) == []
    assert len(project.export_queued_data_rows()) == 2
