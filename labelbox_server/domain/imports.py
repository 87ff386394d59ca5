"""Data-row imports: `appendRowsToDataset` (a background task) and `appendRowsToDatasetSync`.

Validation comes first and is all or nothing (see `import_descriptors`): any invalid row
fails the whole import, nothing is created, and the result lists every offending row.
`appendRowsToDataset` starts a task (`JSON Import`); the same URL for the same dataset gives
the same task. The task inserts rows in batches tagged (task id, index), so a resumed task
skips what exists. `appendRowsToDatasetSync` (at most 1,000 rows, 5 attachments each) does
it all in the request.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.models import Attachment, DataRow, DataRowMetadataValue, Dataset, Task
from ..db.session import SessionFactory
from ..errors import MalformedRequest
from ..storage import Storage
from . import clock, store, tasks
from .context import Caller
from .data_row_input import InvalidQuery
from .data_row_writes import insert_rows
from .import_descriptors import (
    DUPLICATE_KEYS_ERROR,
    DescriptorError,
    descriptor_source,
    load_descriptor,
    validate,
)

logger = logging.getLogger("labelbox_server.imports")

BATCH_SIZE = 2000

SYNC_MAX_ROWS = 1000

SYNC_MAX_ATTACHMENTS = 5
IMPORT = tasks.TaskKind("import", "JSON Import")


def append_rows(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> Task:
    """Start (or find, for the same URL and dataset) an import task."""
    dataset = store.get(session, caller, Dataset, data["dataset_id"])
    url = data["json_file_url"]
    return tasks.start_task(
        session,
        caller,
        IMPORT,
        payload={"dataset_id": dataset.id, "source": descriptor_source(storage, url)},
        dedupe_key=hashlib.sha256(f"{dataset.id}\n{url}".encode()).hexdigest(),
        subject_id=dataset.id,
    )


def append_rows_sync(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> Dataset:
    """Import at most 1,000 rows before answering; nothing is created on any error.

    The descriptor is read before the request touches the database, so a download (of an
    allow-listed URL) never holds the write lock; in a mutation whose earlier fields wrote
    already, a URL to download is refused."""
    source = descriptor_source(storage, data["json_file_url"])
    if "url" in source and SessionFactory.holds_write_lock(session):
        raise MalformedRequest(
            "appendRowsToDatasetSync downloads its file before writing: send it in a "
            "mutation of its own (or as its first field)"
        )
    try:
        elements = load_descriptor(storage, source)
    except DescriptorError as error:
        raise MalformedRequest(str(error)) from None
    dataset = store.get(session, caller, Dataset, data["dataset_id"])
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


def _result_key(task_id: str) -> str:
    return f"tasks/{task_id}/result.json"


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


def _created_rows(run: tasks.TaskRun) -> Iterator[dict[str, Any]]:
    last = -1
    while True:
        with run.sessions.session() as session:
            page = session.execute(
                select(
                    DataRow.import_index,
                    DataRow.id,
                    DataRow.external_id,
                    DataRow.row_data,
                    DataRow.global_key,
                )
                .where(DataRow.import_task_id == run.task_id, DataRow.import_index > last)
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


@tasks.handles(IMPORT)
class ImportHandler:
    """Runs (and resumes) `appendRowsToDataset` imports."""

    def run(self, run: tasks.TaskRun) -> None:
        with run.sessions.session() as session:
            dataset = store.find(session, run.caller, Dataset, run.payload["dataset_id"])
        if dataset is None:
            raise tasks.TaskFailed("The dataset was deleted")
        try:
            elements = load_descriptor(run.storage, run.payload["source"])
        except DescriptorError as error:
            raise tasks.TaskFailed(str(error)) from None
        run.check_stop()
        with run.sessions.session() as session:
            checked = validate(session, run.caller, run.storage, elements, task_id=run.task_id)
        if checked.error is not None:
            key = _result_key(run.task_id)
            write_result(run.storage, key, [], checked.problems, checked.error)
            problem = checked.error
            message = problem["message"] if isinstance(problem, dict) else str(problem)
            with run.sessions.session(write=True) as session:
                _remove_created(session, run.task_id)
                run.fail(session, message, result_key=key)
                session.commit()
            return
        rows, total = checked.rows, max(len(checked.rows), 1)
        for start in range(0, len(rows), BATCH_SIZE):
            run.check_stop()
            batch = rows[start : start + BATCH_SIZE]
            with run.sessions.session(write=True) as session:
                run.checkpoint(session)
                done = set(
                    session.scalars(
                        select(DataRow.import_index).where(
                            DataRow.import_task_id == run.task_id,
                            DataRow.import_index >= batch[0].index,
                            DataRow.import_index <= batch[-1].index,
                        )
                    )
                )
                todo = [row for row in batch if row.index not in done]
                current = store.find(session, run.caller, Dataset, dataset.id)
                if current is None:
                    raise tasks.TaskFailed("The dataset was deleted")
                try:
                    insert_rows(
                        session,
                        run.storage,
                        dataset=current,
                        user_id=run.user_id,
                        rows=todo,
                        task_id=run.task_id,
                    )
                    run.progress(session, min(99.0, 100.0 * (start + len(batch)) / total))
                    session.commit()
                except IntegrityError:
                    session.rollback()
                    raise tasks.TaskFailed(DUPLICATE_KEYS_ERROR) from None
        key = _result_key(run.task_id)
        write_result(run.storage, key, _created_rows(run), [], None)
        with run.sessions.session(write=True) as session:
            run.complete(session, result_key=key)
            session.commit()

    def cleanup(self, run: tasks.TaskRun, message: str) -> None:
        """Write the result (the error, no rows) and remove the rows created so far."""
        key = _result_key(run.task_id)
        write_result(run.storage, key, [], [], message)
        with run.sessions.session(write=True) as session:
            _remove_created(session, run.task_id)
            session.execute(update(Task).where(Task.id == run.task_id).values(result_key=key))
            session.commit()
