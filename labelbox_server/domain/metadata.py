"""Data-row metadata: schemas (reserved and per organization) and values.

Values (`{schemaId, value}`), by the schema's kind:

* String: a string of at most 4,096 characters; Number: a JSON number;
* DateTime: an ISO-8601 string (`Z`, `+00:00`, `+00:00Z`, with or without a fraction; no
  offset means UTC), stored as `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`;
* Embedding: a list of numbers (the reserved `embedding` takes exactly 128, others 1-2,048);
* Enum: the enum's id with `{}` and one option id with `{}`. An option id implies its enum
  (the enum's entry is stored too); an enum needs exactly one option.

A row stores one value per schema id. `metadata_fields` shows one entry per logical field
(an enum as its chosen option's name). Schemas: names are 1-100 characters (stripped) and
unique among the reserved and the organization's schemas; reserved schemas cannot change.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from ..db.models import DataRow, DataRowMetadataValue, MetadataSchema
from ..errors import MalformedRequest, ResourceNotFound
from . import clock, ids, store
from .context import Caller

STRING = "CustomMetadataString"
NUMBER = "CustomMetadataNumber"
DATETIME = "CustomMetadataDateTime"
EMBEDDING = "CustomMetadataEmbedding"
ENUM = "CustomMetadataEnum"
OPTION = "CustomMetadataEnumOption"
TOP_LEVEL_KINDS = (STRING, NUMBER, DATETIME, EMBEDDING, ENUM)

RESERVED_EMBEDDING_ID = "ckpyije740000yxdk81pbgjdc"
EMBEDDING_SIZE = 128
MAX_EMBEDDING_SIZE = 2048
MAX_STRING_LENGTH = 4096
MAX_NAME_LENGTH = 100


class MetadataError(ValueError):
    """A metadata field list or value that is not acceptable (the message says why)."""


@dataclass(frozen=True)
class SchemaInfo:
    """A schema as the validators need it."""

    id: str
    name: str
    kind: str
    parent_id: str | None
    reserved: bool


@dataclass
class Ontology:
    """The schemas an organization can use (reserved ones and its own)."""

    by_id: dict[str, SchemaInfo]
    by_name: dict[str, SchemaInfo] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Custom names are looked up first, then reserved ones (as the official SDK does).
        for info in sorted(self.by_id.values(), key=lambda s: not s.reserved):
            if info.parent_id is None:
                self.by_name[info.name] = info


def load_ontology(session: Session, caller: Caller) -> Ontology:
    """The reserved schemas plus the caller's organization's (not deleted)."""
    rows = session.scalars(
        store.scoped(caller, MetadataSchema).where(MetadataSchema.deleted.is_(False))
    ).all()
    return Ontology(
        {
            row.id: SchemaInfo(row.id, row.name, row.kind, row.parent_id, row.reserved)
            for row in rows
        }
    )


# -- values -------------------------------------------------------------------------------


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
    parsed = parsed.astimezone(timezone.utc)
    fraction = f".{parsed.microsecond:06d}" if parsed.microsecond else ""
    return parsed.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def _is_number(value: Any) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(float(value))
    )


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
        if not _is_number(value):
            raise MetadataError(f"the value of {schema.name} must be a number")
        return value
    if schema.kind == DATETIME:
        return normalize_datetime(value)
    if schema.kind == EMBEDDING:
        if not isinstance(value, list) or not all(_is_number(item) for item in value):
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


# -- the metadata API of data rows --------------------------------------------------------


def _touch_rows(session: Session, rows: Sequence[DataRow]) -> None:
    from .data_rows import touch_datasets

    now = clock.now()
    for row in rows:
        row.updated_at = now
    touch_datasets(session, {row.dataset_id for row in rows}, now)


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
    _touch_rows(session, changed)
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
    _touch_rows(session, changed)
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


# -- schemas ------------------------------------------------------------------------------


@dataclass
class SchemaView:
    """A schema as `CustomMetadataSchema` shows it."""

    id: str
    name: str
    kind: str
    reserved: bool
    options: list[SchemaView] | None


def list_schemas(session: Session, caller: Caller) -> list[SchemaView]:
    """Reserved schemas, then the organization's, each enum with its options."""
    rows = session.scalars(
        store.scoped(caller, MetadataSchema)
        .where(MetadataSchema.deleted.is_(False))
        .order_by(MetadataSchema.reserved.desc(), MetadataSchema.created_at, MetadataSchema.id)
    ).all()
    options: dict[str, list[SchemaView]] = {}
    for row in rows:
        if row.parent_id is not None:
            options.setdefault(row.parent_id, []).append(
                SchemaView(row.id, row.name, row.kind, row.reserved, [])
            )
    # Every schema lists its options, `[]` when it has none: Labelbox's SDK iterates them.
    return [
        SchemaView(row.id, row.name, row.kind, row.reserved, options.get(row.id, []))
        for row in rows
        if row.parent_id is None
    ]


