"""Global keys: unique per organization (a soft-deleted row keeps its key).

Each of `" < > \\ { } |` is replaced by `_`. A key must then be 1-200 characters; for
assignments it also must not start or end with a space nor contain two spaces in a row.
Global-key jobs run synchronously: the mutation (or `dataRowsForGlobalKeys` query) stores the
finished result and returns its id; the `*Result` queries read it (`jobStatus: COMPLETE`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..db.models import DataRow, GlobalKeyJob
from ..errors import ResourceNotFound
from . import clock, ids, store
from .context import Caller

MAX_LENGTH = 200
_SANITIZE = str.maketrans({ch: "_" for ch in '"<>\\{}|'})

ASSIGN = "assign"
LOOKUP = "lookup"
CLEAR = "clear"
COMPLETE = "COMPLETE"


def sanitize(key: str) -> str:
    """`key` with each of `" < > \\ { } |` replaced by `_`."""
    return key.translate(_SANITIZE)


def problem(key: str, *, strict_spaces: bool = False) -> str | None:
    """Why a (sanitized) key is invalid, or None."""
    if key == "":
        return "Global key must not be empty"
    if len(key) > MAX_LENGTH:
        return f"Global key must be at most {MAX_LENGTH} characters long"
    if strict_spaces and (key != key.strip(" ") or "  " in key):
        return "Global key must not start or end with spaces nor contain consecutive spaces"
    return None


def holders(session: Session, caller: Caller, keys: Iterable[str]) -> dict[str, DataRow]:
    """The rows (deleted ones too) holding any of `keys` in the caller's organization."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, DataRow] = {}
    for start in range(0, len(wanted), store.CHUNK):
        for row in session.scalars(
            store.scoped(caller, DataRow).where(
                DataRow.global_key.in_(wanted[start : start + store.CHUNK])
            )
        ):
            assert row.global_key is not None
            found[row.global_key] = row
    return found


def _store(session: Session, caller: Caller, kind: str, result: dict[str, Any]) -> str:
    job = GlobalKeyJob(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        kind=kind,
        status=COMPLETE,
        result=result,
        created_at=clock.now(),
    )
    session.add(job)
    session.flush()
    return job.id


def job_result(session: Session, caller: Caller, kind: str, job_id: str) -> dict[str, Any]:
    """`{jobStatus, data}` of a job of this kind (`RESOURCE_NOT_FOUND` otherwise)."""
    job = store.find(session, caller, GlobalKeyJob, job_id)
    if job is None or job.kind != kind:
        raise ResourceNotFound.for_id("Job", job_id)
    return {"job_status": job.status, "data": job.result}


def assign(session: Session, caller: Caller, inputs: Sequence[dict[str, Any]]) -> str:
    """Assign keys to data rows; returns the job id (see the module doc for the rules)."""
    from .data_rows import touch_datasets

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
    return _store(session, caller, ASSIGN, result)


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
    return _store(session, caller, LOOKUP, result)


def clear(session: Session, caller: Caller, keys: Sequence[str]) -> str:
    """Remove keys from the rows holding them (deleted rows too); returns the job id."""
    from .data_rows import touch_datasets

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
    return _store(session, caller, CLEAR, result)
