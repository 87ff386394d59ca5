"""The metadata schemas a caller can use: the reserved ones and their organization's."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..db.models import MetadataSchema
from . import store
from .context import Caller

STRING = "CustomMetadataString"

NUMBER = "CustomMetadataNumber"

DATETIME = "CustomMetadataDateTime"

EMBEDDING = "CustomMetadataEmbedding"

ENUM = "CustomMetadataEnum"

OPTION = "CustomMetadataEnumOption"

TOP_LEVEL_KINDS = (STRING, NUMBER, DATETIME, EMBEDDING, ENUM)


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


def load_ontology(session: Session, caller: Caller, *, deleted: bool = False) -> Ontology:
    """The reserved schemas plus the caller's organization's (not deleted, unless `deleted`)."""
    stmt = store.scoped(caller, MetadataSchema)
    if not deleted:
        stmt = stmt.where(MetadataSchema.deleted.is_(False))
    rows = session.scalars(stmt).all()
    return Ontology(
        {
            row.id: SchemaInfo(row.id, row.name, row.kind, row.parent_id, row.reserved)
            for row in rows
        }
    )
