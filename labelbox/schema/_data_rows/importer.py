"""Chunked data-row imports: descriptor files, `appendRowsToDataset`, one `Task` for all.

Large inputs are split into chunks; each chunk's descriptor is uploaded once and
appended with an operation the server deduplicates by descriptor URL, so a
retried chunk is never imported twice.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from labelbox.exceptions import InvalidQueryError, LabelboxError, ResourceNotFoundError
from labelbox.schema._data_rows.specs import RowSpec
from labelbox.schema.task import Task

if TYPE_CHECKING:
    from labelbox._gateway import Gateway
    from labelbox.client import Client

CHUNK_ROWS = 10_000
DESCRIPTOR_NAME = "json_import.json"


class ImportSubmitError(LabelboxError):
    """A chunk of an import could not be submitted.

    `task` covers the chunks that were submitted before (None if none was);
    `unsubmitted` is the number of rows that were not.
    """

    def __init__(self, message: str, task: Task | None, unsubmitted: int, cause: Exception) -> None:
        super().__init__(message, cause)
        self.task = task
        self.unsubmitted = unsubmitted


def descriptor(specs: Sequence[RowSpec]) -> bytes:
    """The JSON array of rows that `appendRowsToDataset` reads."""
    return json.dumps([spec.row for spec in specs], separators=(",", ":")).encode()


def submit_import(
    client: Client, dataset_id: str, specs: Sequence[RowSpec], chunk_rows: int | None = None
) -> Task:
    """Submit the rows in chunks (`CHUNK_ROWS` each) and return one task covering every chunk."""
    chunk_rows = chunk_rows or CHUNK_ROWS
    tasks: list[Task] = []
    for start in range(0, len(specs), chunk_rows):
        chunk = specs[start : start + chunk_rows]
        try:
            tasks.append(_submit_chunk(client, dataset_id, chunk))
        except LabelboxError as error:
            if not tasks:
                raise
            raise ImportSubmitError(
                f"Rows {start} and after were not submitted: {error}",
                Task._combine(client, tasks),
                len(specs) - start,
                error,
            ) from error
    return Task._combine(client, tasks)


def _submit_chunk(client: Client, dataset_id: str, chunk: Sequence[RowSpec]) -> Task:
    gateway = client._gateway
    url = gateway.upload_bytes(descriptor(chunk), DESCRIPTOR_NAME, "application/json")
    appended = gateway.ops.append_rows_to_dataset_py_api(
        dataset_id, url, idempotent=True
    ).append_rows_to_dataset
    if not appended.accepted or not appended.task_id:
        raise InvalidQueryError(
            f"Server did not accept DataRow creation request. {appended.error_message or ''}".strip()
        )
    return fetch_task(client, appended.task_id)


def fetch_task(client: Client, task_id: str) -> Task:
    """The caller's task with this id."""
    found = client._gateway.ops.get_user_created_task_py_api(task_id)
    tasks = found.user.created_tasks if found.user else []
    if len(tasks) != 1:
        raise ResourceNotFoundError(Task, {"id": task_id})
    return Task(client, tasks[0])


def submit_sync(gateway: Gateway, dataset_id: str, specs: Sequence[RowSpec]) -> None:
    """Import rows and return once they exist (or raise with the server's reason)."""
    url = gateway.upload_bytes(descriptor(specs), DESCRIPTOR_NAME, "application/json")
    gateway.ops.append_rows_to_dataset_sync_py_api(dataset_id, url)
