"""Global-key jobs: assign keys to data rows, find rows by key, clear keys.

Each is a task computed in the request (`domain.tasks`, not listed as a `Task`): the mutation
(or the `dataRowsForGlobalKeys` query) stores the COMPLETE task with its result and returns
its id; the `*Result` queries read it (`jobStatus: COMPLETE`). See `global_keys` for the
rules keys follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..db.models import DataRow
from . import clock, store, tasks
from .context import Caller
from .data_row_writes import touch_datasets
from .global_keys import holders, problem, sanitize

ASSIGN = tasks.TaskKind("assign_global_keys", "Assign global keys", listed=False)
LOOKUP = tasks.TaskKind("lookup_global_keys", "Get data rows for global keys", listed=False)
CLEAR = tasks.TaskKind("clear_global_keys", "Clear global keys", listed=False)


def _finished(session: Session, caller: Caller, kind: tasks.TaskKind, result: Any) -> str:
    task = tasks.start_task(session, caller, kind)
    return tasks.complete_task(session, task, result=result).id


def job_result(
    session: Session, caller: Caller, kind: tasks.TaskKind, job_id: str
) -> dict[str, Any]:
    """`{job_status, data}` of a job of this kind (`RESOURCE_NOT_FOUND` otherwise)."""
    job = tasks.get_task_of_kind(session, caller, kind, job_id, name="Job")
    return {"job_status": job.status, "data": job.result}


def assign(session: Session, caller: Caller, inputs: Sequence[dict[str, Any]]) -> str:
    """Assign keys to data rows; returns the job id (see `global_keys` for the rules)."""
    rows = store.find_many(session, caller, DataRow, (item["data_row_id"] for item in inputs))
    taken = holders(session, caller, (sanitize(i["global_key"]) for i in inputs))
    result: dict[str, list[dict[str, str]]] = {
        "sanitized_assignments": [],
        "invalid_global_key_assignments": [],
        "unmodified_assignments": [],
        "access_denied_assignments": [],
    }
    seen: set[str] = set()
    changes: dict[str, str] = {}
    for item in inputs:
        given: str = item["global_key"]
        target = rows.get(item["data_row_id"])
        entry = {"data_row_id": item["data_row_id"], "global_key": given}
        if target is None:
            result["access_denied_assignments"].append(entry)
            continue
        key = sanitize(given)
        holder = taken.get(key)
        if (
            problem(key, strict_spaces=True)
            or key in seen
            or (holder is not None and holder.id != target.id)
        ):
            result["invalid_global_key_assignments"].append(entry)
            continue
        seen.add(key)
        changes[target.id] = key
        bucket = "sanitized_assignments" if key != given else "unmodified_assignments"
        result[bucket].append({"data_row_id": target.id, "global_key": key})
    now = clock.now()
    if changes:
        # Free the old keys first so keys can move between the rows of one request.
        session.execute(
            update(DataRow).where(DataRow.id.in_(list(changes))).values(global_key=None)
        )
        session.flush()
        for row_id, key in changes.items():
            session.execute(
                update(DataRow).where(DataRow.id == row_id).values(global_key=key, updated_at=now)
            )
        touch_datasets(session, {rows[row_id].dataset_id for row_id in changes}, now)
    session.expire_all()
    return _finished(session, caller, ASSIGN, result)


def lookup(session: Session, caller: Caller, keys: Sequence[str]) -> str:
    """Find data rows by key; returns the job id."""
    found = holders(session, caller, keys)
    fetched, not_found, deleted = [], [], []
    for key in keys:
        row = found.get(key)
        if row is None:
            fetched.append({"id": ""})
            not_found.append(key)
        elif row.deleted:
            fetched.append({"id": ""})
            deleted.append(key)
        else:
            fetched.append({"id": row.id})
    result = {
        "fetched_data_rows": fetched,
        "not_found_global_keys": not_found,
        "access_denied_global_keys": [],
        "deleted_data_row_global_keys": deleted,
    }
    return _finished(session, caller, LOOKUP, result)


def clear(session: Session, caller: Caller, keys: Sequence[str]) -> str:
    """Remove keys from the rows holding them (deleted rows too); returns the job id."""
    found = holders(session, caller, keys)
    cleared, not_found = [], []
    now = clock.now()
    for key in dict.fromkeys(keys):
        row = found.get(key)
        if row is None:
            not_found.append(key)
            continue
        row.global_key = None
        row.updated_at = now
        cleared.append(key)
    touch_datasets(session, {found[key].dataset_id for key in cleared}, now)
    session.flush()
    result = {
        "cleared_global_keys": cleared,
        "failed_to_clear_global_keys": [],
        "not_found_global_keys": not_found,
        "access_denied_global_keys": [],
    }
    return _finished(session, caller, CLEAR, result)
