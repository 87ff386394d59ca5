"""Static types of labels, reviews, benchmarks, exports, members, metrics and label imports
(`make typecheck`).

Each `assert_type` pins a type; each `type: ignore[code]` pins an error mypy must report.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from typing_extensions import assert_type

import labelbox as lb
from labelbox.orm.db_object import RelationshipManager
from labelbox.orm.managers import RequiredToOneManager
from labelbox.pagination import PaginatedCollection
from labelbox.schema._project.exports import ExportedLabels
from labelbox.schema.annotation_import import AnnotationStatus, LabelImport
from labelbox.schema.enums import AnnotationImportState
from labelbox.schema.project import LabelerPerformance, ProjectMember


def check_labels(project: lb.Project, dataset: lb.Dataset, data_row: lb.DataRow) -> None:
    labels = project.labels(datasets=[dataset], order_by=lb.Label.created_at.asc)
    assert_type(labels, PaginatedCollection[lb.Label])
    label = labels.get_one()
    assert label is not None
    assert_type(label.label, str)
    assert_type(label.seconds_to_label, float | None)
    assert_type(label.agreement, float | None)
    assert_type(label.benchmark_agreement, float | None)
    assert_type(label.is_benchmark_reference, bool)
    assert_type(label.created_at, datetime)
    assert_type(label.project(), lb.Project)
    assert_type(label.data_row(), lb.DataRow)
    assert_type(label.created_by(), lb.User | None)
    assert_type(label.reviews, RelationshipManager[lb.Review])
    assert_type(data_row.labels(), PaginatedCollection[lb.Label])
    assert_type(data_row.get_winning_label_id(project.uid), str | None)
    label.update(label="{}")
    label.update(score=1)  # type: ignore[call-arg]
    label.update(label=1)  # type: ignore[arg-type]
    lb.Label.bulk_delete([label])

    review = label.create_review(score=1)
    assert_type(review, lb.Review)
    assert_type(review.score, float)
    assert_type(review.label, RequiredToOneManager[lb.Label])
    assert_type(review.project(), lb.Project)
    assert_type(review.organization(), lb.Organization)
    review.update(score=0.5)
    label.create_review(score="high")  # type: ignore[arg-type]
    label.create_review()  # type: ignore[call-arg]

    benchmark = label.create_benchmark()
    assert_type(benchmark, lb.Benchmark)
    assert_type(benchmark.completed_count, int)
    assert_type(benchmark.average_agreement, float | None)
    assert_type(benchmark.last_activity, datetime | None)
    assert_type(benchmark.reference_label(), lb.Label)
    assert_type(project.benchmarks(), PaginatedCollection[lb.Benchmark])


def check_project_numbers_and_exports(project: lb.Project) -> None:
    assert_type(project.review_metrics(lb.Review.NetScore.Positive), int)
    assert_type(project.review_metrics(None), int)
    project.review_metrics("Positive")  # type: ignore[arg-type]
    performance = project.labeler_performance()
    assert_type(performance, PaginatedCollection[LabelerPerformance])
    one = performance.get_one()
    assert one is not None
    assert_type(one.user, lb.User)
    assert_type(one.count, int)
    assert_type(one.last_activity_time, datetime)
    assert_type(one.consensus, float | None)
    members = project.members()
    assert_type(members, PaginatedCollection[ProjectMember])
    member = members.get_one()
    assert member is not None
    assert_type(member.user(), lb.User)
    assert_type(member.role(), lb.Role)

    assert_type(project.export_labels(), str | None)
    assert_type(project.export_labels(download=False, start="2024-01-01"), str | None)
    exported = project.export_labels(download=True, end="2024-01-02 10:00:00")
    assert_type(exported, ExportedLabels | None)
    assert exported is not None
    for row in exported:
        assert_type(row, dict[str, Any])
    assert_type(exported[0], dict[str, Any])
    project.export_labels(start=20240101)  # type: ignore[call-overload]
    assert_type(project.export_issues("Open"), str)
    project.export_issues("Closed")  # type: ignore[arg-type]
    assert_type(project.enable_model_assisted_labeling(), bool)


def check_batch_labels(batch: lb.Batch) -> None:
    assert_type(batch.delete_labels(), list[str])
    assert_type(batch.delete_labels(set_labels_as_template=True), list[str])


def check_label_imports(client: lb.Client, project: lb.Project) -> None:
    rows: list[dict[str, Any]] = [{"uuid": "...", "dataRow": {"id": "..."}, "name": "box"}]
    label_import = LabelImport.create_from_objects(client, project.uid, "first", rows)
    assert_type(label_import, LabelImport)
    assert_type(lb.LabelImport.create_from_file(client, project.uid, "f", "l.ndjson"), LabelImport)
    assert_type(lb.LabelImport.create_from_url(client, project.uid, "u", "https://x"), LabelImport)
    assert_type(LabelImport.from_name(client, project.uid, "first"), LabelImport)
    assert_type(LabelImport.from_name(client, project.uid, "first", as_json=True), dict[str, Any])
    assert_type(label_import.state, AnnotationImportState)
    assert_type(label_import.progress, str | None)
    assert_type(label_import.input_file_url, str | None)
    assert_type(label_import.project(), lb.Project)
    assert_type(label_import.parent_id, str)
    label_import.wait_until_done(sleep_time_seconds=1, show_progress=False)
    statuses = label_import.statuses
    assert_type(statuses, list[AnnotationStatus])
    assert_type(statuses[0]["status"], Literal["SUCCESS", "FAILURE"])
    assert_type(statuses[0]["errors"][0]["message"], str)
    assert_type(label_import.errors, list[AnnotationStatus])
    assert_type(label_import.inputs, list[dict[str, Any]])
    LabelImport.create_from_objects(client, project.uid, "x", "rows")  # type: ignore[arg-type]
