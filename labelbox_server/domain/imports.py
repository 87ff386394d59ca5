"""Data-row imports from a descriptor (a JSON array at `jsonFileUrl`).

Elements: snake_case `row_data` (a string or a PDF / tiled / conversational object),
`external_id`, `global_key`, `media_type`, `metadata_fields` (`[{schemaId, value}]`),
`attachments` (`[{type, value}]`); legacy elements with a top-level `tileLayerUrl` (the
element minus the descriptor keys is the row data) or `conversationalData` (the messages).

Validation comes first and is all or nothing: any invalid row fails the whole import, nothing
is created, and the result lists every offending row. `appendRowsToDataset` creates a Task
(`JSON Import`) and a job; the same URL for the same dataset returns the same task. The job
inserts rows in batches tagged (task id, index), so a resumed job skips what exists.
`appendRowsToDatasetSync` (at most 1,000 rows, 5 attachments each) does it all in the request.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.models import Attachment, DataRow, DataRowMetadataValue, Dataset, Task
from ..errors import MalformedRequest
from ..jobs import JobContext, JobFailed, enqueue
from ..storage import BlobNotFound, Storage
from . import clock, global_keys, media, store, tasks
from .context import Caller
from .data_rows import (
    InvalidQuery,
    PreparedRow,
    RowError,
    RowInput,
    insert_rows,
    prepare_row,
)
from .metadata import load_ontology

logger = logging.getLogger("labelbox_server.imports")

JOB_KIND = "import"
BATCH_SIZE = 2000
SYNC_MAX_ROWS = 1000
SYNC_MAX_ATTACHMENTS = 5
DOWNLOAD_TIMEOUT = 30.0
DESCRIPTOR_KEYS = frozenset(
    {
        "external_id",
        "externalId",
        "global_key",
        "globalKey",
        "media_type",
        "mediaType",
        "metadata_fields",
        "metadataFields",
        "attachments",
    }
)
DUPLICATE_KEYS_ERROR = (
    "Data rows contain empty string or duplicate global keys, which are not allowed"
)
INVALID_ROWS_ERROR = "Data rows contain invalid values; no data rows were created"


class DescriptorError(Exception):
    """The descriptor cannot be read or is not a JSON array."""


# -- reading the descriptor ---------------------------------------------------------------


def descriptor_source(storage: Storage, url: str) -> dict[str, str]:
    """Where to read a descriptor: our blob (by key) or a URL to download."""
    key = storage.key_of(url)
    return {"blob_key": key} if key is not None else {"url": url}


def load_descriptor(storage: Storage, source: Mapping[str, str]) -> list[Any]:
    """The descriptor's elements (`DescriptorError` with a clear message otherwise)."""
    if "blob_key" in source:
        try:
            with storage.blobs.open(source["blob_key"]) as stream:
                raw: Any = json.load(stream)
        except BlobNotFound:
            raise DescriptorError("The descriptor file no longer exists") from None
        except ValueError:
            raise DescriptorError("The descriptor file is not valid JSON") from None
    else:
        url = source["url"]
        try:
            response = httpx.get(url, timeout=DOWNLOAD_TIMEOUT, follow_redirects=True)
            response.raise_for_status()
            raw = response.json()
        except httpx.HTTPStatusError as error:
            raise DescriptorError(
                f"Could not download the descriptor file: HTTP {error.response.status_code}"
            ) from None
        except httpx.HTTPError as error:
            raise DescriptorError(f"Could not download the descriptor file: {error}") from None
        except ValueError:
            raise DescriptorError("The descriptor file is not valid JSON") from None
    if not isinstance(raw, list):
        raise DescriptorError("The descriptor file must hold a JSON array of data rows")
    return raw


# -- validation ---------------------------------------------------------------------------


