"""A model run's data rows: registered from data-row ids or from labels (with the label),
removed, listed by cursor, and assigned to splits.

Registrations and split assignments answer with the id of a task (unlisted: not a `Task`
users see) whose status the SDK polls. The work is done in the request, all or nothing:
ids that name no data row (or label) of the organization FAIL the task with every such id
in its `errorMessage`, and nothing is changed. Registering a data row again keeps one row
per data row and run (a label registration sets its label).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from ..db.models import DataRow, Label, ModelPrediction, ModelRun, ModelRunDataRow, Task
from ..errors import MalformedRequest
from . import clock, ids, keyset, store, tasks
from .context import Caller
from .model_runs import get_run

REGISTER_DATA_ROWS = tasks.TaskKind("mea_data_row_registration", "MEA data rows", listed=False)
REGISTER_LABELS = tasks.TaskKind("mea_label_registration", "MEA labels", listed=False)
ASSIGN_SPLITS = tasks.TaskKind("assign_data_splits", "Assign data splits", listed=False)
SPLITS = ("TRAINING", "TEST", "VALIDATION", "UNASSIGNED")
UNASSIGNED = "UNASSIGNED"
CHUNK = 500
#: Ids listed in a failed task's message (the rest are counted).
LISTED_IDS = 100


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _unique(values: Sequence[str], name: str) -> list[str]:
    wanted = list(dict.fromkeys(values))
    if not wanted:
        raise MalformedRequest(f"{name} must not be empty")
    return wanted


def _missing_message(kind: str, missing: Sequence[str]) -> str:
    shown = ", ".join(missing[:LISTED_IDS])
    more = f" and {len(missing) - LISTED_IDS} more" if len(missing) > LISTED_IDS else ""
    return f"{kind} not found: {shown}{more}"


def _live_ids(
    session: Session, caller: Caller, model: type[DataRow] | type[Label], wanted: Sequence[str]
) -> set[str]:
    """Those of the ids that are live rows of `model` in the caller's organization (looked
    up by primary key, columns only: no objects are built)."""
    found: set[str] = set()
    for chunk in _chunks(wanted):
        rows = session.execute(
            select(model.id, model.organization_id, model.deleted).where(model.id.in_(chunk))
        )
        found.update(
            row_id
            for row_id, organization_id, deleted in rows
            if organization_id == caller.organization_id and not deleted
        )
    return found


def _finish(session: Session, task: Task, problem: str | None) -> str:
    if problem is None:
        tasks.complete_task(session, task)
    else:
        task.status = tasks.FAILED
        task.errors = problem
        task.completed_at = task.updated_at = clock.now()
        session.flush()
    return task.id


def _existing(session: Session, run: ModelRun, data_row_ids: Sequence[str]) -> dict[str, str]:
    """data row id → model-run data row id, for those already in the run."""
    found: dict[str, str] = {}
    for chunk in _chunks(data_row_ids):
        rows = session.execute(
            select(ModelRunDataRow.data_row_id, ModelRunDataRow.id).where(
                ModelRunDataRow.model_run_id == run.id, ModelRunDataRow.data_row_id.in_(chunk)
            )
        )
        found.update({data_row_id: row_id for data_row_id, row_id in rows})
    return found


def _add(
    session: Session, caller: Caller, run: ModelRun, labels_by_row: Mapping[str, str | None]
) -> None:
    """Add data rows to the run (with their label, when given); rows already in it get the
    label given and keep their split."""
    data_row_ids = list(labels_by_row)
    existing = _existing(session, run, data_row_ids)
    now = clock.now()
    new = [
        {
            "id": ids.new_id(),
            "organization_id": caller.organization_id,
            "model_run_id": run.id,
            "data_row_id": row_id,
            "label_id": labels_by_row[row_id],
            "data_split": UNASSIGNED,
            "created_at": now,
            "updated_at": now,
        }
        for row_id in data_row_ids
        if row_id not in existing
    ]
    for start in range(0, len(new), CHUNK):
        session.execute(insert(ModelRunDataRow), new[start : start + CHUNK])
    for row_id, model_run_row_id in existing.items():
        label_id = labels_by_row[row_id]
        if label_id is not None:
            session.execute(
                update(ModelRunDataRow)
                .where(ModelRunDataRow.id == model_run_row_id)
                .values(label_id=label_id, updated_at=now)
                .execution_options(synchronize_session=False)
            )


def register_data_rows(
    session: Session, caller: Caller, run_id: str, data_row_ids: Sequence[str]
) -> str:
    """`createMEAModelRunDataRowRegistrationTask`: the task's id."""
    run = get_run(session, caller, run_id)
    wanted = _unique(data_row_ids, "dataRowIds")
    task = tasks.start_task(session, caller, REGISTER_DATA_ROWS, subject_id=run.id)
    found = _live_ids(session, caller, DataRow, wanted)
    missing = [row_id for row_id in wanted if row_id not in found]
    if missing:
        return _finish(session, task, _missing_message("Data rows", missing))
    _add(session, caller, run, dict.fromkeys(wanted))
    return _finish(session, task, None)


