"""Quickstart: the first things a Labelbox user does, against any Labelbox server.

    LABELBOX_API_KEY=... LABELBOX_ENDPOINT=http://127.0.0.1:8080/graphql python examples/quickstart.py

`make demo` runs it against a fresh local server (see examples/run_demo.py).
"""

from __future__ import annotations

import os
import tempfile
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from teamwork import teamwork

import labelbox as lb
from labelbox.data.annotation_types import (
    ClassificationAnnotation,
    ClassificationAnswer,
    Label,
    ObjectAnnotation,
    Point,
    Radio,
    Rectangle,
)
from labelbox.schema.annotation_import import LabelImport, MALPredictionImport
from labelbox.schema.queue_mode import QueueMode


def main() -> None:
    client = lb.Client(
        endpoint=os.environ.get("LABELBOX_ENDPOINT", "https://api.labelbox.com/graphql")
    )

    user = client.get_user()
    organization = client.get_organization()
    print(f"Signed in as {user.email} in organization {organization.name!r}")

    project = client.create_project(
        name="Quickstart: cats",
        description="Bounding boxes around cats",
        media_type=lb.MediaType.Image,
        queue_mode=QueueMode.Batch,
    )
    media = project.media_type.name if project.media_type is not None else "not set"
    print(f"Created project {project.name!r} ({project.uid}), media type {media}")

    dataset = client.create_dataset(name="Quickstart: cat photos", projects=project)
    print(f"Created dataset {dataset.name!r} ({dataset.uid}), attached to the project")
    print(f"The project's datasets: {[d.name for d in project.datasets()]}")

    project.update(description="Bounding boxes around cats and kittens")
    print(f"Updated the description: {project.description!r}")

    an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
    recent = client.get_projects(
        where=(lb.Project.name == "Quickstart: cats") & (lb.Project.created_at >= an_hour_ago)
    )
    print(f"Projects named 'Quickstart: cats' created in the last hour: {len(list(recent))}")

    creator = project.created_by()
    print(f"The project was created by {creator.email if creator else 'nobody'}")

    import_data_rows(client, dataset)
    set_up_labeling(client, project, dataset)
    pre_label(client, project, dataset)
    import_and_export_labels(client, project, dataset)
    model_run_from_labels(client, project)
    queued = project.export_queued_data_rows()
    print(f"Labeled rows leave the queue: {len(queued)} data rows are still queued")
    teamwork(client, project, dataset, dataset.data_row_for_external_id("cat-2"))

    dataset.delete()
    project.delete()
    print("Deleted the dataset and the project")


def import_data_rows(client: lb.Client, dataset: lb.Dataset) -> None:
    """Data rows from URLs and a local file, with metadata, a global key and an attachment."""
    with tempfile.TemporaryDirectory() as directory:
        local_file = Path(directory) / "note.txt"
        local_file.write_text("A cat sleeping on a keyboard.")
        task = dataset.create_data_rows(
            [
                "https://storage.example.com/cats/1.jpg",
                str(local_file),  # uploaded first; its external id is the path
                {
                    "row_data": "https://storage.example.com/cats/2.jpg",
                    "external_id": "cat-2",
                    "global_key": f"quickstart-cat-2-{dataset.uid}",
                    "metadata_fields": [
                        {"name": "tag", "value": "tabby"},
                        {
                            "name": "captureDateTime",
                            "value": datetime(2024, 5, 6, tzinfo=timezone.utc),
                        },
                    ],
                    "attachments": [{"type": "RAW_TEXT", "value": "Photographed at home"}],
                },
            ]
        )
        task.wait_till_done()
    print(
        f"Imported {len(task.result)} data rows ({task.status}); failed rows: {task.failed_data_rows}"
    )

    row = dataset.data_row_for_external_id("cat-2")
    print(f"Data row {row.external_id!r} has global key {row.global_key!r} and metadata:")
    for field in row.metadata:
        print(f"  {field.name} = {field.value}")
    found = client.get_data_row_ids_for_global_keys([row.global_key or ""])
    print(f"Looked up by its global key: {found['results']}")

    exported = list(dataset.export_data_rows(include_metadata=True))
    print(f"Exported {len(exported)} data rows: {sorted(str(r.external_id) for r in exported)}")


def set_up_labeling(client: lb.Client, project: lb.Project, dataset: lb.Dataset) -> lb.Batch:
    """An ontology, the project's editor set up with it, and the imported rows sent to the
    project's labeling queue in a batch."""
    builder = lb.OntologyBuilder(
        tools=[lb.Tool(tool=lb.Tool.Type.BBOX, name="cat")],
        classifications=[
            lb.Classification(
                class_type=lb.Classification.Type.RADIO,
                instructions="mood",
                options=[lb.Option(value="sleepy"), lb.Option(value="playful")],
            )
        ],
    )
    ontology = client.create_ontology(
        f"Quickstart: cats {project.uid}", builder.asdict(), lb.MediaType.Image
    )
    tool = ontology.tools()[0]
    print(
        f"Created ontology {ontology.name!r}: tool {tool.name!r} has feature schema {tool.feature_schema_id}"
    )

    project.setup_editor(ontology)
    frontend = project.labeling_frontend()
    print(
        f"Set the project up with the {frontend.name if frontend else '?'!r} editor and the ontology"
    )

    rows = list(dataset.export_data_rows())
    batch = project.create_batch("Quickstart: first batch", rows, priority=1)
    print(
        f"Sent {batch.size} data rows to the queue in batch {batch.name!r}; not added: {batch.failed_data_rows}"
    )
    queued = project.export_queued_data_rows()
    print(
        f"The labeling queue holds {len(queued)} data rows: {sorted(str(r['externalId']) for r in queued)}"
    )
    return batch


