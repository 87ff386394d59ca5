"""Quickstart: the first things a Labelbox user does, against any Labelbox server.

    LABELBOX_API_KEY=... LABELBOX_ENDPOINT=http://127.0.0.1:8080/graphql python examples/quickstart.py

`make demo` runs it against a fresh local server (see examples/run_demo.py).
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from teamwork import teamwork

import labelbox as lb
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
    print(f"Created project {project.name!r} ({project.uid}), media type {project.media_type.name}")

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

    editor = client.get_labeling_frontends(where=lb.LabelingFrontend.name == "Editor").get_one()
    if editor is not None:
        project.labeling_frontend.connect(editor)
        print(f"Connected the {editor.name!r} labeling frontend")

    creator = project.created_by()
    print(f"The project was created by {creator.email if creator else 'nobody'}")

    import_data_rows(client, dataset)
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


if __name__ == "__main__":
    main()
