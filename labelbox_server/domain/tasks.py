"""Tasks: background work a user started (imports, exports), visible in `createdTasks`.

Status IN_PROGRESS, COMPLETE or FAILED. `result` is a long-lived signed URL of the task's
result blob (import result JSON, export NDJSON), stable for a task (its expiry counts from
the completion time).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from ..db.models import Task
from ..storage import Storage
from . import clock, ids, store
from .context import Caller
from .listing import apply_list_args
from .pagination import ListArgs

IN_PROGRESS, COMPLETE, FAILED = "IN_PROGRESS", "COMPLETE", "FAILED"
IMPORT, EXPORT = "import", "export"
IMPORT_TASK_NAME = "JSON Import"
EXPORT_TASK_NAME = "Export dataset data rows"


def create_task(
    session: Session,
    caller: Caller,
    *,
    kind: str,
    name: str,
    dataset_id: str | None,
    dedupe_key: str | None = None,
    include_metadata: bool | None = None,
) -> Task:
    """A new IN_PROGRESS task created by the caller."""
    now = clock.now()
    task = Task(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        created_by_id=caller.user_id,
        dataset_id=dataset_id,
        kind=kind,
        name=name,
        status=IN_PROGRESS,
        completion_percentage=0.0,
        result_key=None,
        errors=None,
        include_metadata=include_metadata,
        dedupe_key=dedupe_key,
        created_at=now,
        updated_at=now,
        completed_at=None,
    )
    session.add(task)
    session.flush()
    return task


def get_task(session: Session, caller: Caller, task_id: str) -> Task:
    """A task of the caller's organization (`RESOURCE_NOT_FOUND` otherwise)."""
    return store.get(session, caller, Task, task_id)


def list_created_tasks(
    session: Session, caller: Caller, user_id: str, args: ListArgs
) -> Sequence[Task]:
    """Tasks the user started, oldest first unless `orderBy` says otherwise."""
    stmt = store.scoped(caller, Task).where(Task.created_by_id == user_id)
    stmt = apply_list_args(stmt, args, Task, default_order=[Task.created_at])
    return session.scalars(stmt).all()


def result_url(storage: Storage, task: Task) -> str | None:
    """The signed URL of the task's result, once there is one."""
    if task.result_key is None:
        return None
    return storage.stored_url(task.result_key, task.completed_at or task.updated_at)


def write_result(
    storage: Storage,
    key: str,
    created: Iterable[dict[str, Any]],
    errors: Sequence[dict[str, Any]],
    error: Any,
) -> None:
    """Write `{createdDataRows, errors, error}` to the blob store, streaming `created`."""
    with storage.blobs.writer(key, "application/json") as out:
        out.write(b'{"createdDataRows": [')
        for n, row in enumerate(created):
            out.write((b", " if n else b"") + json.dumps(row).encode())
        out.write(b'], "errors": ' + json.dumps(list(errors)).encode())
        out.write(b', "error": ' + json.dumps(error).encode() + b"}")
