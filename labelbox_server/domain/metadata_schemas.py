"""Metadata schemas: the ontology as the API lists it, creating, renaming and deleting them.

Names are 1-100 characters (stripped) and unique among the reserved and the organization's
schemas; reserved schemas cannot change. Deleting a schema removes its values from every
data row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..db.models import DataRow, DataRowMetadataValue, MetadataSchema
from ..errors import MalformedRequest, ResourceNotFound
from . import clock, ids, store
from .context import Caller
from .data_row_writes import touch_rows
from .metadata_ontology import ENUM, OPTION, TOP_LEVEL_KINDS

MAX_NAME_LENGTH = 100


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
    touch_rows(session, rows)
    session.flush()
    return True
