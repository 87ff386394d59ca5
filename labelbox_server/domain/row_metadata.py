"""The metadata API of data rows: read, upsert and delete values of many rows at once.

Upsert and delete report only the rows that failed (unknown or foreign rows, invalid
values), with the reason; reading gives one result per requested id, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from ..db.models import DataRow, DataRowMetadataValue
from . import store
from .context import Caller
from .data_row_writes import touch_rows
from .metadata_ontology import ENUM, OPTION, load_ontology
from .metadata_values import (
    MetadataError,
    StoredValue,
    entries_by_row,
    raw_fields,
    upsert_entries,
    validate_fields,
)


def _find_rows(session: Session, caller: Caller, row_ids: Iterable[str]) -> dict[str, DataRow]:
    return store.find_many(session, caller, DataRow, row_ids)


@dataclass(frozen=True)
class RowMetadata:
    """`DataRowCustomMetadataBatchResult`: a data row's values, or why they failed."""

    data_row_id: str
    error: str | None
    fields: list[StoredValue]


def _failure(data_row_id: str, error: str, fields: list[StoredValue]) -> RowMetadata:
    return RowMetadata(data_row_id, error, fields)


def upsert_data_row_metadata(
    session: Session, caller: Caller, items: Sequence[Mapping[str, Any]]
) -> list[RowMetadata]:
    """Upsert each item's fields; returns only the items that failed (with the reason)."""
    ontology = load_ontology(session, caller)
    rows = _find_rows(session, caller, (item["data_row_id"] for item in items))
    failures = []
    changed = []
    for item in items:
        fields = [StoredValue(f["schema_id"], f.get("value")) for f in item["fields"]]
        row = rows.get(item["data_row_id"])
        if row is None:
            failures.append(_failure(item["data_row_id"], "Data row not found", fields))
            continue
        try:
            entries = validate_fields(item["fields"], ontology)
        except MetadataError as error:
            failures.append(_failure(row.id, str(error), fields))
            continue
        upsert_entries(session, row.id, entries, ontology)
        changed.append(row)
    touch_rows(session, changed)
    session.flush()
    return failures


def delete_data_row_metadata(
    session: Session, caller: Caller, items: Sequence[Mapping[str, Any]]
) -> list[RowMetadata]:
    """Remove the given schemas' values (an enum's id removes its option too; an option's id
    removes the enum's entry too). Absent values are no error. Returns only the failures."""
    ontology = load_ontology(session, caller)
    rows = _find_rows(session, caller, (item["data_row_id"] for item in items))
    failures = []
    changed = []
    for item in items:
        schema_ids = list(item["schema_ids"])
        fields = [StoredValue(schema_id, None) for schema_id in schema_ids]
        row = rows.get(item["data_row_id"])
        if row is None:
            failures.append(_failure(item["data_row_id"], "Data row not found", fields))
            continue
        unknown = [schema_id for schema_id in schema_ids if schema_id not in ontology.by_id]
        if unknown:
            failures.append(_failure(row.id, f"unknown metadata schema id {unknown[0]}", fields))
            continue
        removed = set(schema_ids)
        for schema_id in schema_ids:
            schema = ontology.by_id[schema_id]
            if schema.kind == ENUM:
                removed.update(i.id for i in ontology.by_id.values() if i.parent_id == schema_id)
            elif schema.kind == OPTION and schema.parent_id:
                removed.add(schema.parent_id)
        if removed:
            session.execute(
                delete(DataRowMetadataValue).where(
                    DataRowMetadataValue.data_row_id == row.id,
                    DataRowMetadataValue.schema_id.in_(removed),
                )
            )
        changed.append(row)
    touch_rows(session, changed)
    session.flush()
    return failures


def data_row_metadata(
    session: Session, caller: Caller, data_row_ids: Sequence[str]
) -> list[RowMetadata]:
    """One `RowMetadata` per requested id, in order."""
    rows = _find_rows(session, caller, data_row_ids)
    entries = entries_by_row(session, list(rows))
    return [
        RowMetadata(
            row_id,
            None if row_id in rows else "Data row not found",
            raw_fields(entries.get(row_id, [])),
        )
        for row_id in data_row_ids
    ]
