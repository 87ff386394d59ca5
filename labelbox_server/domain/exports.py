"""Dataset exports: NDJSON, one data row per line, written by a background job.

`exportDatasetDataRows` is polled by clients, so it returns the export in progress for the
(dataset, includeMetadata) pair, else a COMPLETE one started after the dataset's last data-row
change, else starts a new one (a Task named `Export dataset data rows` and a job). The job
streams keyset pages of rows to the blob store in constant memory.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..db.models import DataRow, Dataset, Task
from ..jobs import JobContext, JobFailed, enqueue
from ..storage import Storage
from . import clock, store, tasks
from .context import Caller
from .metadata import entries_by_row, load_ontology, logical_fields, raw_fields

JOB_KIND = "export"
PAGE_SIZE = 2000


def _view(storage: Storage, task: Task) -> dict[str, Any]:
    """`DataRowsExport`: `{download_url, created_at, status}`."""
    url = tasks.result_url(storage, task) if task.status == tasks.COMPLETE else None
    return {"download_url": url, "created_at": task.created_at, "status": task.status}


def export_dataset_data_rows(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> dict[str, Any]:
    """The current export of the dataset, or a new one."""
    dataset = store.get(session, caller, Dataset, data["dataset_id"])
    include = bool(data["include_metadata_input"])
    recent = select(Task).where(
        Task.dataset_id == dataset.id,
        Task.kind == tasks.EXPORT,
        Task.include_metadata.is_(include),
    )
    running = session.scalars(
        recent.where(Task.status == tasks.IN_PROGRESS).order_by(Task.created_at.desc()).limit(1)
    ).first()
    if running is not None:
        return _view(storage, running)
    done = session.scalars(
        recent.where(Task.status == tasks.COMPLETE).order_by(Task.created_at.desc()).limit(1)
    ).first()
    changed = dataset.data_rows_changed_at
    if done is not None and (changed is None or done.created_at > changed):
        return _view(storage, done)
    task = tasks.create_task(
        session,
        caller,
        kind=tasks.EXPORT,
        name=tasks.EXPORT_TASK_NAME,
        dataset_id=dataset.id,
        include_metadata=include,
    )
    enqueue(
        session,
        JOB_KIND,
        {"dataset_id": dataset.id, "organization_id": caller.organization_id, "include": include},
        task_id=task.id,
    )
    return _view(storage, task)


def export_line(row: DataRow, entries: list[tuple[str, Any]] | None, ontology: Any) -> bytes:
    """One NDJSON line: every DataRow key."""
    item = {
        "id": row.id,
        "rowData": row.row_data,
        "externalId": row.external_id,
        "globalKey": row.global_key,
        "mediaType": row.media_type,
        "createdAt": clock.iso_millis(row.created_at),
        "updatedAt": clock.iso_millis(row.updated_at),
        "mediaAttributes": row.media_attributes or {},
        "customMetadata": [
            {"schemaId": value.schema_id, "value": value.value} for value in raw_fields(entries)
        ]
        if entries is not None
        else [],
        "metadataFields": [
            {"schemaId": f.schema_id, "name": f.name, "value": f.value, "kind": f.kind}
            for f in logical_fields(entries, ontology)
        ]
        if entries is not None
        else [],
    }
    return json.dumps(item).encode() + b"\n"


class ExportHandler:
    """Writes a dataset export."""

    def run(self, ctx: JobContext) -> None:
        task_id = ctx.task_id
        assert task_id is not None
        dataset_id = ctx.payload["dataset_id"]
        include = bool(ctx.payload.get("include"))
        with ctx.sessions.session() as session:
            task = session.get(Task, task_id)
            dataset = session.get(Dataset, dataset_id)
            caller = Caller(ctx.payload.get("user_id", ""), ctx.payload["organization_id"])
            ontology = load_ontology(session, caller) if include else None
        if task is None or task.status != tasks.IN_PROGRESS:
            return
        if dataset is None or dataset.deleted:
            raise JobFailed("The dataset was deleted")
        total = max(dataset.row_count, 1)
        key = f"exports/{task_id}.ndjson"
        written = 0
        with ctx.storage.blobs.writer(key, "application/x-ndjson") as out:
            last = ""
            while True:
                ctx.check_stop()
                with ctx.sessions.session() as session:
                    rows = session.scalars(
                        select(DataRow)
                        .where(
                            DataRow.dataset_id == dataset_id,
                            DataRow.deleted.is_(False),
                            DataRow.id > last,
                        )
                        .order_by(DataRow.id)
                        .limit(PAGE_SIZE)
                    ).all()
                    entries = entries_by_row(session, [r.id for r in rows]) if include else {}
                if not rows:
                    break
                for row in rows:
                    out.write(export_line(row, entries.get(row.id) if include else None, ontology))
                last = rows[-1].id
                written += len(rows)
                with ctx.sessions.session(write=True) as session:
                    ctx.checkpoint(session)
                    session.execute(
                        update(Task)
                        .where(Task.id == task_id)
                        .values(completion_percentage=min(99.0, 100.0 * written / total))
                    )
                    session.commit()
        with ctx.sessions.session(write=True) as session:
            ctx.checkpoint(session)
            now = clock.now()
            session.execute(
                update(Task)
                .where(Task.id == task_id)
                .values(
                    status=tasks.COMPLETE,
                    completion_percentage=100.0,
                    result_key=key,
                    updated_at=now,
                    completed_at=now,
                )
            )
            ctx.finish(session)
            session.commit()

    def fail(self, ctx: JobContext, message: str) -> None:
        if ctx.task_id is None:
            return
        with ctx.sessions.session(write=True) as session:
            now = clock.now()
            session.execute(
                update(Task)
                .where(Task.id == ctx.task_id)
                .values(status=tasks.FAILED, errors=message, updated_at=now, completed_at=now)
            )
            session.commit()
