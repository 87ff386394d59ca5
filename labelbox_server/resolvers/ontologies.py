"""`Query.ontology(ies)`, `Query.rootSchemaNode(s)`, `Mutation.upsertOntology` /
`upsertRootSchemaNode`, and the `Ontology` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import FeatureSchema, Ontology, Project, User
from ..domain import access, ontologies, projects, store, users
from ..domain.pagination import ListArgs
from .access import requires
from .context import Info, request_context
from .root import mutation, query

ontology_type = ObjectType("Ontology")


def _search(where: dict[str, Any] | None) -> str | None:
    search = (where or {}).get("search")
    return search if isinstance(search, str) else None


@query.field("ontology")
@requires(access.READ_CATALOG)
def resolve_ontology(_root: Any, info: Info, where: dict[str, Any]) -> Ontology:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Ontology, where["id"])


@query.field("ontologies")
@requires(access.READ_CATALOG)
def resolve_ontologies(
    _root: Any,
    info: Info,
    where: dict[str, Any] | None = None,
    after: str | None = None,
    first: int | None = None,
) -> dict[str, Any]:
    ctx = request_context(info)
    found, cursor = ontologies.search_ontologies(
        ctx.session, ctx.caller, _search(where), after, first
    )
    return {"nodes": found, "next_cursor": cursor}


@query.field("rootSchemaNode")
@requires(access.READ_CATALOG)
def resolve_root_schema_node(_root: Any, info: Info, where: dict[str, Any]) -> FeatureSchema:
    ctx = request_context(info)
    return ontologies.get_feature_schema(ctx.session, ctx.caller, where["feature_schema_id"])


@query.field("rootSchemaNodes")
@requires(access.READ_CATALOG)
def resolve_root_schema_nodes(
    _root: Any,
    info: Info,
    where: dict[str, Any] | None = None,
    after: str | None = None,
    first: int | None = None,
) -> dict[str, Any]:
    ctx = request_context(info)
    found, cursor = ontologies.search_feature_schemas(
        ctx.session, ctx.caller, _search(where), after, first
    )
    return {"nodes": found, "next_cursor": cursor}


@mutation.field("upsertOntology")
@requires(access.EDIT_CATALOG)
def resolve_upsert_ontology(_root: Any, info: Info, data: dict[str, Any]) -> Ontology:
    ctx = request_context(info)
    return ontologies.create_ontology(
        ctx.session,
        ctx.caller,
        name=data["name"],
        normalized=data["normalized"],
        media_type=data.get("media_type"),
    )


@mutation.field("upsertRootSchemaNode")
@requires(access.EDIT_CATALOG)
def resolve_upsert_root_schema_node(_root: Any, info: Info, data: dict[str, Any]) -> FeatureSchema:
    ctx = request_context(info)
    return ontologies.upsert_feature_schema(ctx.session, ctx.caller, data["normalized"])


@ontology_type.field("options")
def resolve_options(ontology: Ontology, _info: Info) -> Any:
    return ontology.normalized


@ontology_type.field("createdBy")
def resolve_created_by(ontology: Ontology, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, ontology.created_by_id)


@ontology_type.field("projects")
def resolve_projects(ontology: Ontology, info: Info, **args: Any) -> Sequence[Project]:
    ctx = request_context(info)
    return projects.list_projects(
        ctx.session, ctx.caller, ListArgs.from_args(args), ontology_id=ontology.id
    )