def pre_label(client: lb.Client, project: lb.Project, dataset: lb.Dataset) -> None:
    """Model-assisted labeling: a model's predictions, built with the typed annotation model,
    imported as pre-labels that labelers correct (they make no labels)."""
    project.enable_model_assisted_labeling()
    predictions = [
        Label(
            data=row.uid,
            annotations=[
                ObjectAnnotation(
                    name="cat",
                    value=Rectangle(start=Point(x=30, y=40), end=Point(x=290, y=240)),
                ),
                ClassificationAnnotation(
                    name="mood", value=Radio(answer=ClassificationAnswer(name="playful"))
                ),
            ],
        )
        for row in dataset.export_data_rows()
    ]
    mal = MALPredictionImport.create_from_objects(
        client, project.uid, "quickstart pre-labels", predictions
    )
    mal.wait_until_done(sleep_time_seconds=1)
    succeeded = sum(1 for status in mal.statuses if status["status"] == "SUCCESS")
    print(
        f"MAL import {mal.name!r}: {mal.state.value}, {succeeded} of {len(mal.statuses)} "
        f"pre-labels on {len(predictions)} data rows; labels so far: {len(list(project.labels()))}"
    )


def model_run_from_labels(client: lb.Client, project: lb.Project) -> None:
    """A model on the project's ontology, a run holding the labeled data rows (with their
    labels), and the model's predictions on them (an MEA import, each with a status)."""
    ontology = project.ontology()
    if ontology is None:
        raise RuntimeError("the project has no ontology: set it up first")
    model = client.create_model(f"Quickstart model {uuid.uuid4().hex[:6]}", ontology.uid)
    run = model.create_model_run("v1", config={"learning_rate": 0.001})
    labels = list(project.labels())
    run.upsert_labels([label.uid for label in labels])
    rows = [row.data_row() for row in run.model_run_data_rows()]
    print(f"Model run {run.name!r} of {model.name!r}: {len(rows)} data row(s) with their labels")
    prediction = Label(
        data=next(row.uid for row in rows if row is not None),
        annotations=[
            ObjectAnnotation(
                name="cat", value=Rectangle(start=Point(x=35, y=45), end=Point(x=290, y=235))
            )
        ],
    )
    mea = run.add_predictions("v1 predictions", [prediction])
    mea.wait_until_done(sleep_time_seconds=1)
    print(f"Model predictions {mea.name!r}: {[s['status'] for s in mea.statuses]}")
    model.delete()


def import_and_export_labels(client: lb.Client, project: lb.Project, dataset: lb.Dataset) -> None:
    """Labels come in through a label import (checked against the project's ontology, each
    annotation with its own status: the last one names no tool of the ontology) and go out
    through a label export (LBV1 rows)."""
    row = dataset.data_row_for_external_id("cat-2")
    annotations = [
        {
            "uuid": str(uuid.uuid4()),
            "dataRow": {"id": row.uid},
            "name": "cat",
            "bbox": {"top": 40, "left": 30, "height": 200, "width": 260},
        },
        {
            "uuid": str(uuid.uuid4()),
            "dataRow": {"id": row.uid},
            "name": "mood",
            "answer": {"name": "sleepy"},
        },
        {
            "uuid": str(uuid.uuid4()),
            "dataRow": {"id": row.uid},
            "name": "dog",
            "point": {"x": 1, "y": 1},
        },
    ]
    label_import = LabelImport.create_from_objects(
        client, project.uid, "quickstart labels", annotations
    )
    label_import.wait_until_done(sleep_time_seconds=1)
    print(f"Label import {label_import.name!r}: {label_import.state.value}")
    for status in label_import.statuses:
        reasons = "; ".join(error["message"] for error in status["errors"])
        print(f"  {status['uuid']}: {status['status']}{' (' + reasons + ')' if reasons else ''}")

    label = next(iter(project.labels()))
    review = label.create_review(score=1)
    print(
        f"Reviewed label {label.uid} (score {review.score}); positive labels: "
        f"{project.review_metrics(lb.Review.NetScore.Positive)}"
    )
    for typed in project.label_generator():  # the same labels, as typed annotations
        print(
            f"Label of {typed.data.external_id!r}: {[a.name for a in typed.object_annotations]} "
            f"and {[a.name for a in typed.classification_annotations]}"
        )
    exported = project.export_labels(download=True)
    for exported_row in exported or ():  # streamed, one row at a time
        objects = exported_row["Label"]["objects"]
        print(
            f"Exported label {exported_row['ID']} of {exported_row['External ID']!r}: "
            f"{[o['title'] for o in objects]} and "
            f"{[c['answer']['title'] for c in exported_row['Label']['classifications']]}"
        )


if __name__ == "__main__":
    main()
