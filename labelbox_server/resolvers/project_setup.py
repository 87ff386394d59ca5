"""Project setup: `Mutation.project` (the namespace of per-project changes) and its
`connectOntology`, `Mutation.createLabelingFrontendOptions` / `setProjectInstructions`,
`Project.labelingFrontendOptions` and the `LabelingFrontendOptions` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import LabelingFrontend, LabelingFrontendOptions, Organization, Project
from ..domain import access, organizations, project_setup, store
from ..domain.pagination import ListArgs
from .access import argument, requires
from .context import Info, request_context
from .root import mutation, reads_only_context

project_type = ObjectType("Project")
project_mutations = ObjectType("ProjectMutations")
options_type = ObjectType("LabelingFrontendOptions")


@mutation.field("project")
@requires(access.MANAGE_PROJECT, project=argument("where", "id"))
def resolve_project_mutations(_root: Any, info: Info, where: dict[str, Any]) -> Project:
    """The project whose `ProjectMutations` field is selected."""
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Project, where["id"])


@project_mutations.field("connectOntology")
def resolve_connect_ontology(project: Project, info: Info, ontology_id: str) -> Project:
    ctx = request_context(info)
    return project_setup.connect_ontology(ctx.session, ctx.caller, project, ontology_id)


@mutation.field("createLabelingFrontendOptions")
@requires(access.MANAGE_PROJECT, project=argument("data", "project", "connect", "id"))
def resolve_create_options(_root: Any, info: Info, data: dict[str, Any]) -> LabelingFrontendOptions:
    ctx = request_context(info)
    return project_setup.create_frontend_options(ctx.session, ctx.caller, data)


@mutation.field("setProjectInstructions")
@requires(access.MANAGE_PROJECT, project=argument("where", "id"))
def resolve_set_instructions(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> Project:
    ctx = request_context(info)
    return project_setup.set_instructions(
        ctx.session, ctx.caller, where["id"], data["instructions_url"]
    )


@project_type.field("labelingFrontendOptions")
def resolve_options(project: Project, info: Info, **args: Any) -> Sequence[LabelingFrontendOptions]:
    ctx = request_context(info)
    return project_setup.list_frontend_options(
        ctx.session, ctx.caller, project.id, ListArgs.from_args(args)
    )


@options_type.field("project")
@reads_only_context
def resolve_options_project(options: LabelingFrontendOptions, info: Info) -> Project:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Project, options.project_id, deleted=True)


@options_type.field("labelingFrontend")
@reads_only_context
def resolve_options_frontend(options: LabelingFrontendOptions, info: Info) -> LabelingFrontend:
    ctx = request_context(info)
    return store.get(
        ctx.session, ctx.caller, LabelingFrontend, options.labeling_frontend_id, deleted=True
    )


@options_type.field("organization")
@reads_only_context
def resolve_options_organization(_options: LabelingFrontendOptions, info: Info) -> Organization:
    ctx = request_context(info)
    return organizations.get_organization(ctx.session, ctx.caller)
