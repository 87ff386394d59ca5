"""Labels and the labeling queue: labeled rows leave it, `Batch.delete_labels` sends them back."""

from __future__ import annotations

import json
import uuid

import labelbox as lb
from labelbox.schema.queue_mode import QueueMode

from .labeling import annotation, every_kind, import_labels


def test_labeled_rows_leave_the_queue_and_delete_labels_requeues_them(client: lb.Client) -> None:
    name = f"batch labels {uuid.uuid4().hex[:6]}"
    project = client.create_project(name=name, queue_mode=QueueMode.Batch)
    dataset = client.create_dataset(name=name)  # not connected: rows reach it by batch
    rows = [dataset.create_data_row(row_data=f"https://x.example/{i}.jpg") for i in range(3)]
    project.setup_editor(client.create_ontology(name, every_kind().asdict()))
    batch = project.create_batch(name, rows)

    def queued() -> list[str]:
        return [row["id"] for row in project.export_queued_data_rows()]

    assert sorted(queued()) == sorted(row.uid for row in rows)

    label_import = import_labels(
        client, project, [annotation(row, name="note", answer="x") for row in rows[:2]]
    )
    assert {s["status"] for s in label_import.statuses} == {"SUCCESS"}
    assert queued() == [rows[2].uid]
    labels = {label.data_row().uid: label.uid for label in project.labels()}

    deleted = batch.delete_labels()
    assert sorted(deleted) == sorted(labels.values())
    assert list(project.labels()) == []
    assert sorted(queued()) == sorted(row.uid for row in rows)
    assert batch.delete_labels(set_labels_as_template=True) == []

    import_labels(client, project, [annotation(rows[0], name="note", answer="y")])
    (label,) = list(project.labels())
    assert json.loads(label.label)["classifications"][0]["answer"] == "y"
    assert batch.delete_labels(set_labels_as_template=True) == [label.uid]
    assert list(project.labels()) == []
