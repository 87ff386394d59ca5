"""Ontologies and feature schemas: create, read, search, and the ids of their nodes.

* `create_ontology` (`upsertOntology`): the normalized JSON (see `ontology_json`) is stored
  in canonical form with ids on every node: a node carrying the `featureSchemaId` of one of
  the organization's feature schemas of its kind keeps it, every other node gets a new
  feature schema (so later ontologies can reuse it), and every node a new `schemaNodeId`.
* `upsert_feature_schema` (`upsertRootSchemaNode`): one tool or classification; with the
  `featureSchemaId` of an existing top-level one it replaces its definition, else creates it.
  Feature schemas carry `featureSchemaId` on every node and a null `schemaNodeId`.
* Searches (`ontologies`, `rootSchemaNodes`) match a case-insensitive substring of the name
  and page oldest first by cursor.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, insert, literal, select
from sqlalchemy.orm import Session

from ..db.models import FeatureSchema, Ontology, Project
from ..errors import MalformedRequest, ResourceNotFound
from . import clock, ids, keyset, store
from .context import Caller
from .media import check_media_type
from .ontology_json import (
    Node,
    canonical_feature,
    canonical_ontology,
    feature_nodes,
    nodes,
    parse_text,
)


def create_ontology(
    session: Session,
    caller: Caller,
    *,
    name: str,
    normalized: Any,
    media_type: str | None = None,
    derived: bool = False,
) -> Ontology:
    """A new ontology from normalized JSON (an object, or JSON text)."""
    if isinstance(normalized, str):
        normalized = parse_text(normalized, "normalized")
    if not name or not name.strip():
        raise MalformedRequest("name: expected a non-empty string")
    media = _media_type(media_type)
    tree = canonical_ontology(normalized)
    now = clock.now()
    _assign_ids(session, caller, list(nodes(tree)), now, schema_nodes=True)
    ontology = Ontology(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        created_by_id=caller.user_id,
        name=name,
        description="",
        normalized=tree,
        object_schema_count=len(tree["tools"]),
        classification_schema_count=len(tree["classifications"]),
        media_type=media,
        derived=derived,
        created_at=now,
        updated_at=now,
        deleted=False,
    )
    session.add(ontology)
    session.flush()
    return ontology


def upsert_feature_schema(session: Session, caller: Caller, normalized_text: str) -> FeatureSchema:
    """Create a top-level feature schema, or replace the definition of the one whose
    `featureSchemaId` the JSON carries."""
    kind, tree = canonical_feature(parse_text(normalized_text, "normalized"))
    now = clock.now()
    given = tree["featureSchemaId"]
    existing = None
    if given is not None:
        existing = store.find(session, caller, FeatureSchema, given)
        if existing is None or not existing.root or existing.kind != kind:
            raise MalformedRequest(
                f"normalized.featureSchemaId: feature schema {given!r} not found"
            )
    found = list(feature_nodes(kind, tree, "normalized"))
    _assign_ids(session, caller, found[1:], now, schema_nodes=False)
    tree["schemaNodeId"] = None
    if existing is None:
        _assign_ids(session, caller, found[:1], now, schema_nodes=False)
        return store.get(session, caller, FeatureSchema, tree["featureSchemaId"])
    existing.normalized = tree
    existing.name = found[0].name
    existing.updated_at = now
    session.flush()
    return existing


def get_feature_schema(session: Session, caller: Caller, feature_schema_id: str) -> FeatureSchema:
    """A top-level feature schema (`RESOURCE_NOT_FOUND` otherwise)."""
    found = store.find(session, caller, FeatureSchema, feature_schema_id)
    if found is None or not found.root:
        raise ResourceNotFound.for_id("FeatureSchema", feature_schema_id)
    return found


def search_ontologies(
    session: Session, caller: Caller, search: str | None, after: str | None, first: int | None
) -> tuple[list[Ontology], str | None]:
    """The organization's ontologies whose name contains `search`, one page."""
    stmt = store.scoped(caller, Ontology).where(Ontology.deleted.is_(False))
    if search:
        stmt = stmt.where(_contains_folded(Ontology.name, search))
    return keyset.page(session, stmt, Ontology, after=after, first=first)


def search_feature_schemas(
    session: Session, caller: Caller, search: str | None, after: str | None, first: int | None
) -> tuple[list[FeatureSchema], str | None]:
    """The organization's top-level feature schemas whose name contains `search`, one page."""
    stmt = store.scoped(caller, FeatureSchema).where(
        FeatureSchema.root.is_(True), FeatureSchema.deleted.is_(False)
    )
    if search:
        stmt = stmt.where(_contains_folded(FeatureSchema.name, search))
    return keyset.page(session, stmt, FeatureSchema, after=after, first=first)


def projects_using(session: Session, ontology_id: str) -> int:
    """How many live projects use the ontology."""
    count = session.scalar(
        select(func.count())
        .select_from(Project)
        .where(Project.ontology_id == ontology_id, Project.deleted.is_(False))
    )
    return int(count or 0)


# -- ids ------------------------------------------------------------------------------------


def _assign_ids(
    session: Session, caller: Caller, found: Sequence[Node], now: datetime, *, schema_nodes: bool
) -> None:
    """Give every node its `featureSchemaId` (kept when it names one of the caller's feature
    schemas of the node's kind, new otherwise) and, with `schema_nodes`, a new
    `schemaNodeId` (else null). New feature schemas are stored."""
    given: dict[str, Node] = {}
    for node in found:
        feature_id = node.node["featureSchemaId"]
        if feature_id is None:
            continue
        if feature_id in given:
            raise MalformedRequest(
                f"{node.path}.featureSchemaId: {feature_id!r} is also used by {given[feature_id].path}"
            )
        given[feature_id] = node
    existing = store.find_many(session, caller, FeatureSchema, list(given))
    for feature_id, node in given.items():
        schema = existing.get(feature_id)
        if schema is None or schema.kind != node.kind:
            raise MalformedRequest(
                f"{node.path}.featureSchemaId: feature schema {feature_id!r} not found"
            )
    new: list[Node] = []
    for node in found:
        if node.node["featureSchemaId"] is None:
            node.node["featureSchemaId"] = ids.new_id()
            new.append(node)
        node.node["schemaNodeId"] = ids.new_id() if schema_nodes else None
    if new:
        session.execute(
            insert(store.table(FeatureSchema)),
            [_feature_row(caller, node, now) for node in new],
        )


def _feature_row(caller: Caller, node: Node, now: datetime) -> dict[str, Any]:
    definition = copy.deepcopy(node.node)
    for child in feature_nodes(node.kind, definition, node.path):
        child.node["schemaNodeId"] = None
    return {
        "id": definition["featureSchemaId"],
        "organization_id": caller.organization_id,
        "created_by_id": caller.user_id,
        "kind": node.kind,
        "root": node.root,
        "name": node.name,
        "normalized": definition,
        "created_at": now,
        "updated_at": now,
        "deleted": False,
    }


def _media_type(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return check_media_type(value)
    except ValueError as error:
        raise MalformedRequest(str(error)) from None


def _contains_folded(column: Any, text: str) -> ColumnElement[bool]:
    """`column` contains `text`, ignoring ASCII letter case (as SQL `lower()` on both
    databases); `replace()` is exact where LIKE would treat `%` and `_` specially."""
    folded = func.lower(column)
    return func.replace(folded, literal(text.lower()), literal("")) != folded


def counts(normalized: Mapping[str, Any]) -> tuple[int, int]:
    """(tools, top-level classifications) of a canonical ontology."""
    return len(normalized.get("tools", [])), len(normalized.get("classifications", []))
