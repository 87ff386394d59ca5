"""Dataset exports: NDJSON, one data row per line, written by a background task.

`exportDatasetDataRows` is polled by clients, so it returns the export in progress for the
(dataset, includeMetadata) pair, else a COMPLETE one started after the dataset's last data-row
change, else starts a new one (a task named `Export dataset data rows`). The task streams
keyset pages of rows to the blob store in constant memory.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import DataRow, Dataset, Task
from ..storage import Storage
from . import clock, store, tasks
from .context import Caller
from .metadata_ontology import Ontology, load_ontology
from .metadata_values import entries_by_row, logical_fields, raw_fields

PAGE_SIZE = 2000
EXPORT = tasks.TaskKind("export", "Export dataset data rows")


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
    same_kind = [Task.payload["include_metadata"].as_boolean() == include]
    running = tasks.latest_task(
        session, caller, EXPORT, dataset.id, status=tasks.IN_PROGRESS, where=same_kind
    )
    if running is not None:
        return _view(storage, running)
    done = tasks.latest_task(
        session, caller, EXPORT, dataset.id, status=tasks.COMPLETE, where=same_kind
    )
    changed = dataset.data_rows_changed_at
    if done is not None and (changed is None or done.created_at > changed):
        return _view(storage, done)
    task = tasks.start_task(
        session,
        caller,
        EXPORT,
        payload={"dataset_id": dataset.id, "include_metadata": include},
        subject_id=dataset.id,
    )
    return _view(storage, task)


def export_line(
    row: DataRow, entries: list[tuple[str, Any]] | None, ontology: Ontology | None
) -> bytes:
    """One NDJSON line: every DataRow key (metadata only with `entries` and `ontology`)."""
    custom: list[dict[str, Any]] = []
    logical: list[dict[str, Any]] = []
    if entries is not None and ontology is not None:
        custom = [{"schemaId": v.schema_id, "value": v.value} for v in raw_fields(entries)]
        logical = [
            {"schemaId": f.schema_id, "name": f.name, "value": f.value, "kind": f.kind}
            for f in logical_fields(entries, ontology)
        ]
    item = {
        "id": row.id,
        "rowData": row.row_data,
        "externalId": row.external_id,
        "globalKey": row.global_key,
        "mediaType": row.media_type,
        "createdAt": clock.iso_millis(row.created_at),
        "updatedAt": clock.iso_millis(row.updated_at),
        "mediaAttributes": row.media_attributes or {},
        "customMetadata": custom,
        "metadataFields": logical,
    }
    return json.dumps(item).encode() + b"\n"


@tasks.handles(EXPORT)
class ExportHandler:
    """Writes a dataset export."""

    def run(self, run: tasks.TaskRun) -> None:
        dataset_id = run.payload["dataset_id"]
        include = bool(run.payload.get("include_metadata"))
        with run.sessions.session() as session:
            dataset = store.find(session, run.caller, Dataset, dataset_id)
            ontology = load_ontology(session, run.caller) if include else None
        if dataset is None:
            raise tasks.TaskFailed("The dataset was deleted")
        total = max(dataset.row_count, 1)
        key = f"exports/{run.task_id}.ndjson"
        written = 0
        with run.storage.blobs.writer(key, "application/x-ndjson") as out:
            last = ""
            while True:
                run.check_stop()
                with run.sessions.session() as session:
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
                    out.write(export_line(row, entries.get(row.id), ontology))
                last = rows[-1].id
                written += len(rows)
                with run.sessions.session(write=True) as session:
                    run.progress(session, min(99.0, 100.0 * written / total), touch=False)
                    session.commit()
        with run.sessions.session(write=True) as session:
            run.complete(session, result_key=key)
            session.commit()

    def cleanup(self, run: tasks.TaskRun, message: str) -> None:
        """Nothing to undo: an unfinished export file is never served."""