def register_labels(session: Session, caller: Caller, run_id: str, label_ids: Sequence[str]) -> str:
    """`createMEAModelRunLabelRegistrationTask`: each label's data row joins the run with
    the label; the task's id."""
    run = get_run(session, caller, run_id)
    wanted = _unique(label_ids, "labelIds")
    task = tasks.start_task(session, caller, REGISTER_LABELS, subject_id=run.id)
    found = store.find_many(session, caller, Label, wanted)
    missing = [label_id for label_id in wanted if label_id not in found]
    if missing:
        return _finish(session, task, _missing_message("Labels", missing))
    by_row: dict[str, str | None] = {}
    for label_id in wanted:
        by_row[found[label_id].data_row_id] = label_id
    _add(session, caller, run, by_row)
    return _finish(session, task, None)


def delete_data_rows(
    session: Session, caller: Caller, run_id: str, data_row_ids: Sequence[str]
) -> int:
    """Remove data rows, and their predictions, from the run; how many were in it."""
    run = get_run(session, caller, run_id)
    wanted = list(dict.fromkeys(data_row_ids))
    removed = 0
    for chunk in _chunks(wanted):
        session.execute(
            delete(ModelPrediction).where(
                ModelPrediction.model_run_id == run.id, ModelPrediction.data_row_id.in_(chunk)
            )
        )
        result = session.execute(
            delete(ModelRunDataRow).where(
                ModelRunDataRow.model_run_id == run.id, ModelRunDataRow.data_row_id.in_(chunk)
            )
        )
        removed += int(result.rowcount)  # type: ignore[attr-defined]
    return removed


def assign_splits(
    session: Session, caller: Caller, run_id: str, assignments: Sequence[Mapping[str, Any]]
) -> str:
    """`createAssignDataRowsToDataSplitTask`: data rows of the run take the split of their
    assignment; ids that are not data rows of the run FAIL the task. The task's id."""
    run = get_run(session, caller, run_id)
    task = tasks.start_task(session, caller, ASSIGN_SPLITS, subject_id=run.id)
    splits: dict[str, str] = {}
    for assignment in assignments:
        if assignment["split"] not in SPLITS:
            raise MalformedRequest(f"split must be one of {list(SPLITS)}")
        for row_id in assignment["data_row_ids"]:
            splits[row_id] = assignment["split"]
    existing = _existing(session, run, list(splits))
    missing = [row_id for row_id in splits if row_id not in existing]
    if missing:
        return _finish(session, task, _missing_message("Data rows of the model run", missing))
    now = clock.now()
    by_split: dict[str, list[str]] = {}
    for row_id, split in splits.items():
        by_split.setdefault(split, []).append(existing[row_id])
    for split, row_ids in by_split.items():
        for chunk in _chunks(row_ids):
            session.execute(
                update(ModelRunDataRow)
                .where(ModelRunDataRow.id.in_(chunk))
                .values(data_split=split, updated_at=now)
                .execution_options(synchronize_session=False)
            )
    return _finish(session, task, None)


def task_status(
    session: Session, caller: Caller, kind: tasks.TaskKind, task_id: str
) -> dict[str, Any] | None:
    """`ModelRunTaskStatus` of a task of `kind` (None when there is none)."""
    task = store.find(session, caller, Task, task_id)
    if task is None or task.kind != kind.name:
        return None
    return {"status": task.status, "error_message": task.errors}


def page(
    session: Session, caller: Caller, run_id: str, after: str | None, first: int | None
) -> dict[str, Any]:
    """`annotationGroups`: the run's data rows in the order they joined it, by cursor."""
    run = get_run(session, caller, run_id)
    stmt = store.scoped(caller, ModelRunDataRow).where(ModelRunDataRow.model_run_id == run.id)
    nodes, cursor = keyset.page(session, stmt, ModelRunDataRow, after=after, first=first)
    return {
        "nodes": nodes,
        "page_info": {
            "has_next_page": cursor is not None,
            "start_cursor": None,
            "end_cursor": cursor,
        },
    }


def data_rows_of_run(session: Session, run_id: str, data_row_ids: Sequence[str]) -> set[str]:
    """Those of the ids that are data rows of the run."""
    found: set[str] = set()
    for chunk in _chunks(list(dict.fromkeys(data_row_ids))):
        found.update(
            session.scalars(
                select(ModelRunDataRow.data_row_id).where(
                    ModelRunDataRow.model_run_id == run_id, ModelRunDataRow.data_row_id.in_(chunk)
                )
            )
        )
    return found
