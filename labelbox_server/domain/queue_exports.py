"""Exports of a project's queue (`exportQueuedDataRows`, in labeling order) and of a
batch's data rows (`exportBatchDataRows`, in the order they were added): NDJSON, one DataRow
object per line (as dataset exports), written by a background task.

Clients poll the mutation, so it returns the export in progress or done for the same
(subject, includeMetadata) while what it exports is unchanged (a fingerprint of the queue or
the batch, kept in the task's payload), and starts a new one otherwise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import Batch, BatchDataRow, DataRow, Dataset, Project, Task
from ..storage import Storage
from . import store, tasks
from .context import Caller
from .exports import export_line
from .metadata_ontology import load_ontology
from .metadata_values import entries_by_row
from .queue import fingerprint, queued_data_row_ids

PAGE_SIZE = 1000
QUEUE_EXPORT = tasks.TaskKind("queue_export", "Export queued data rows")
BATCH_EXPORT = tasks.TaskKind("batch_export", "Export batch data rows")


def export_queued_data_rows(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> dict[str, Any]:
    """`DataRowsExport` of the project's queue."""
    project = store.get(session, caller, Project, data["project_id"])
    return _export(
        session,
        caller,
        storage,
        QUEUE_EXPORT,
        project.id,
        include=bool(data["include_metadata_input"]),
        state=fingerprint(session, project),
    )


def export_batch_data_rows(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> dict[str, Any]:
    """`DataRowsExport` of the batch's data rows."""
    batch = store.get(session, caller, Batch, data["batch_id"])
    return _export(
        session,
        caller,
        storage,
        BATCH_EXPORT,
        batch.id,
        include=bool(data["include_metadata_input"]),
        state=_batch_state(session, batch),
    )


def view(storage: Storage, task: Task) -> dict[str, Any]:
    """`DataRowsExport`: `{download_url, created_at, status}`."""
    url = tasks.result_url(storage, task) if task.status == tasks.COMPLETE else None
    return {"download_url": url, "created_at": task.created_at, "status": task.status}


def _export(
    session: Session,
    caller: Caller,
    storage: Storage,
    kind: tasks.TaskKind,
    subject_id: str,
    *,
    include: bool,
    state: str,
) -> dict[str, Any]:
    same = [
        Task.payload["include_metadata"].as_boolean() == include,
        Task.payload["state"].as_string() == state,
    ]
    for status in (tasks.IN_PROGRESS, tasks.COMPLETE):
        found = tasks.latest_task(session, caller, kind, subject_id, status=status, where=same)
        if found is not None:
            return view(storage, found)
    task = tasks.start_task(
        session,
        caller,
        kind,
        payload={"subject_id": subject_id, "include_metadata": include, "state": state},
        subject_id=subject_id,
    )
    return view(storage, task)


def _batch_state(session: Session, batch: Batch) -> str:
    changed = session.execute(
        select(func.max(Dataset.data_rows_changed_at), func.count()).where(
            Dataset.id.in_(
                select(DataRow.dataset_id)
                .join(BatchDataRow, BatchDataRow.data_row_id == DataRow.id)
                .where(BatchDataRow.batch_id == batch.id)
                .distinct()
            )
        )
    ).one()
    parts = [batch.updated_at.isoformat(), batch.size, *changed]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class _RowsExportHandler:
    """Writes the data rows `row_ids` gives, in its order (deleted ones left out)."""

    def row_ids(self, session: Session, run: tasks.TaskRun, subject_id: str) -> Sequence[str]:
        raise NotImplementedError

    def run(self, run: tasks.TaskRun) -> None:
        include = bool(run.payload.get("include_metadata"))
        with run.sessions.session() as session:
            row_ids = self.row_ids(session, run, run.payload["subject_id"])
            ontology = load_ontology(session, run.caller) if include else None
        key = f"exports/{run.task_id}.ndjson"
        total = max(len(row_ids), 1)
        with run.storage.blobs.writer(key, "application/x-ndjson") as out:
            for start in range(0, len(row_ids), PAGE_SIZE):
                run.check_stop()
                chunk = row_ids[start : start + PAGE_SIZE]
                with run.sessions.session() as session:
                    rows = {
                        row.id: row
                        for row in session.scalars(select(DataRow).where(DataRow.id.in_(chunk)))
                    }
                    entries = entries_by_row(session, list(rows)) if include else {}
                for row_id in chunk:
                    row = rows.get(row_id)
                    if row is not None and not row.deleted:
                        out.write(export_line(row, entries.get(row_id), ontology))
                with run.sessions.session(write=True) as session:
                    run.progress(
                        session, min(99.0, 100.0 * (start + len(chunk)) / total), touch=False
                    )
                    session.commit()
        with run.sessions.session(write=True) as session:
            run.complete(session, result_key=key)
            session.commit()

    def cleanup(self, run: tasks.TaskRun, message: str) -> None:
        """Nothing to undo: an unfinished export file is never served."""


@tasks.handles(QUEUE_EXPORT)
class QueueExportHandler(_RowsExportHandler):
    """The project's queued data rows, in labeling order."""

    def row_ids(self, session: Session, run: tasks.TaskRun, subject_id: str) -> Sequence[str]:
        project = store.find(session, run.caller, Project, subject_id)
        if project is None:
            raise tasks.TaskFailed("The project was deleted")
        return queued_data_row_ids(session, project)


@tasks.handles(BATCH_EXPORT)
class BatchExportHandler(_RowsExportHandler):
    """The batch's data rows, in the order they were added."""

    def row_ids(self, session: Session, run: tasks.TaskRun, subject_id: str) -> Sequence[str]:
        if store.find(session, run.caller, Batch, subject_id) is None:
            raise tasks.TaskFailed("The batch was deleted")
        return session.scalars(
            select(BatchDataRow.data_row_id)
            .where(BatchDataRow.batch_id == subject_id)
            .order_by(BatchDataRow.position, BatchDataRow.data_row_id)
        ).all()
