"""Batches: data rows sent to a BATCH-mode project's queue (see `queue` for the order).

* `create_batch` (`createBatchV2`): a new batch (its name unique among the project's live
  batches, else `RESOURCE_CONFLICT`) with at most 100,000 data rows and a priority 1..5
  (default 5); consensus settings `{numberOfLabels >= 1, coveragePercentage 0..1}` make
  the covered share of its rows (chosen by a hash of the data row id) need that many labels.
* `add_data_rows` (`addDataRowsToBatch`, and `addDataRowsToBatchAsync` as a task completed
  in the request) adds rows to a batch. Every row that is not added is reported with the
  reason: an unknown id (missing, deleted, or another organization's), an asset the server
  cannot read (a `gs://` or `s3://` URL without a delegated-access integration), or a row
  already in another batch of the project. A row already in the same batch is skipped
  silently, so sending the same rows again adds nothing twice. Ids given twice count once.
* `remove_queued_data_rows` takes the rows still queued out of the batch (labeled ones
  stay); `delete_batch` deletes a batch none of whose rows is labeled
  (`OPERATION_NOT_ALLOWED` otherwise), with its rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from ..db.models import Batch, BatchDataRow, DataRow, Label, Project
from ..errors import MalformedRequest, OperationNotAllowed, ResourceConflict, ResourceNotFound
from . import clock, ids, keyset, store, tasks
from .context import Caller
from .queue import BATCH_MODE, queued_data_row_ids

MAX_ROWS = 100_000
DEFAULT_PRIORITY = 5
CHUNK = 500
NOT_FOUND = "Data row not found"
UNREADABLE = (
    "The data row's asset cannot be read: {scheme}:// URLs need a delegated access (IAM) "
    "integration"
)
IN_OTHER_BATCH = 'The data row is already in batch "{name}" of this project'
ADD_ROWS = tasks.TaskKind("batch_add_data_rows", "Add data rows to batch")

Failure = tuple[str, str]


def result(batch: Batch, failures: Sequence[Failure]) -> dict[str, Any]:
    """`CreateBatchResult`."""
    return {
        "batch": batch,
        "failed_data_row_ids": [row_id for row_id, _ in failures],
        "failed_data_rows": [{"data_row_id": r, "error": e} for r, e in failures],
    }


def create_batch(
    session: Session, caller: Caller, project: Project, data: Mapping[str, Any]
) -> dict[str, Any]:
    """A new batch of the given data rows (`CreateBatchInput`)."""
    _check_batch_mode(project)
    priority = _priority(data.get("priority"))
    row_ids = _row_ids(data["data_row_ids"], allow_empty=False)
    batch = _new_batch(session, caller, project, data)
    return result(batch, _add(session, caller, project, batch, row_ids, priority))


def create_empty_batch(
    session: Session, caller: Caller, project: Project, data: Mapping[str, Any]
) -> Batch:
    """A new batch with no data rows yet (`CreateEmptyBatchInput`)."""
    _check_batch_mode(project)
    return _new_batch(session, caller, project, data)


def add_data_rows(
    session: Session, caller: Caller, project: Project, data: Mapping[str, Any]
) -> dict[str, Any]:
    """Add data rows to one of the project's batches (`AddDataRowsToBatchInput`)."""
    batch = get_project_batch(session, caller, project, data["batch_id"])
    priority = _priority(data.get("priority"))
    row_ids = _row_ids(data["data_row_ids"], allow_empty=True)
    return result(batch, _add(session, caller, project, batch, row_ids, priority))


def add_data_rows_task(
    session: Session, caller: Caller, project: Project, data: Mapping[str, Any]
) -> dict[str, Any]:
    """`addDataRowsToBatchAsync`: the rows are added in the request; the task reports them."""
    added = add_data_rows(session, caller, project, data)
    task = tasks.start_task(
        session, caller, ADD_ROWS, payload={"batch_id": data["batch_id"]}, subject_id=project.id
    )
    tasks.complete_task(session, task, result={"failed_data_rows": added["failed_data_rows"]})
    return {"task_id": task.id}


def remove_queued_data_rows(
    session: Session, caller: Caller, project: Project, batch_id: str
) -> Batch:
    """Take the batch's still-queued data rows out of it."""
    batch = get_project_batch(session, caller, project, batch_id)
    queued = set(queued_data_row_ids(session, project))
    in_batch = session.scalars(
        select(BatchDataRow.data_row_id).where(BatchDataRow.batch_id == batch.id)
    ).all()
    removed = [row_id for row_id in in_batch if row_id in queued]
    for start in range(0, len(removed), CHUNK):
        session.execute(
            delete(BatchDataRow).where(
                BatchDataRow.batch_id == batch.id,
                BatchDataRow.data_row_id.in_(removed[start : start + CHUNK]),
            )
        )
    batch.size -= len(removed)
    batch.updated_at = clock.now()
    session.flush()
    return batch


