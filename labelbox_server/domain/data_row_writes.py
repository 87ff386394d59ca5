"""Writing data rows in bulk, and keeping their datasets' bookkeeping current.

`insert_rows` bulk-inserts prepared rows with their metadata and attachments and keeps
`datasets.row_count` and `datasets.data_rows_changed_at` current; whoever changes a row
otherwise calls `touch_rows` (or `touch_datasets`), so exports know the dataset changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from ..db.models import Attachment, DataRow, DataRowMetadataValue, Dataset
from ..storage import Storage
from . import clock, ids, store
from .data_row_input import PreparedRow
from .metadata_values import metadata_rows


def touch_rows(session: Session, rows: Sequence[DataRow]) -> None:
    """Record that these rows changed (their `updated_at`, their datasets')."""
    now = clock.now()
    for row in rows:
        row.updated_at = now
    touch_datasets(session, {row.dataset_id for row in rows}, now)


def touch_datasets(session: Session, dataset_ids: Iterable[str], now: datetime) -> None:
    """Record that data rows of these datasets changed."""
    wanted = list(set(dataset_ids))
    if wanted:
        session.execute(
            update(Dataset).where(Dataset.id.in_(wanted)).values(data_rows_changed_at=now)
        )


def insert_rows(
    session: Session,
    storage: Storage,
    *,
    dataset: Dataset,
    user_id: str | None,
    rows: Sequence[PreparedRow],
    task_id: str | None = None,
) -> list[dict[str, Any]]:
    """Insert prepared rows (bulk); returns the inserted `data_rows` values."""
    if not rows:
        return []
    now = clock.now()
    values: list[dict[str, Any]] = []
    metadata: list[dict[str, Any]] = []
    attachments: list[dict[str, Any]] = []
    for row in rows:
        row_id = ids.new_id()
        row_data = row.content.row_data
        if row.content.conversation is not None:
            key = f"conversations/{row_id}.json"
            body = json.dumps(row.content.conversation).encode()
            storage.blobs.put_bytes(key, body, "application/json")
            row_data = storage.stored_url(key, now)
        values.append(
            {
                "id": row_id,
                "organization_id": dataset.organization_id,
                "dataset_id": dataset.id,
                "row_data": row_data,
                "external_id": row.external_id,
                "global_key": row.global_key,
                "media_type": row.content.media_type,
                "media_attributes": row.content.media_attributes,
                "created_by_id": user_id,
                "created_at": now,
                "updated_at": now,
                "deleted": False,
                "import_task_id": task_id,
                "import_index": row.index if task_id is not None else None,
            }
        )
        metadata.extend(metadata_rows(row_id, row.metadata))
        attachments.extend(
            {"id": ids.new_id(), "data_row_id": row_id, "type": t, "value": v, "created_at": now}
            for t, v in row.attachments
        )
    connection = session.connection()  # Core executemany: no ORM bookkeeping
    connection.execute(insert(store.table(DataRow)), values)
    if metadata:
        connection.execute(insert(store.table(DataRowMetadataValue)), metadata)
    if attachments:
        connection.execute(insert(store.table(Attachment)), attachments)
    session.execute(
        update(Dataset)
        .where(Dataset.id == dataset.id)
        .values(row_count=Dataset.row_count + len(values), data_rows_changed_at=now)
    )
    return values
