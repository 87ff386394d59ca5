"""Data rows: create, read, update, soft delete, list (offset pages), look up by external id."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..db.models import DataRow, Dataset
from ..errors import MalformedRequest, ResourceConflict
from ..storage import Storage
from . import clock, global_keys, ids, media, store
from .context import Caller
from .data_row_input import MAX_EXTERNAL_ID_LENGTH, InvalidQuery, RowError, RowInput, prepare_row
from .data_row_writes import insert_rows, touch_datasets
from .metadata_ontology import load_ontology
from .metadata_values import MetadataError, upsert_entries, validate_fields
from .pagination import ListArgs, apply_list_args


def _check_key_free(
    session: Session, caller: Caller, key: str | None, row_id: str | None = None
) -> None:
    if key is None:
        return
    holder = global_keys.holders(session, caller, [key]).get(key)
    if holder is not None and holder.id != row_id:
        raise ResourceConflict(f'Global key "{key}" is already in use')


def create_data_row(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> DataRow:
    """`createDataRow`: one row in a dataset of the caller's organization."""
    dataset = store.get(session, caller, Dataset, data["dataset"]["connect"]["id"])
    row_input = RowInput(
        row_data=data["row_data"],
        media_type=data.get("media_type"),
        external_id=data.get("external_id"),
        global_key=data.get("global_key"),
        metadata_fields=data.get("metadata_fields"),
        attachments=data.get("attachments"),
    )
    try:
        prepared = prepare_row(row_input, load_ontology(session, caller), storage)
    except RowError as error:
        raise error.api_error() from None
    _check_key_free(session, caller, prepared.global_key)
    (values,) = insert_rows(
        session, storage, dataset=dataset, user_id=caller.user_id, rows=[prepared]
    )
    session.flush()
    row = session.get(DataRow, values["id"])
    assert row is not None
    return row


def update_data_row(
    session: Session, caller: Caller, storage: Storage, data_row_id: str, data: Mapping[str, Any]
) -> DataRow:
    """`updateDataRow`: externalId, rowData, globalKey, mediaType, metadataFields."""
    row = store.get(session, caller, DataRow, data_row_id)
    for key in ("row_data", "media_type"):
        if key in data and data[key] is None:
            raise MalformedRequest.null_field(key)
    if "external_id" in data:
        external_id = data["external_id"]
        if external_id is not None and len(external_id) > MAX_EXTERNAL_ID_LENGTH:
            raise MalformedRequest(f"externalId is longer than {MAX_EXTERNAL_ID_LENGTH} characters")
    new_key = row.global_key
    if "global_key" in data:
        new_key = None if data["global_key"] is None else global_keys.sanitize(data["global_key"])
        reason = global_keys.problem(new_key) if new_key is not None else None
        if reason:
            raise MalformedRequest(reason)
        _check_key_free(session, caller, new_key, row.id)
    content = None
    if "row_data" in data or "media_type" in data:
        raw = data.get("row_data", row.row_data)
        media_type = data.get("media_type", row.media_type if "row_data" not in data else None)
        try:
            content = media.interpret(raw, media_type, storage)
        except (media.InvalidContents, media.InvalidMediaType) as error:
            raise InvalidQuery(str(error)) from None
    ontology = load_ontology(session, caller)
    entries = None
    if data.get("metadata_fields") is not None:
        try:
            entries = validate_fields(data["metadata_fields"], ontology)
        except MetadataError as error:
            raise MalformedRequest(f"Invalid metadata: {error}") from None

    now = clock.now()
    if "external_id" in data:
        row.external_id = data["external_id"]
    if "global_key" in data:
        row.global_key = new_key
    if content is not None:
        row.row_data = content.row_data
        row.media_type = content.media_type
        row.media_attributes = content.media_attributes
        if content.conversation is not None:
            key = f"conversations/{row.id}-{ids.new_id()}.json"
            storage.blobs.put_bytes(
                key, json.dumps(content.conversation).encode(), "application/json"
            )
            row.row_data = storage.stored_url(key, now)
    if entries is not None:
        upsert_entries(session, row.id, entries, ontology)
    row.updated_at = now
    touch_datasets(session, [row.dataset_id], now)
    session.flush()
    return row


def delete_data_rows(
    session: Session, caller: Caller, data_row_ids: Sequence[str]
) -> list[DataRow]:
    """Soft-delete the caller's rows among `data_row_ids` (others are ignored)."""
    deleted = list(store.find_many(session, caller, DataRow, data_row_ids).values())
    now = clock.now()
    per_dataset: dict[str, int] = {}
    for row in deleted:
        row.deleted = True
        row.updated_at = now
        per_dataset[row.dataset_id] = per_dataset.get(row.dataset_id, 0) + 1
    for dataset_id, count in per_dataset.items():
        session.execute(
            update(Dataset)
            .where(Dataset.id == dataset_id)
            .values(row_count=Dataset.row_count - count, data_rows_changed_at=now)
        )
    session.flush()
    return deleted


def list_data_rows(
    session: Session, caller: Caller, dataset_id: str, args: ListArgs
) -> Sequence[DataRow]:
    """`Dataset.dataRows`: offset pages, filters, orderBy (default: id, i.e. creation)."""
    stmt = store.scoped(caller, DataRow).where(DataRow.dataset_id == dataset_id)
    stmt = apply_list_args(stmt, args, DataRow, default_order=[DataRow.id])
    return store.rows(session, stmt)


def external_ids_to_data_row_ids(
    session: Session, caller: Caller, external_ids: Sequence[str]
) -> list[tuple[str, str]]:
    """`(data row id, external id)` of every non-deleted row with one of the external ids,
    in creation order."""
    wanted = list(dict.fromkeys(external_ids))
    found: list[tuple[datetime, str, str]] = []
    for start in range(0, len(wanted), 500):
        found.extend(
            (row.created_at, row.id, row.external_id)
            for row in session.execute(
                store.scoped(caller, DataRow)
                .with_only_columns(DataRow.created_at, DataRow.id, DataRow.external_id)
                .where(
                    DataRow.external_id.in_(wanted[start : start + 500]),
                    DataRow.deleted.is_(False),
                )
            )
        )
    found.sort()
    return [(row_id, external_id) for _, row_id, external_id in found]
