"""Labels and what is built on them, with our SDK against a real server: relationships,
ordering and filters, updates and deletes, reviews and review metrics, benchmarks, members,
labeler performance, label exports (checked row by row) and issue exports."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import TypedDict

import httpx
import pytest

import labelbox as lb
from labelbox.exceptions import (
    InvalidAttributeError,
    InvalidInputError,
    InvalidQueryError,
    ResourceConflict,
    ResourceNotFoundError,
)
from labelbox.schema._project.exports import ExportedLabels

from .labeling import Setup, annotation, import_labels, set_up

IMAGE = "https://storage.example.com/cats/{}.jpg"

Labeled = tuple[Setup, list[lb.Label]]


class Window(TypedDict, total=False):
    """The date window of `Project.export_labels`."""

    start: str
    end: str


@pytest.fixture
def labeled(client: lb.Client) -> Labeled:
    """Three data rows, the first two labeled (one import each, so in creation order)."""
    s = set_up(client, [IMAGE.format(i) for i in range(3)])
    for row in s.rows[:2]:
        import_labels(client, s.project, [annotation(row, name="point", point={"x": 1, "y": 2})])
    labels = list(s.project.labels())
    assert [label.data_row().uid for label in labels] == [row.uid for row in s.rows[:2]]
    return s, labels


def test_labels_and_their_relationships(client: lb.Client, labeled: Labeled) -> None:
    s, (first, second) = labeled
    assert first.project() == s.project
    assert first.data_row() == s.rows[0]
    assert first.created_by() == client.get_user()
    assert first.seconds_to_label == 0 and first.agreement is None
    assert first.is_benchmark_reference is False
    assert json.loads(first.label)["objects"][0]["point"] == {"x": 1, "y": 2}
    assert [label.uid for label in s.rows[0].labels()] == [first.uid]
    assert list(s.rows[2].labels()) == []
    assert s.rows[0].get_winning_label_id(s.project.uid) == first.uid
    assert s.rows[2].get_winning_label_id(s.project.uid) is None

    ascending = [label.uid for label in s.project.labels(order_by=lb.Label.created_at.asc)]
    descending = [label.uid for label in s.project.labels(order_by=lb.Label.created_at.desc)]
    assert ascending == [first.uid, second.uid] == descending[::-1]
    assert [x.uid for x in s.project.labels(datasets=[s.dataset])] == ascending
    other = client.create_dataset(name="no labels")
    assert list(s.project.labels(datasets=[other])) == []
    with pytest.raises(InvalidAttributeError):
        s.project.labels(order_by=lb.Project.name.asc)


def test_update_and_delete(client: lb.Client, labeled: Labeled, sent: list[str]) -> None:
    s, (first, second) = labeled
    content = {"objects": [], "classifications": [{"title": "edited"}]}
    first.update(label=json.dumps(content))
    assert json.loads(first.label) == content
    with pytest.raises(lb.exceptions.MalformedQueryException):
        first.update(label="not json")
    with pytest.raises(InvalidAttributeError):
        first.update(score=1)  # type: ignore[call-arg]
    first.delete()
    assert [label.uid for label in s.project.labels()] == [second.uid]
    assert s.rows[0].get_winning_label_id(s.project.uid) is None
    lb.Label.bulk_delete([second])
    assert list(s.project.labels()) == []
    before = len(sent)
    lb.Label.bulk_delete([])
    assert len(sent) == before


def test_reviews_and_review_metrics(client: lb.Client, labeled: Labeled) -> None:
    s, (first, second) = labeled
    metrics = s.project.review_metrics
    assert (metrics(None), metrics(lb.Review.NetScore.Positive)) == (2, 0)
    up = first.create_review(score=1)
    assert (up.score, up.label(), up.project()) == (1, first, s.project)
    assert up.created_by() == client.get_user()
    assert up.organization() == client.get_organization()
    down = second.create_review(score=-1)
    second.create_review(score=1)
    assert [r.score for r in second.reviews()] == [-1, 1]
    assert metrics(None) == 0
    assert metrics(lb.Review.NetScore.Positive) == 1
    assert metrics(lb.Review.NetScore.Zero) == 1
    down.update(score=-3)
    assert metrics(lb.Review.NetScore.Negative) == 1
    down.delete()
    assert metrics(lb.Review.NetScore.Positive) == 2
    up.delete()
    assert metrics(None) == 1 and [r.uid for r in first.reviews()] == []
    with pytest.raises(InvalidQueryError):
        metrics("Positive")  # type: ignore[arg-type]
    with pytest.raises(InvalidAttributeError):
        first.create_review(score="high")  # type: ignore[arg-type]
    first.delete()
    with pytest.raises(ResourceNotFoundError):
        first.create_review(score=1)


def test_benchmarks(client: lb.Client, labeled: Labeled) -> None:
    s, (first, _second) = labeled
    benchmark = first.create_benchmark()
    assert benchmark.reference_label() == first
    assert benchmark.created_by() == client.get_user()
    assert (benchmark.completed_count, benchmark.average_agreement) == (0, None)
    assert benchmark.last_activity == benchmark.created_at
    with pytest.raises(ResourceConflict):
        first.create_benchmark()
    # Another label of the same data row counts toward the benchmark.
    import_labels(client, s.project, [annotation(s.rows[0], name="note", answer="again")])
    (listed,) = list(s.project.benchmarks())
    assert listed.uid == benchmark.uid and listed.completed_count == 1
    assert listed.last_activity is not None and listed.last_activity > benchmark.created_at
    assert next(iter(s.rows[0].labels())).is_benchmark_reference is True
    assert s.rows[0].get_winning_label_id(s.project.uid) == first.uid
    benchmark.delete()
    assert list(s.project.benchmarks()) == []
    assert next(iter(s.rows[0].labels())).is_benchmark_reference is False


def test_members_and_labeler_performance(client: lb.Client, labeled: Labeled) -> None:
    s, labels = labeled
    (member,) = list(s.project.members())
    assert member.user() == client.get_user()
    role = member.role()
    assert role is not None and role.name == "Admin"
    (performance,) = list(s.project.labeler_performance())
    assert performance.user == client.get_user()
    assert performance.count == len(labels)
    assert (performance.seconds_per_label, performance.total_time_labeling) == (0, 0)
    assert performance.consensus is None and performance.average_benchmark_agreement is None
    assert datetime.now(timezone.utc) - performance.last_activity_time < timedelta(seconds=60)


def test_label_export_row_by_row(client: lb.Client, labeled: Labeled) -> None:
    s, (first, second) = labeled
    review = first.create_review(score=1)
    benchmark = second.create_benchmark()
    url = s.project.export_labels()
    assert isinstance(url, str)
    rows = httpx.get(url).json()
    assert [row["ID"] for row in rows] == [first.uid, second.uid]
    me = client.get_user()
    for row, label, data_row in zip(rows, [first, second], s.rows, strict=False):
        label = next(x for x in s.project.labels() if x.uid == label.uid)
        assert row["DataRow ID"] == data_row.uid
        assert row["Labeled Data"] == data_row.row_data
        assert row["External ID"] == data_row.external_id
        assert row["Global Key"] is None
        assert row["Label"] == json.loads(label.label)
        assert row["Created By"] == me.email
        assert row["Project Name"] == s.project.name
        assert row["Dataset Name"] == s.dataset.name
        assert row["Created At"] == label.created_at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        assert row["Seconds to Label"] == 0
        assert row["Media Attributes"] == data_row.media_attributes
        assert row["DataRow Metadata"] == []
    assert rows[0]["Reviews"] == [
        {
            "score": 1,
            "id": review.uid,
            "createdAt": review.created_at.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
            "createdBy": me.email,
            "labelId": first.uid,
        }
    ]
    assert (rows[0]["Benchmark ID"], rows[1]["Benchmark ID"]) == (None, benchmark.uid)

    downloaded = s.project.export_labels(download=True)
    assert isinstance(downloaded, ExportedLabels)
    assert list(downloaded) == rows  # streamed
    assert len(downloaded) == 2 and downloaded[1]["ID"] == second.uid and downloaded == rows
    # Deleted labels and labels of deleted data rows are not exported.
    first.delete()
    s.rows[1].delete()
    assert s.project.export_labels(download=True) == []
    tasks = {task.name for task in client.get_user().created_tasks()}
    assert "Export labels" in tasks


def test_label_export_windows(client: lb.Client, labeled: Labeled) -> None:
    s, labels = labeled
    today = datetime.now(timezone.utc)
    day = "%Y-%m-%d"
    export = s.project.export_labels
    assert export(download=True, start="2020-01-01", end="2020-01-02") == []
    everything = [label.uid for label in labels]
    assert [r["ID"] for r in export(download=True, end=today.strftime(day)) or []] == everything
    assert [r["ID"] for r in export(download=True, start=today.strftime(day)) or []] == everything
    since = (labels[1].created_at + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")
    assert export(download=True, start=since) == []
    bads: list[Window] = [{"start": "2020/01/01"}, {"end": "yesterday"}, {"start": "2020-13-01"}]
    for bad in bads:
        with pytest.raises(InvalidInputError) as raised:
            export(**bad)
        assert raised.value.field in bad


def test_issue_exports_and_model_assisted_labeling(client: lb.Client, labeled: Labeled) -> None:
    s, _ = labeled
    everything = s.project.export_issues()
    assert httpx.get(everything).json() == []
    for status in ("Open", "Resolved"):
        url = s.project.export_issues(status)
        assert f"?status={status}&" in url and httpx.get(url).json() == []
    with pytest.raises(InvalidInputError):
        s.project.export_issues("Closed")  # type: ignore[arg-type]
    assert s.project.enable_model_assisted_labeling() is True
    assert s.project.enable_model_assisted_labeling(False) is False


def test_another_organization_sees_and_changes_none_of_it(
    other_client: lb.Client, labeled: Labeled
) -> None:
    s, (first, second) = labeled
    with pytest.raises(ResourceNotFoundError):
        other_client.get_project(s.project.uid)
    stranger = lb.Label(other_client, first._data)  # a label id they learnt somehow
    with pytest.raises(ResourceNotFoundError):
        stranger.create_benchmark()
    with pytest.raises(ResourceNotFoundError):
        stranger.create_review(score=1)
    lb.Label.bulk_delete([stranger])
    assert [x.uid for x in s.project.labels()] == [first.uid, second.uid]