def delete_batch(
    session: Session, caller: Caller, project: Project, batch_id: str
) -> dict[str, Any]:
    """Delete a batch none of whose data rows is labeled in the project."""
    batch = get_project_batch(session, caller, project, batch_id)
    labeled = session.scalar(
        select(func.count(Label.id)).where(
            Label.project_id == project.id,
            Label.deleted.is_(False),
            Label.data_row_id.in_(
                select(BatchDataRow.data_row_id).where(BatchDataRow.batch_id == batch.id)
            ),
        )
    )
    if labeled:
        raise OperationNotAllowed(
            f'Batch "{batch.name}" has labeled data rows and cannot be deleted: '
            "delete its labels first"
        )
    session.execute(delete(BatchDataRow).where(BatchDataRow.batch_id == batch.id))
    batch.deleted = True
    batch.size = 0
    batch.updated_at = clock.now()
    session.flush()
    return {"deleted_batch_id": batch.id}


def batches_page(
    session: Session,
    caller: Caller,
    project: Project,
    *,
    after: str | None,
    first: int | None,
    where: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """`ProjectBatchConnection`: the project's live batches, oldest first."""
    stmt = store.scoped(caller, Batch).where(
        Batch.project_id == project.id, Batch.deleted.is_(False)
    )
    if where and where.get("id") is not None:
        stmt = stmt.where(Batch.id == where["id"])
    nodes, cursor = keyset.page(session, stmt, Batch, after=after, first=first)
    return {
        "nodes": nodes,
        "page_info": {
            "has_next_page": cursor is not None,
            "start_cursor": None,
            "end_cursor": cursor,
        },
    }


def get_project_batch(session: Session, caller: Caller, project: Project, batch_id: str) -> Batch:
    """A live batch of the project (`RESOURCE_NOT_FOUND` otherwise)."""
    batch = store.find(session, caller, Batch, batch_id)
    if batch is None or batch.project_id != project.id:
        raise ResourceNotFound.for_id("Batch", batch_id)
    return batch


def processing_status(session: Session, caller: Caller, row_ids: Iterable[str]) -> dict[str, Any]:
    """`DataRowsProcessingStatus`: media is processed when rows are created."""
    wanted = list(dict.fromkeys(row_ids))
    found = _row_data(session, caller, wanted)
    return {
        "all_data_rows_have_been_processed": True,
        "not_found_data_row_ids": [row_id for row_id in wanted if row_id not in found],
    }


# -- adding rows ----------------------------------------------------------------------------


def _add(
    session: Session,
    caller: Caller,
    project: Project,
    batch: Batch,
    row_ids: Sequence[str],
    priority: int,
) -> list[Failure]:
    found = _row_data(session, caller, row_ids)
    failures: list[Failure] = []
    candidates: list[str] = []
    for row_id in row_ids:
        row_data = found.get(row_id)
        if row_data is None:
            failures.append((row_id, NOT_FOUND))
        elif (scheme := _unreadable_scheme(row_data)) is not None:
            failures.append((row_id, UNREADABLE.format(scheme=scheme)))
        else:
            candidates.append(row_id)
    placed = _batches_holding(session, project, candidates)
    names = _batch_names(session, set(placed.values()) - {batch.id})
    new: list[str] = []
    for row_id in candidates:
        holder = placed.get(row_id)
        if holder is None:
            new.append(row_id)
        elif holder != batch.id:
            failures.append((row_id, IN_OTHER_BATCH.format(name=names.get(holder, holder))))
    if new:
        _insert_rows(session, project, batch, new, priority)
    batch.size += len(new)
    batch.updated_at = clock.now()
    session.flush()
    return failures


def _row_data(session: Session, caller: Caller, row_ids: Sequence[str]) -> dict[str, str]:
    """The `row_data` of those of the ids that are live data rows of the caller's
    organization (columns only: no ORM objects for tens of thousands of rows; the
    organization is checked on each row, as `store.find_many` does, so the primary key
    index is used)."""
    found: dict[str, str] = {}
    for start in range(0, len(row_ids), CHUNK):
        chunk = row_ids[start : start + CHUNK]
        rows = session.execute(
            select(DataRow.id, DataRow.organization_id, DataRow.deleted, DataRow.row_data).where(
                DataRow.id.in_(chunk)
            )
        )
        for row_id, organization_id, deleted, row_data in rows:
            if organization_id == caller.organization_id and not deleted:
                found[row_id] = row_data
    return found


def _insert_rows(
    session: Session, project: Project, batch: Batch, row_ids: Sequence[str], priority: int
) -> None:
    last = session.scalar(
        select(func.max(BatchDataRow.position)).where(BatchDataRow.project_id == project.id)
    )
    start = (last or 0) + 1
    consensus = batch.consensus_settings_json
    now = clock.now()
    session.execute(
        insert(store.table(BatchDataRow)),
        [
            {
                "batch_id": batch.id,
                "data_row_id": row_id,
                "project_id": project.id,
                "priority": priority,
                "position": start + offset,
                "labels_needed": _labels_needed(row_id, consensus),
                "created_at": now,
            }
            for offset, row_id in enumerate(row_ids)
        ],
    )


def _batches_holding(session: Session, project: Project, row_ids: Sequence[str]) -> dict[str, str]:
    """The batch of the project each of the rows is in, by row id."""
    held: dict[str, str] = {}
    for start in range(0, len(row_ids), CHUNK):
        chunk = row_ids[start : start + CHUNK]
        for row_id, batch_id in session.execute(
            select(BatchDataRow.data_row_id, BatchDataRow.batch_id).where(
                BatchDataRow.project_id == project.id, BatchDataRow.data_row_id.in_(chunk)
            )
        ):
            held[row_id] = batch_id
    return held


def _batch_names(session: Session, batch_ids: set[str]) -> dict[str, str]:
    if not batch_ids:
        return {}
    rows = session.execute(select(Batch.id, Batch.name).where(Batch.id.in_(sorted(batch_ids))))
    return {batch_id: name for batch_id, name in rows}


def _labels_needed(row_id: str, consensus: Mapping[str, Any] | None) -> int:
    """`numberOfLabels` for the rows consensus covers (a stable share by id hash), else 1."""
    if not consensus:
        return 1
    digest = int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16)
    covered = digest % 10_000 < round(float(consensus["coveragePercentage"]) * 10_000)
    return int(consensus["numberOfLabels"]) if covered else 1


