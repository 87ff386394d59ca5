"""Data-row metadata values: kinds, validation, how stored entries read back.

Values (`{schemaId, value}`), by the schema's kind:

* String: a string of at most 4,096 characters; Number: a JSON number;
* DateTime: an ISO-8601 string (`Z`, `+00:00`, `+00:00Z`, with or without a fraction; no
  offset means UTC), stored as `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`;
* Embedding: a list of numbers (the reserved `embedding` takes exactly 128, others 1-2,048);
* Enum: the enum's id with `{}` and one option id with `{}`. An option id implies its enum
  (the enum's entry is stored too); an enum needs exactly one option.

A row stores one value per schema id. `logical_fields` shows one entry per logical field (an
enum as its chosen option's name).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..db.models import DataRowMetadataValue
from ..values import is_number
from .metadata_ontology import (
    DATETIME,
    EMBEDDING,
    ENUM,
    NUMBER,
    OPTION,
    STRING,
    Ontology,
    SchemaInfo,
)

RESERVED_EMBEDDING_ID = "ckpyije740000yxdk81pbgjdc"

EMBEDDING_SIZE = 128

MAX_EMBEDDING_SIZE = 2048

MAX_STRING_LENGTH = 4096


class MetadataError(ValueError):
    """A metadata field list or value that is not acceptable (the message says why)."""


def normalize_datetime(value: Any) -> str:
    """An ISO-8601 string → `YYYY-MM-DDTHH:MM:SS[.ffffff]Z` (UTC)."""
    if not isinstance(value, str) or not value.strip():
        raise MetadataError("a DateTime value must be an ISO-8601 string")
    text = value.strip()
    if text[-1:] in ("Z", "z"):
        text = text[:-1]
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise MetadataError(f"invalid DateTime value {value!r}") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    try:
        parsed = parsed.astimezone(timezone.utc)
    except OverflowError:
        raise MetadataError(f"DateTime value {value!r} is out of range") from None
    fraction = f".{parsed.microsecond:06d}" if parsed.microsecond else ""
    return f"{parsed.year:04d}" + parsed.strftime("-%m-%dT%H:%M:%S") + fraction + "Z"


def _check_value(schema: SchemaInfo, value: Any) -> Any:
    """The stored form of `value` for `schema` (`MetadataError` if invalid)."""
    if schema.kind == STRING:
        if not isinstance(value, str):
            raise MetadataError(f"the value of {schema.name} must be a string")
        if len(value) > MAX_STRING_LENGTH:
            raise MetadataError(
                f"the value of {schema.name} is longer than {MAX_STRING_LENGTH} characters"
            )
        return value
    if schema.kind == NUMBER:
        if not is_number(value):
            raise MetadataError(f"the value of {schema.name} must be a number")
        return value
    if schema.kind == DATETIME:
        return normalize_datetime(value)
    if schema.kind == EMBEDDING:
        if not isinstance(value, list) or not all(is_number(item) for item in value):
            raise MetadataError(f"the value of {schema.name} must be a list of numbers")
        if schema.id == RESERVED_EMBEDDING_ID and len(value) != EMBEDDING_SIZE:
            raise MetadataError(f"{schema.name} takes exactly {EMBEDDING_SIZE} numbers")
        if not 1 <= len(value) <= MAX_EMBEDDING_SIZE:
            raise MetadataError(f"{schema.name} takes 1 to {MAX_EMBEDDING_SIZE} numbers")
        return value
    if schema.kind in (ENUM, OPTION):
        if value not in (None, {}):
            raise MetadataError(f"the value of enum {schema.name} must be {{}}")
        return {}
    raise MetadataError(f"unsupported metadata kind {schema.kind}")


def validate_fields(fields: Any, ontology: Ontology) -> list[tuple[str, Any]]:
    """The `(schema id, stored value)` entries of a field list, implied enum entries included.

    Items are `{schemaId, value}` (`schema_id`, or a schema `name`, also accepted).
    """
    if fields is None:
        return []
    if not isinstance(fields, list):
        raise MetadataError("metadata fields must be a list")
    entries: dict[str, Any] = {}
    chosen: dict[str, str] = {}  # enum id -> option id
    enums: set[str] = set()
    for item in fields:
        if not isinstance(item, Mapping):
            raise MetadataError("each metadata field must be an object with schemaId and value")
        schema_id = item.get("schemaId", item.get("schema_id"))
        if schema_id is None and isinstance(item.get("name"), str):
            named = ontology.by_name.get(item["name"])
            if named is None:
                raise MetadataError(f"unknown metadata schema name {item['name']!r}")
            schema_id = named.id
        if not isinstance(schema_id, str):
            raise MetadataError("each metadata field needs a schemaId")
        schema = ontology.by_id.get(schema_id)
        if schema is None:
            raise MetadataError(f"unknown metadata schema id {schema_id}")
        if schema_id in entries:
            raise MetadataError(f"duplicate metadata schema id {schema_id} in one data row")
        entries[schema_id] = _check_value(schema, item.get("value"))
        if schema.kind == OPTION:
            assert schema.parent_id is not None
            if schema.parent_id in chosen:
                parent = ontology.by_id[schema.parent_id]
                raise MetadataError(f"more than one option of enum {parent.name}")
            chosen[schema.parent_id] = schema_id
        elif schema.kind == ENUM:
            enums.add(schema_id)
    for enum_id in enums - chosen.keys():
        raise MetadataError(f"enum {ontology.by_id[enum_id].name} needs one of its options")
    result = list(entries.items())
    for enum_id in chosen:
        if enum_id not in entries:
            result.append((enum_id, {}))
    return result


@dataclass(frozen=True)
class StoredValue:
    """`DataRow.customMetadata`: one stored value."""

    schema_id: str
    value: Any


@dataclass(frozen=True)
class LogicalField:
    """`DataRow.metadataFields`: one logical field (an enum as its option's name)."""

    schema_id: str
    name: str
    value: Any
    kind: str


def logical_fields(entries: Iterable[tuple[str, Any]], ontology: Ontology) -> list[LogicalField]:
    """One `LogicalField` per logical field of the stored entries."""
    result = []
    for schema_id, value in entries:
        schema = ontology.by_id.get(schema_id)
        if schema is None or schema.kind == ENUM:
            continue
        if schema.kind == OPTION:
            parent = ontology.by_id.get(schema.parent_id or "")
            if parent is None:
                continue
            result.append(LogicalField(parent.id, parent.name, schema.name, ENUM))
        else:
            result.append(LogicalField(schema.id, schema.name, value, schema.kind))
    return result


def raw_fields(entries: Iterable[tuple[str, Any]]) -> list[StoredValue]:
    """The stored entries as `StoredValue`s."""
    return [StoredValue(schema_id, value) for schema_id, value in entries]


def entries_by_row(
    session: Session, data_row_ids: Sequence[str]
) -> dict[str, list[tuple[str, Any]]]:
    """The stored entries of each data row (ordered by schema id)."""
    result: dict[str, list[tuple[str, Any]]] = {row_id: [] for row_id in data_row_ids}
    for start in range(0, len(data_row_ids), 500):
        chunk = data_row_ids[start : start + 500]
        rows = session.execute(
            select(
                DataRowMetadataValue.data_row_id,
                DataRowMetadataValue.schema_id,
                DataRowMetadataValue.value,
            )
            .where(DataRowMetadataValue.data_row_id.in_(chunk))
            .order_by(DataRowMetadataValue.data_row_id, DataRowMetadataValue.schema_id)
        ).all()
        for row in rows:
            result[row.data_row_id].append((row.schema_id, row.value))
    return result


def metadata_rows(data_row_id: str, entries: Sequence[tuple[str, Any]]) -> list[dict[str, Any]]:
    """Rows for a bulk insert into `data_row_metadata`."""
    return [
        {"data_row_id": data_row_id, "schema_id": schema_id, "value": value}
        for schema_id, value in entries
    ]


def upsert_entries(
    session: Session, data_row_id: str, entries: Sequence[tuple[str, Any]], ontology: Ontology
) -> None:
    """Replace the values of the given schemas (a new enum option replaces the old one)."""
    replaced = {schema_id for schema_id, _ in entries}
    for schema_id, _ in entries:
        schema = ontology.by_id[schema_id]
        if schema.kind in (ENUM, OPTION):
            enum_id = schema.parent_id if schema.kind == OPTION else schema.id
            replaced.update(
                info.id for info in ontology.by_id.values() if info.parent_id == enum_id
            )
    if not entries:
        return
    session.execute(
        delete(DataRowMetadataValue).where(
            DataRowMetadataValue.data_row_id == data_row_id,
            DataRowMetadataValue.schema_id.in_(replaced),
        )
    )
    session.execute(insert(DataRowMetadataValue), metadata_rows(data_row_id, entries))