def _clean_name(name: Any, what: str = "name") -> str:
    text = name.strip() if isinstance(name, str) else ""
    if not 1 <= len(text) <= MAX_NAME_LENGTH:
        raise MalformedRequest(f"A schema {what} must be 1 to {MAX_NAME_LENGTH} characters long")
    return text


def _name_taken(session: Session, caller: Caller, name: str, except_id: str | None) -> bool:
    stmt = select(MetadataSchema.id).where(
        MetadataSchema.name == name,
        MetadataSchema.parent_id.is_(None),
        MetadataSchema.deleted.is_(False),
        store.in_scope(caller, MetadataSchema),
    )
    if except_id is not None:
        stmt = stmt.where(MetadataSchema.id != except_id)
    return session.scalars(stmt).first() is not None


def _get_schema(session: Session, caller: Caller, schema_id: str) -> MetadataSchema:
    schema = store.find(session, caller, MetadataSchema, schema_id)
    if schema is None or schema.parent_id is not None:
        raise ResourceNotFound.for_id("Metadata schema", schema_id)
    if schema.reserved or schema.organization_id is None:
        raise MalformedRequest("Reserved metadata schemas cannot be changed")
    return schema


def upsert_schema(session: Session, caller: Caller, data: Mapping[str, Any]) -> SchemaView:
    """Create a schema (no `id`) or rename one and its options (with `id`)."""
    name = _clean_name(data.get("name"))
    kind = data.get("kind")
    if kind not in TOP_LEVEL_KINDS:
        raise MalformedRequest(f"Invalid metadata schema kind {kind}")
    options = list(data.get("options") or [])
    if options and kind != ENUM:
        raise MalformedRequest("Only enum schemas have options")
    option_names = []
    for option in options:
        if option.get("kind") != OPTION:
            raise MalformedRequest(f"Enum options must have kind {OPTION}")
        option_names.append(_clean_name(option.get("name"), "option name"))
    if len(set(option_names)) != len(option_names):
        raise MalformedRequest("Enum option names must be unique")
    now = clock.now()
    schema_id = data.get("id")
    if schema_id is None:
        if _name_taken(session, caller, name, None):
            raise MalformedRequest(f'A metadata schema named "{name}" already exists')
        schema = MetadataSchema(
            id=ids.new_id(),
            organization_id=caller.organization_id,
            parent_id=None,
            name=name,
            kind=kind,
            reserved=False,
            created_at=now,
            updated_at=now,
            deleted=False,
        )
        session.add(schema)
    else:
        schema = _get_schema(session, caller, schema_id)
        if schema.kind != kind:
            raise MalformedRequest("The kind of a metadata schema cannot be changed")
        if _name_taken(session, caller, name, schema.id):
            raise MalformedRequest(f'A metadata schema named "{name}" already exists')
        schema.name = name
        schema.updated_at = now
    existing = {
        option.id: option
        for option in session.scalars(
            select(MetadataSchema).where(
                MetadataSchema.parent_id == schema.id, MetadataSchema.deleted.is_(False)
            )
        )
    }
    for option, option_name in zip(options, option_names, strict=True):
        if option.get("id"):
            current = existing.get(option["id"])
            if current is None:
                raise MalformedRequest(f"{option['id']} is not an option of {name}")
            current.name = option_name
            current.updated_at = now
        else:
            session.add(
                MetadataSchema(
                    id=ids.new_id(),
                    organization_id=caller.organization_id,
                    parent_id=schema.id,
                    name=option_name,
                    kind=OPTION,
                    reserved=False,
                    created_at=now,
                    updated_at=now,
                    deleted=False,
                )
            )
    session.flush()
    view = next(s for s in list_schemas(session, caller) if s.id == schema.id)
    names = [o.name for o in view.options or []]
    if len(set(names)) != len(names):
        raise MalformedRequest("Enum option names must be unique")
    return view


def delete_schema(session: Session, caller: Caller, schema_id: str) -> bool:
    """Soft-delete a custom schema (and its options); its values leave every data row."""
    schema = _get_schema(session, caller, schema_id)
    option_ids = list(
        session.scalars(select(MetadataSchema.id).where(MetadataSchema.parent_id == schema.id))
    )
    all_ids = [schema.id, *option_ids]
    now = clock.now()
    session.execute(
        update(MetadataSchema)
        .where(MetadataSchema.id.in_(all_ids))
        .values(deleted=True, updated_at=now)
    )
    affected = select(DataRowMetadataValue.data_row_id).where(
        DataRowMetadataValue.schema_id.in_(all_ids)
    )
    rows = session.scalars(select(DataRow).where(DataRow.id.in_(affected))).all()
    session.execute(delete(DataRowMetadataValue).where(DataRowMetadataValue.schema_id.in_(all_ids)))
    _touch_rows(session, rows)
    session.flush()
    return True