def _unreadable_scheme(row_data: str) -> str | None:
    scheme, separator, _ = row_data.partition("://")
    if separator and scheme.lower() in ("gs", "s3"):
        return scheme.lower()
    return None


# -- checks ---------------------------------------------------------------------------------


def _new_batch(
    session: Session, caller: Caller, project: Project, data: Mapping[str, Any]
) -> Batch:
    name = data["name"]
    if not isinstance(name, str) or not name.strip():
        raise MalformedRequest("name: expected a non-empty string")
    consensus = _consensus(data.get("consensus_settings"))
    taken = session.scalar(
        select(Batch.id).where(
            Batch.project_id == project.id, Batch.name == name, Batch.deleted.is_(False)
        )
    )
    if taken is not None:
        raise ResourceConflict(f'A batch named "{name}" already exists in this project')
    now = clock.now()
    batch = Batch(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        project_id=project.id,
        created_by_id=caller.user_id,
        name=name,
        consensus_settings_json=consensus,
        size=0,
        created_at=now,
        updated_at=now,
        deleted=False,
    )
    session.add(batch)
    session.flush()
    return batch


def _check_batch_mode(project: Project) -> None:
    if project.queue_mode != BATCH_MODE:
        raise MalformedRequest("Project must be in batch mode to create batches")


def _priority(value: Any) -> int:
    if value is None:
        return DEFAULT_PRIORITY
    if not 1 <= value <= 5:
        raise MalformedRequest(f"priority: expected 1 (highest) to 5 (lowest), got {value}")
    return int(value)


def _row_ids(value: Sequence[str], *, allow_empty: bool) -> list[str]:
    row_ids = list(dict.fromkeys(value))
    if not row_ids and not allow_empty:
        raise MalformedRequest("dataRowIds: a batch needs at least one data row")
    if len(row_ids) > MAX_ROWS:
        raise MalformedRequest(f"dataRowIds: at most {MAX_ROWS:,} data rows per request")
    return row_ids


def _consensus(value: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    number = value["number_of_labels"]
    coverage = value["coverage_percentage"]
    if number < 1:
        raise MalformedRequest("consensusSettings.numberOfLabels: expected at least 1")
    if not 0 <= coverage <= 1:
        raise MalformedRequest("consensusSettings.coveragePercentage: expected 0 to 1")
    return {"numberOfLabels": number, "coveragePercentage": coverage}