def element_to_input(element: Any) -> RowInput:
    """One descriptor element as a `RowInput` (`RowError` if it has no row data)."""
    if not isinstance(element, Mapping):
        raise RowError("invalid", "Each data row must be a JSON object")

    def pick(*names: str) -> Any:
        return next((element[name] for name in names if name in element), None)

    if "row_data" in element or "rowData" in element:
        row_data = pick("row_data", "rowData")
    elif "tileLayerUrl" in element:
        row_data = {k: v for k, v in element.items() if k not in DESCRIPTOR_KEYS}
    elif "conversationalData" in element:
        row_data = media.conversation_from_legacy(element["conversationalData"])
    else:
        raise RowError("invalid", "row_data is required")
    return RowInput(
        row_data=row_data,
        media_type=pick("media_type", "mediaType"),
        external_id=pick("external_id", "externalId"),
        global_key=pick("global_key", "globalKey"),
        metadata_fields=pick("metadata_fields", "metadataFields"),
        attachments=element.get("attachments"),
    )


@dataclass
class Validation:
    """Validated rows, or the problems (every offending row) and the overall error."""

    rows: list[PreparedRow] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    error: Any = None
    kinds: set[str] = field(default_factory=set)


def _problem(index: int, element: Any, message: str) -> dict[str, Any]:
    get = element.get if isinstance(element, Mapping) else (lambda *_: None)
    return {
        "index": index,
        "external_id": get("external_id", get("externalId")),
        "global_key": get("global_key", get("globalKey")),
        "message": message,
    }


def validate(
    session: Session,
    caller: Caller,
    storage: Storage,
    elements: Sequence[Any],
    *,
    task_id: str | None = None,
) -> Validation:
    """Check every element; keys held by rows of `task_id` (a resumed import) are ours."""
    ontology = load_ontology(session, caller)
    result = Validation()
    for index, element in enumerate(elements):
        try:
            prepared = prepare_row(element_to_input(element), ontology, storage)
        except RowError as error:
            kind = "empty_key" if error.message == global_keys.problem("") else error.kind
            result.kinds.add(kind)
            result.problems.append(_problem(index, element, error.message))
            continue
        prepared.index = index
        result.rows.append(prepared)
    by_key: dict[str, list[PreparedRow]] = {}
    for row in result.rows:
        if row.global_key is not None:
            by_key.setdefault(row.global_key, []).append(row)
    held = global_keys.holders(session, caller, by_key)
    bad: dict[int, str] = {}
    for key, rows in by_key.items():
        holder = held.get(key)
        if holder is not None and (task_id is None or holder.import_task_id != task_id):
            for row in rows:
                bad[row.index or 0] = f'Global key "{key}" is already in use'
        elif len(rows) > 1:
            for row in rows:
                bad[row.index or 0] = f'Global key "{key}" appears more than once'
    if bad:
        result.kinds.add("duplicate_key")
        result.problems.extend(_problem(i, elements[i], message) for i, message in bad.items())
    result.problems.sort(key=lambda p: p["index"])
    if result.problems:
        result.rows = []
        result.error = _overall_error(result)
    return result


def _overall_error(result: Validation) -> Any:
    for kind in ("media_type", "contents"):
        if kind in result.kinds:
            message = next(
                p["message"] for p in result.problems if p["message"].startswith("Found invalid")
            )
            return {"message": message}
    if result.kinds & {"empty_key", "duplicate_key"}:
        return DUPLICATE_KEYS_ERROR
    return INVALID_ROWS_ERROR


# -- appendRowsToDataset ------------------------------------------------------------------


