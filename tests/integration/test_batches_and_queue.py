"""Batches and the labeling queue with our SDK against a real local server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

import labelbox as lb
from labelbox import Classification, OntologyBuilder
from labelbox.exceptions import (
    InvalidBatchError,
    InvalidLabelingParameterOverrideError,
    InvalidQueryError,
    OperationNotAllowedException,
    ResourceNotFoundError,
)
from labelbox.schema import _project
from labelbox.schema.annotation_import import LabelImport
from labelbox.schema.batch import Batch
from labelbox.schema.consensus_settings import ConsensusSettings
from labelbox.schema.project import LabelingParameterOverride
from labelbox.schema.queue_mode import QueueMode


def label(client: lb.Client, project: lb.Project, row_id: str) -> None:
    """Label the row in the project, as users do: a label import (one text answer). The
    project gets an ontology with that classification first, if it has none."""
    if project.ontology() is None:
        normalized = OntologyBuilder(
            classifications=[Classification(Classification.Type.TEXT, "note")]
        ).asdict()
        project.setup_editor(client.create_ontology("notes", normalized))
    annotation = {
        "uuid": str(uuid.uuid4()),
        "dataRow": {"id": row_id},
        "name": "note",
        "answer": "x",
    }
    label_import = LabelImport.create_from_objects(
        client, project.uid, str(uuid.uuid4()), [annotation]
    )
    label_import.wait_until_done(sleep_time_seconds=1)
    assert label_import.errors == [], label_import.errors


def rows(dataset: lb.Dataset, count: int, prefix: str) -> list[lb.DataRow]:
    task = dataset.create_data_rows(
        [
            {
                "row_data": f"https://x.example/{prefix}/{i}.jpg",
                "external_id": f"{prefix}{i:05}",
            }
            for i in range(count)
        ]
    )
    task.wait_till_done(timeout_seconds=600)
    assert task.status == "COMPLETE", task.errors
    by_external = {row.external_id: row for row in dataset.export_data_rows()}
    return [by_external[f"{prefix}{i:05}"] for i in range(count)]


def few_rows(dataset: lb.Dataset, count: int) -> list[lb.DataRow]:
    """Rows made one by one (no upload: the `sent` fixture records JSON requests only)."""
    return [
        dataset.create_data_row(row_data=f"https://x.example/few/{i}.jpg") for i in range(count)
    ]


@pytest.fixture
def batch_project(client: lb.Client, request: pytest.FixtureRequest) -> Iterator[lb.Project]:
    project = client.create_project(name=f"batches {request.node.name}", queue_mode=QueueMode.Batch)
    yield project
    project.delete()


def queued_ids(project: lb.Project) -> list[str]:
    return [row["id"] for row in project.export_queued_data_rows()]


def test_create_batch_and_its_methods(
    client: lb.Client, batch_project: lb.Project, dataset: lb.Dataset
) -> None:
    made = rows(dataset, 4, "b")
    unreadable = dataset.create_data_row(row_data="gs://invalid-bucket/example.png")
    batch = batch_project.create_batch(
        "first",
        [made[0], made[1].uid, unreadable, made[1]],
        priority=2,
        consensus_settings={"number_of_labels": 3, "coverage_percentage": 0.5},
    )
    assert isinstance(batch, Batch)
    assert (batch.name, batch.size, batch.deleted) == ("first", 2, False)
    assert batch.consensus_settings == {"numberOfLabels": 3, "coveragePercentage": 0.5}
    assert list(batch.failed_data_row_ids) == [unreadable.uid]
    assert batch.failed_data_rows == [
        {
            "data_row_id": unreadable.uid,
            "error": "The data row's asset cannot be read: gs:// URLs need a delegated access"
            " (IAM) integration",
        }
    ]
    assert batch.project() == batch_project
    assert batch.created_by() == client.get_user()
    assert [r.uid for r in batch.export_data_rows()] == [made[0].uid, made[1].uid]

    second = batch_project.create_batch(
        "second",
        made[2:],
        consensus_settings=ConsensusSettings(number_of_labels=1, coverage_percentage=0),
    )
    assert second.consensus_settings == {"numberOfLabels": 1, "coveragePercentage": 0.0}
    assert [b.uid for b in batch_project.batches()] == [batch.uid, second.uid]
    assert queued_ids(batch_project) == [r.uid for r in made]

    second.remove_queued_data_rows()
    assert second.size == 0
    assert list(second.export_data_rows()) == []
    second.delete()
    assert [b.uid for b in batch_project.batches()] == [batch.uid]


def test_a_labeled_batch_cannot_be_deleted(
    client: lb.Client, batch_project: lb.Project, dataset: lb.Dataset
) -> None:
    made = rows(dataset, 2, "d")
    batch = batch_project.create_batch("labeled", made)
    label(client, batch_project, made[0].uid)
    assert queued_ids(batch_project) == [made[1].uid]
    with pytest.raises(OperationNotAllowedException, match="labeled"):
        batch.delete()
    batch.remove_queued_data_rows()
    assert [r.uid for r in batch.export_data_rows()] == [made[0].uid]


def test_five_thousand_rows_in_chunks(
    batch_project: lb.Project, dataset: lb.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_project.batches, "CHUNK", 2_000)  # three chunks
    made = rows(dataset, 5_000, "k")
    ids = [row.uid for row in made]
    batch = batch_project.create_batch("five thousand", [*ids[:2_500], *made[2_500:]], priority=3)
    assert batch.size == 5_000
    assert list(batch.failed_data_row_ids) == []
    exported = batch_project.export_queued_data_rows()
    assert len(exported) == 5_000
    for expected, row in zip(made, exported, strict=True):
        assert row["id"] == expected.uid
        assert row["externalId"] == expected.external_id
        assert row["rowData"] == expected.row_data
    assert [r.uid for r in batch.export_data_rows()] == ids

    # Sending the same rows again enqueues none of them twice.
    again = batch_project.create_batch("again", ids)
    assert again.size == 0
    assert list(again.failed_data_row_ids) == ids
    assert {f["error"] for f in again.failed_data_rows} == {
        'The data row is already in batch "five thousand" of this project'
    }
    assert queued_ids(batch_project) == ids


def test_queue_order_with_priorities_and_overrides(
    client: lb.Client, batch_project: lb.Project, dataset: lb.Dataset
) -> None:
    made = rows(dataset, 6, "q")
    batch_project.create_batch("low", made[:2], priority=5)
    batch_project.create_batch("high", made[2:4], priority=1)
    batch_project.create_batch("middle", made[4:], priority=3)
    uid = [row.uid for row in made]
    assert queued_ids(batch_project) == [uid[2], uid[3], uid[4], uid[5], uid[0], uid[1]]

    assert batch_project.set_labeling_parameter_overrides([(made[1], 4, 1), (made[5], 2, 2)])
    assert queued_ids(batch_project) == [uid[5], uid[1], uid[2], uid[3], uid[4], uid[0]]
    overrides = list(batch_project.labeling_parameter_overrides())
    assert all(isinstance(o, LabelingParameterOverride) for o in overrides)
    found = {}
    for override in overrides:
        data_row = override.data_row()
        assert data_row is not None
        found[data_row.uid] = (override.priority, override.number_of_labels)
    assert found == {uid[1]: (4, 1), uid[5]: (2, 2)}

    label(client, batch_project, uid[5])  # needs two labels
    label(client, batch_project, uid[2])
    assert queued_ids(batch_project) == [uid[5], uid[1], uid[3], uid[4], uid[0]]
    assert batch_project.unset_labeling_parameter_overrides([made[1], made[5]])
    assert list(batch_project.labeling_parameter_overrides()) == []
    assert queued_ids(batch_project) == [uid[3], uid[4], uid[0], uid[1]]


def test_bad_batches_raise_before_anything_is_created(
    client: lb.Client,
    other_client: lb.Client,
    batch_project: lb.Project,
    dataset: lb.Dataset,
    sent: list[str],
) -> None:
    made = few_rows(dataset, 1)
    foreign_dataset = other_client.create_dataset(name="not ours")
    foreign = rows(foreign_dataset, 2, "f")
    sent.clear()
    cases: list[tuple[dict[str, object], str]] = [
        ({"priority": 0}, "priority: expected 1 (highest) to 5"),
        ({"priority": 6}, "priority: expected 1 (highest) to 5"),
        ({"priority": True}, "priority: expected 1"),
        ({"name": ""}, "name: a batch needs a name"),
        ({"data_rows": []}, "data_rows: You need at least one data row"),
        ({"data_rows": [made[0], 7]}, "data_rows: item 1: expected a DataRow or a data row id"),
        ({"data_rows": "abc"}, "data_rows: expected a list"),
        (
            {"consensus_settings": {"number_of_labels": 0, "coverage_percentage": 0.5}},
            "consensus_settings: number_of_labels",
        ),
        (
            {"consensus_settings": {"number_of_labels": 2, "coverage_percentage": 2}},
            "consensus_settings: coverage_percentage",
        ),
    ]
    for change, message in cases:
        arguments: dict[str, object] = {"name": "bad", "data_rows": made, **change}
        with pytest.raises(
            InvalidBatchError, match=message.replace("(", r"\(").replace(")", r"\)")
        ):
            batch_project.create_batch(**arguments)  # type: ignore[arg-type]
    assert sent == []
    with pytest.raises(InvalidBatchError, match="2 of the ids name no data row") as raised:
        batch_project.create_batch("foreign", [made[0], *foreign])
    assert raised.value.data_row_ids == [row.uid for row in foreign]
    assert isinstance(raised.value, ValueError)
    assert all("mutation" not in document for document in sent)
    assert list(batch_project.batches()) == []
    dataset_mode = client.create_project(name="dataset mode", queue_mode=QueueMode.Dataset)
    with pytest.raises(InvalidBatchError, match="batch mode"):
        dataset_mode.create_batch("b", made)
    dataset_mode.delete()
    foreign_dataset.delete()


def test_bad_overrides_raise_before_anything_is_set(
    batch_project: lb.Project, dataset: lb.Dataset, sent: list[str]
) -> None:
    made = few_rows(dataset, 2)
    batch_project.create_batch("b", made[:1])
    sent.clear()
    cases: list[tuple[list[tuple[object, ...]], str]] = [
        ([(made[0], 1)], "data\\[0\\]: expected a tuple"),
        ([(made[0], 0, 1)], "data\\[0\\]: priority must be at least 1"),
        ([(made[0], 1, 1.5)], "data\\[0\\]: number_of_labels must be an int"),
        ([(42, 1, 1)], "data\\[0\\]: data_row should be a DataRow"),
        ([(made[0], 1, 1), (made[0], 2, 1)], "data\\[1\\]: data row .* also given"),
    ]
    for data, message in cases:
        with pytest.raises(InvalidLabelingParameterOverrideError, match=message):
            batch_project.set_labeling_parameter_overrides(data)
    assert sent == []
    with pytest.raises(InvalidLabelingParameterOverrideError, match="not in project") as raised:
        batch_project.set_labeling_parameter_overrides([(made[0], 1, 1), (made[1], 1, 1)])
    assert raised.value.data_row_ids == [made[1].uid]
    assert isinstance(raised.value, TypeError) and isinstance(raised.value, ValueError)
    assert all("mutation" not in document for document in sent)
    assert list(batch_project.labeling_parameter_overrides()) == []


def test_queue_settings(batch_project: lb.Project, client: lb.Client) -> None:
    assert batch_project.get_queue_mode() is QueueMode.Batch
    batch_project.upsert_review_queue(0.25)
    with pytest.raises(ValueError, match="Quota factor"):
        batch_project.upsert_review_queue(1.5)
    assert batch_project.extend_reservations("LabelingQueue") == 0
    assert batch_project.extend_reservations("ReviewQueue") == 0
    with pytest.raises(InvalidQueryError, match="Unsupported queue type"):
        batch_project.extend_reservations("Elsewhere")
    dataset_mode = client.create_project(name="queue mode", queue_mode=QueueMode.Dataset)
    assert dataset_mode.get_queue_mode() is QueueMode.Dataset
    dataset_mode.delete()


def test_batch_of_a_deleted_project(client: lb.Client, dataset: lb.Dataset) -> None:
    project = client.create_project(name="short lived", queue_mode=QueueMode.Batch)
    batch = project.create_batch("b", rows(dataset, 1, "s"))
    project.delete()
    with pytest.raises(ResourceNotFoundError):
        batch.project()
