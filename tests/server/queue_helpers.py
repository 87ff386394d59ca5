"""Helpers for batch and queue tests: projects in batch mode, rows, batches, exports, labels."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from . import label_documents as label_docs
from . import setup_documents as docs
from .conftest import Api
from .data_helpers import create_dataset, import_rows
from .label_helpers import send_label_import
from .test_projects import create_project


def batch_project(api: Api, name: str, **data: Any) -> str:
    """A new project, in BATCH mode unless `queueMode` says otherwise."""
    project_id: str = create_project(api, name, **{"queueMode": "BATCH", **data})["id"]
    return project_id


def make_rows(api: Api, name: str, count: int, **extra: Any) -> list[str]:
    """`count` new data rows (one import) in a new dataset; their ids in order."""
    dataset = create_dataset(api, name)
    items = [
        {"row_data": f"https://x.example/{name}/{i}.jpg", "external_id": f"{name}-{i}", **extra}
        for i in range(count)
    ]
    task, result = import_rows(api, dataset, items, timeout=300)
    assert task["status"] == "COMPLETE", task
    by_external = {row["externalId"]: row["id"] for row in result["createdDataRows"]}
    return [by_external[f"{name}-{i}"] for i in range(count)]


def create_batch(
    api: Api,
    project_id: str,
    name: str,
    row_ids: list[str],
    priority: int | None = None,
    **extra: Any,
) -> dict[str, Any]:
    batch_input: dict[str, Any] = {
        "name": name,
        "dataRowIds": row_ids,
        "priority": priority,
        **extra,
    }
    result: dict[str, Any] = api.data(
        docs.CREATE_BATCH, {"projectId": project_id, "batchInput": batch_input}
    )["project"]["createBatchV2"]
    return result


def export(api: Api, document: str, variables: dict[str, Any], field: str) -> list[dict[str, Any]]:
    """Poll an export mutation until COMPLETE, then read the NDJSON."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        result = api.data(document, variables)[field]
        if result["status"] == "COMPLETE":
            response = api.client.get(result["downloadUrl"])
            assert response.status_code == 200
            return [json.loads(line) for line in response.text.splitlines() if line]
        assert result["status"] != "FAILED", result
        time.sleep(0.05)
    raise AssertionError("export did not finish")


def queued(api: Api, project_id: str) -> list[str]:
    """The ids `exportQueuedDataRows` gives, in order."""
    variables = {"projectId": project_id, "includeMetadataInput": False}
    return [
        row["id"]
        for row in export(api, docs.EXPORT_QUEUED_DATA_ROWS, variables, "exportQueuedDataRows")
    ]


def batch_rows(api: Api, batch_id: str) -> list[str]:
    variables = {"batchId": batch_id, "includeMetadataInput": False}
    return [
        row["id"]
        for row in export(api, docs.EXPORT_BATCH_DATA_ROWS, variables, "exportBatchDataRows")
    ]


NOTE_ONTOLOGY = {"classifications": [{"type": "text", "instructions": "note"}]}


class Labels:
    """Labels made as users make them: label imports (one annotation, a text classification
    named `note`, per label). A project gets an ontology with it the first time."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.set_up: set[str] = set()

    def add(self, project_id: str, data_row_id: str) -> str:
        """Label the row in the project; the label's id."""
        self._ontology(project_id)
        name = f"label {uuid.uuid4()}"
        content = json.dumps(
            {
                "uuid": str(uuid.uuid4()),
                "dataRow": {"id": data_row_id},
                "name": "note",
                "answer": "x",
            }
        ).encode()
        send_label_import(self.api, project_id, name, content, len(content))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = self.api.data(
                label_docs.GET_LABEL_IMPORT, {"projectId": project_id, "name": name}
            )
            if found["labelImport"]["state"] != "RUNNING":
                break
            time.sleep(0.05)
        assert found["labelImport"]["state"] == "FINISHED", found
        labels = self.api.data(
            "query($p: ID!) { project(where: {id: $p}) { labels(orderBy: createdAt_DESC)"
            " { id dataRow { id } } } }",
            {"p": project_id},
        )["project"]["labels"]
        label_id: str = next(
            label["id"] for label in labels if label["dataRow"]["id"] == data_row_id
        )
        return label_id

    def delete(self, label_id: str) -> None:
        deleted = self.api.data(label_docs.delete_labels([label_id]))["deleteLabels"]
        assert [label["id"] for label in deleted] == [label_id]

    def _ontology(self, project_id: str) -> None:
        if project_id in self.set_up:
            return
        ontology = self.api.data(
            docs.CREATE_ONTOLOGY,
            {"data": {"name": "notes", "normalized": json.dumps(NOTE_ONTOLOGY)}},
        )["upsertOntology"]
        self.api.data(
            docs.CONNECT_ONTOLOGY, {"projectId": project_id, "ontologyId": ontology["id"]}
        )
        self.set_up.add(project_id)
