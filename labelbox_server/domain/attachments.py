"""Data-row attachments: create, delete (the data row must be in the caller's organization),
and read them for many rows at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Attachment, DataRow
from ..errors import MalformedRequest, ResourceNotFound
from ..storage import Storage
from . import clock, ids, store
from .context import Caller
from .data_row_input import RowError, check_attachments
from .data_row_writes import touch_datasets


def create_attachment(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> Attachment:
    """`createDataRowAttachment(data: {type, value, dataRowId})`; a value that is one of our
    upload URLs is stored as the long-lived URL of its file."""
    row = store.get(session, caller, DataRow, data["data_row_id"])
    try:
        ((kind, value),) = check_attachments([{"type": data["type"], "value": data["value"]}])
    except RowError as error:
        raise MalformedRequest(error.message) from None
    now = clock.now()
    value = storage.lasting_url(value)
    attachment = Attachment(
        id=ids.new_id(), data_row_id=row.id, type=kind, value=value, created_at=now
    )
    session.add(attachment)
    row.updated_at = now
    touch_datasets(session, [row.dataset_id], now)
    session.flush()
    return attachment


def delete_attachment(session: Session, caller: Caller, attachment_id: str) -> Attachment:
    """`deleteDataRowAttachment(where: {id})`; returns the deleted attachment."""
    attachment = session.get(Attachment, attachment_id)
    row = store.find(session, caller, DataRow, attachment.data_row_id) if attachment else None
    if attachment is None or row is None:
        raise ResourceNotFound.for_id("AssetAttachment", attachment_id)
    now = clock.now()
    session.delete(attachment)
    row.updated_at = now
    touch_datasets(session, [row.dataset_id], now)
    session.flush()
    return attachment


def attachments_by_row(
    session: Session, data_row_ids: Sequence[str]
) -> dict[str, list[Attachment]]:
    """The attachments of each data row, oldest first."""
    result: dict[str, list[Attachment]] = {row_id: [] for row_id in data_row_ids}
    for start in range(0, len(data_row_ids), 500):
        for attachment in session.scalars(
            select(Attachment)
            .where(Attachment.data_row_id.in_(data_row_ids[start : start + 500]))
            .order_by(Attachment.created_at, Attachment.id)
        ):
            result[attachment.data_row_id].append(attachment)
    return result
