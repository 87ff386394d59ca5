"""Helpers for batch and queue tests: projects in batch mode, rows, batches, exports, labels."""

from __future__ import annotations

import json
import time
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import insert, update

from labelbox_server import LocalServer
from labelbox_server.db.models import Label
from labelbox_server.db.session import make_engine
from labelbox_server.domain.ids import new_id

from . import setup_documents as docs
from .conftest import Api
from .data_helpers import create_dataset, import_rows
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


class Labels:
    """Labels written straight to the server's database.

    A stand-in for creating labels through the API (label imports, issue 8 part B): the
    queue derives membership from the `labels` table, which is what these rows are.
    """

    def __init__(self, server: LocalServer, api: Api) -> None:
        self.engine = make_engine(server.database_url)
        self.organization_id: str = api.data("{ organization { id } }")["organization"]["id"]

    def add(self, project_id: str, data_row_id: str) -> str:
        label_id = new_id()
        now = datetime.now(timezone.utc)
        with self.engine.begin() as connection:
            connection.execute(
                insert(Label).values(
                    id=label_id,
                    organization_id=self.organization_id,
                    data_row_id=data_row_id,
                    project_id=project_id,
                    label="{}",
                    is_benchmark_reference=False,
                    created_at=now,
                    updated_at=now,
                    deleted=False,
                )
            )
        return label_id

    def delete(self, label_id: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                update(Label)
                .where(Label.id == label_id)
                .values(deleted=True, updated_at=datetime.now(timezone.utc))
            )

    def close(self) -> None:
        self.engine.dispose()