def append_rows(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> Task:
    """Start (or find, for the same URL and dataset) an import task."""
    dataset = store.get(session, caller, Dataset, data["dataset_id"])
    url = data["json_file_url"]
    dedupe_key = hashlib.sha256(f"{dataset.id}\n{url}".encode()).hexdigest()
    existing = session.scalars(select(Task).where(Task.dedupe_key == dedupe_key)).first()
    if existing is not None:
        return existing
    try:
        with session.begin_nested():
            task = tasks.create_task(
                session,
                caller,
                kind=tasks.IMPORT,
                name=tasks.IMPORT_TASK_NAME,
                dataset_id=dataset.id,
                dedupe_key=dedupe_key,
            )
            enqueue(
                session,
                JOB_KIND,
                {
                    "dataset_id": dataset.id,
                    "organization_id": caller.organization_id,
                    "user_id": caller.user_id,
                    "source": descriptor_source(storage, url),
                },
                task_id=task.id,
            )
    except IntegrityError:
        existing = session.scalars(select(Task).where(Task.dedupe_key == dedupe_key)).first()
        if existing is None:
            raise
        return existing
    return task


def append_rows_sync(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> Dataset:
    """Import at most 1,000 rows before answering; nothing is created on any error."""
    dataset = store.get(session, caller, Dataset, data["dataset_id"])
    try:
        elements = load_descriptor(storage, descriptor_source(storage, data["json_file_url"]))
    except DescriptorError as error:
        raise MalformedRequest(str(error)) from None
    if len(elements) > SYNC_MAX_ROWS:
        raise MalformedRequest(f"At most {SYNC_MAX_ROWS} data rows can be created at once")
    for element in elements:
        attachments = element.get("attachments") if isinstance(element, Mapping) else None
        if isinstance(attachments, list) and len(attachments) > SYNC_MAX_ATTACHMENTS:
            raise MalformedRequest(
                f"At most {SYNC_MAX_ATTACHMENTS} attachments per data row can be created at once"
            )
    checked = validate(session, caller, storage, elements)
    if checked.error is not None:
        if isinstance(checked.error, dict):
            raise InvalidQuery(checked.error["message"])
        details = "; ".join(f"row {p['index']}: {p['message']}" for p in checked.problems[:20])
        raise MalformedRequest(f"{checked.error} ({details})")
    insert_rows(session, storage, dataset=dataset, user_id=caller.user_id, rows=checked.rows)
    session.flush()
    session.refresh(dataset)
    return dataset


# -- the job ------------------------------------------------------------------------------


def _result_key(task_id: str) -> str:
    return f"tasks/{task_id}/result.json"


def _created_rows(ctx: JobContext, task_id: str) -> Iterator[dict[str, Any]]:
    last = -1
    while True:
        with ctx.sessions.session() as session:
            page = session.execute(
                select(
                    DataRow.import_index,
                    DataRow.id,
                    DataRow.external_id,
                    DataRow.row_data,
                    DataRow.global_key,
                )
                .where(DataRow.import_task_id == task_id, DataRow.import_index > last)
                .order_by(DataRow.import_index)
                .limit(5000)
            ).all()
        if not page:
            return
        for index, row_id, external_id, row_data, global_key in page:
            assert index is not None
            yield {
                "id": row_id,
                "externalId": external_id,
                "rowData": row_data,
                "globalKey": global_key,
            }
            last = index


def _remove_created(session: Session, task_id: str) -> None:
    """Undo a partial import (all or nothing)."""
    created = select(DataRow.id).where(DataRow.import_task_id == task_id)
    counts = session.execute(
        select(DataRow.dataset_id, DataRow.id).where(
            DataRow.import_task_id == task_id, DataRow.deleted.is_(False)
        )
    ).all()
    session.execute(
        delete(DataRowMetadataValue).where(DataRowMetadataValue.data_row_id.in_(created))
    )
    session.execute(delete(Attachment).where(Attachment.data_row_id.in_(created)))
    session.execute(delete(DataRow).where(DataRow.import_task_id == task_id))
    per_dataset: dict[str, int] = {}
    for dataset_id, _ in counts:
        per_dataset[dataset_id] = per_dataset.get(dataset_id, 0) + 1
    now = clock.now()
    for dataset_id, count in per_dataset.items():
        session.execute(
            update(Dataset)
            .where(Dataset.id == dataset_id)
            .values(row_count=Dataset.row_count - count, data_rows_changed_at=now)
        )


def _mark_failed(
    ctx: JobContext, task_id: str, error: Any, problems: Sequence[dict[str, Any]]
) -> None:
    tasks.write_result(ctx.storage, _result_key(task_id), [], problems, error)
    message = error["message"] if isinstance(error, dict) else str(error)
    with ctx.sessions.session(write=True) as session:
        _remove_created(session, task_id)
        now = clock.now()
        session.execute(
            update(Task)
            .where(Task.id == task_id)
            .values(
                status=tasks.FAILED,
                errors=message,
                result_key=_result_key(task_id),
                updated_at=now,
                completed_at=now,
            )
        )
        session.commit()


class ImportHandler:
    """Runs (and resumes) `appendRowsToDataset` imports."""

    def run(self, ctx: JobContext) -> None:
        task_id = ctx.task_id
        assert task_id is not None
        payload = ctx.payload
        with ctx.sessions.session() as session:
            task = session.get(Task, task_id)
            dataset = session.get(Dataset, payload["dataset_id"])
        if task is None or task.status != tasks.IN_PROGRESS:
            return
        if dataset is None or dataset.deleted:
            raise JobFailed("The dataset was deleted")
        try:
            elements = load_descriptor(ctx.storage, payload["source"])
        except DescriptorError as error:
            raise JobFailed(str(error)) from None
        ctx.check_stop()
        with ctx.sessions.session() as session:
            caller = Caller(payload["user_id"], payload["organization_id"])
            checked = validate(session, caller, ctx.storage, elements, task_id=task_id)
        if checked.error is not None:
            _mark_failed(ctx, task_id, checked.error, checked.problems)
            with ctx.sessions.session(write=True) as session:
                ctx.finish(session, "FAILED", str(checked.error))
                session.commit()
            return
        rows, total = checked.rows, max(len(checked.rows), 1)
        for start in range(0, len(rows), BATCH_SIZE):
            ctx.check_stop()
            batch = rows[start : start + BATCH_SIZE]
            with ctx.sessions.session(write=True) as session:
                ctx.checkpoint(session)
                done = set(
                    session.scalars(
                        select(DataRow.import_index).where(
                            DataRow.import_task_id == task_id,
                            DataRow.import_index >= batch[0].index,
                            DataRow.import_index <= batch[-1].index,
                        )
                    )
                )
                todo = [row for row in batch if row.index not in done]
                current = session.get(Dataset, dataset.id)
                if current is None or current.deleted:
                    raise JobFailed("The dataset was deleted")
                try:
                    insert_rows(
                        session,
                        ctx.storage,
                        dataset=current,
                        user_id=payload["user_id"],
                        rows=todo,
                        task_id=task_id,
                    )
                    session.execute(
                        update(Task)
                        .where(Task.id == task_id)
                        .values(
                            completion_percentage=min(99.0, 100.0 * (start + len(batch)) / total),
                            updated_at=clock.now(),
                        )
                    )
                    session.commit()
                except IntegrityError:
                    session.rollback()
                    raise JobFailed(DUPLICATE_KEYS_ERROR) from None
        tasks.write_result(ctx.storage, _result_key(task_id), _created_rows(ctx, task_id), [], None)
        with ctx.sessions.session(write=True) as session:
            ctx.checkpoint(session)
            now = clock.now()
            session.execute(
                update(Task)
                .where(Task.id == task_id)
                .values(
                    status=tasks.COMPLETE,
                    completion_percentage=100.0,
                    result_key=_result_key(task_id),
                    updated_at=now,
                    completed_at=now,
                )
            )
            ctx.finish(session)
            session.commit()

    def fail(self, ctx: JobContext, message: str) -> None:
        if ctx.task_id is not None:
            _mark_failed(ctx, ctx.task_id, message, [])
