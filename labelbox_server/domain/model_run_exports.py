"""Model-run exports (`exportModelRunAnnotations`): background tasks writing NDJSON to the
blob store, one line per data row of the run that has a label or predictions:
`DataRow ID`, `External ID`, `Global Key`, `Labeled Data`, `Data Split`, `ID` and `Label`
(the registered label, LBV1; `{}` without one) and `Predictions` (import NDJSON rows).

A request gets the export in progress, else the last COMPLETE one if nothing in the run
changed since it started, else one that FAILED in the last minute, else a new one.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import DataRow, Label, ModelPrediction, ModelRun, ModelRunDataRow, Task
from ..storage import Storage
from . import clock, store, tasks
from .context import Caller
from .model_runs import get_run

EXPORT_MODEL_RUN = tasks.TaskKind("export_model_run", "Export model run")
PAGE_SIZE = 500
FAILURE_SHOWN_FOR = timedelta(minutes=1)


def _view(storage: Storage, task: Task) -> dict[str, Any]:
    url = tasks.result_url(storage, task) if task.status == tasks.COMPLETE else None
    return {"download_url": url, "created_at": task.created_at, "status": task.status}


def last_change(session: Session, run: ModelRun) -> Any:
    """When the run, its data rows or its predictions last changed."""
    rows = session.scalar(
        select(func.max(ModelRunDataRow.updated_at)).where(ModelRunDataRow.model_run_id == run.id)
    )
    predictions = session.scalar(
        select(func.max(ModelPrediction.created_at)).where(ModelPrediction.model_run_id == run.id)
    )
    return max(value for value in (run.updated_at, rows, predictions) if value is not None)


def export_model_run(
    session: Session, caller: Caller, storage: Storage, run_id: str
) -> dict[str, Any]:
    """The run's current export, or a new one (`ModelRunAnnotationsExport`)."""
    run = get_run(session, caller, run_id)
    running = tasks.latest_task(session, caller, EXPORT_MODEL_RUN, run.id, status=tasks.IN_PROGRESS)
    if running is not None:
        return _view(storage, running)
    done = tasks.latest_task(session, caller, EXPORT_MODEL_RUN, run.id, status=tasks.COMPLETE)
    if done is not None and done.created_at > last_change(session, run):
        return _view(storage, done)
    failed = tasks.latest_task(session, caller, EXPORT_MODEL_RUN, run.id, status=tasks.FAILED)
    if failed is not None and failed.updated_at > clock.now() - FAILURE_SHOWN_FOR:
        return _view(storage, failed)
    task = tasks.start_task(
        session, caller, EXPORT_MODEL_RUN, payload={"model_run_id": run.id}, subject_id=run.id
    )
    return _view(storage, task)


def _lines(session: Session, run_id: str, rows: list[ModelRunDataRow]) -> list[bytes]:
    data_row_ids = [row.data_row_id for row in rows]
    data_rows = {
        row.id: row for row in session.scalars(select(DataRow).where(DataRow.id.in_(data_row_ids)))
    }
    label_ids = [row.label_id for row in rows if row.label_id]
    labels = {
        label.id: label
        for label in session.scalars(select(Label).where(Label.id.in_(label_ids)))
        if not label.deleted
    }
    predictions: dict[str, list[Any]] = {}
    for data_row_id, annotation in session.execute(
        select(ModelPrediction.data_row_id, ModelPrediction.annotation)
        .where(
            ModelPrediction.model_run_id == run_id, ModelPrediction.data_row_id.in_(data_row_ids)
        )
        .order_by(ModelPrediction.created_at, ModelPrediction.id)
    ):
        predictions.setdefault(data_row_id, []).append(annotation)
    lines = []
    for row in rows:
        label = labels.get(row.label_id or "")
        found = predictions.get(row.data_row_id, [])
        if label is None and not found:
            continue
        data_row = data_rows[row.data_row_id]
        line = {
            "ID": label.id if label else None,
            "DataRow ID": data_row.id,
            "External ID": data_row.external_id,
            "Global Key": data_row.global_key,
            "Labeled Data": data_row.row_data,
            "Data Split": row.data_split,
            "Label": json.loads(label.label) if label else {},
            "Predictions": found,
        }
        lines.append(json.dumps(line).encode() + b"\n")
    return lines


@tasks.handles(EXPORT_MODEL_RUN)
class ModelRunExportHandler:
    """Writes a model run's export, page by page, in constant memory."""

    def run(self, run: tasks.TaskRun) -> None:
        run_id = run.payload["model_run_id"]
        key = f"exports/{run.task_id}.ndjson"
        with run.storage.blobs.writer(key, "application/x-ndjson") as out:
            cursor: tuple[Any, str] | None = None
            while True:
                run.check_stop()
                with run.sessions.session() as session:
                    stmt = store.scoped(run.caller, ModelRunDataRow).where(
                        ModelRunDataRow.model_run_id == run_id
                    )
                    if cursor is not None:
                        stmt = stmt.where(
                            (ModelRunDataRow.created_at > cursor[0])
                            | (
                                (ModelRunDataRow.created_at == cursor[0])
                                & (ModelRunDataRow.id > cursor[1])
                            )
                        )
                    page = list(
                        session.scalars(
                            stmt.order_by(ModelRunDataRow.created_at, ModelRunDataRow.id).limit(
                                PAGE_SIZE
                            )
                        )
                    )
                    for line in _lines(session, run_id, page):
                        out.write(line)
                if len(page) < PAGE_SIZE:
                    break
                cursor = (page[-1].created_at, page[-1].id)
        with run.sessions.session(write=True) as session:
            run.complete(session, result_key=key)
            session.commit()

    def cleanup(self, run: tasks.TaskRun, message: str) -> None:
        """Nothing to undo: a partial file is never stored."""
