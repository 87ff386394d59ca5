"""`Query.project(s)`, `Mutation.createProject/updateProject` and the `Project` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Dataset, LabelingFrontend, Ontology, Organization, Project, User
from ..domain import access, datasets, organizations, projects, store, users
from ..domain.pagination import ListArgs
from .access import argument, requires
from .context import Info, request_context
from .root import mutation, query

project_type = ObjectType("Project")


@query.field("project")
@requires(access.MEMBER)
def resolve_project(_root: Any, info: Info, where: dict[str, Any]) -> Project:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Project, where["id"])


@query.field("projects")
@requires(access.MEMBER)
def resolve_projects(_root: Any, info: Info, **args: Any) -> Sequence[Project]:
    ctx = request_context(info)
    return projects.list_projects(ctx.session, ctx.caller, ListArgs.from_args(args))


@mutation.field("createProject")
@requires(access.CREATE_PROJECT)
def resolve_create_project(_root: Any, info: Info, data: dict[str, Any]) -> Project:
    ctx = request_context(info)
    return projects.create_project(ctx.session, ctx.caller, data)


@mutation.field("updateProject")
@requires(access.MANAGE_PROJECT, project=argument("where", "id"))
def resolve_update_project(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> Project:
    ctx = request_context(info)
    return projects.update_project(ctx.session, ctx.caller, where["id"], data)


@project_type.field("createdBy")
def resolve_created_by(project: Project, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, project.created_by_id)


@project_type.field("organization")
def resolve_organization(_project: Project, info: Info) -> Organization:
    ctx = request_context(info)
    return organizations.get_organization(ctx.session, ctx.caller)


@project_type.field("labelingFrontend")
def resolve_labeling_frontend(project: Project, info: Info) -> LabelingFrontend | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, LabelingFrontend, project.labeling_frontend_id)


@project_type.field("ontology")
def resolve_ontology(project: Project, info: Info) -> Ontology | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, Ontology, project.ontology_id)


@project_type.field("datasets")
def resolve_datasets(project: Project, info: Info, **args: Any) -> Sequence[Dataset]:
    ctx = request_context(info)
    return datasets.list_datasets(
        ctx.session, ctx.caller, ListArgs.from_args(args), project_id=project.id
    )
