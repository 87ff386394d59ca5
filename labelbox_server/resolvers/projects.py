"""`Query.project(s)`, `Mutation.createProject/updateProject` and the `Project` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Dataset, LabelingFrontend, Organization, Project, User
from ..domain import datasets, labeling_frontends, organizations, projects, users
from ..domain.pagination import ListArgs
from ..graphql.context import Info, request_context
from .common import snake_case_aliases
from .root import mutation, query

project_type = snake_case_aliases(
    ObjectType("Project"),
    {
        "createdAt": "created_at",
        "updatedAt": "updated_at",
        "setupComplete": "setup_complete",
        "lastActivityTime": "last_activity_time",
        "queueMode": "queue_mode",
        "autoAuditNumberOfLabels": "auto_audit_number_of_labels",
        "autoAuditPercentage": "auto_audit_percentage",
        "allowedMediaType": "allowed_media_type",
    },
)


@query.field("project")
def resolve_project(_root: Any, info: Info, where: dict[str, Any]) -> Project:
    ctx = request_context(info)
    return projects.get_project(ctx.session, ctx.caller, where["id"])


@query.field("projects")
def resolve_projects(_root: Any, info: Info, **args: Any) -> Sequence[Project]:
    ctx = request_context(info)
    return projects.list_projects(ctx.session, ctx.caller, ListArgs.from_graphql(args))


@mutation.field("createProject")
def resolve_create_project(_root: Any, info: Info, data: dict[str, Any]) -> Project:
    ctx = request_context(info)
    return projects.create_project(ctx.session, ctx.caller, data)


@mutation.field("updateProject")
def resolve_update_project(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> Project:
    ctx = request_context(info)
    return projects.update_project(ctx.session, ctx.caller, where["id"], data)


@project_type.field("createdBy")
def resolve_created_by(project: Project, info: Info) -> User | None:
    return users.user_by_id(request_context(info).session, project.created_by_id)


@project_type.field("organization")
def resolve_organization(project: Project, info: Info) -> Organization:
    return organizations.organization_by_id(request_context(info).session, project.organization_id)


@project_type.field("labelingFrontend")
def resolve_labeling_frontend(project: Project, info: Info) -> LabelingFrontend | None:
    ctx = request_context(info)
    return labeling_frontends.find_labeling_frontend(
        ctx.session, ctx.caller, project.labeling_frontend_id
    )


@project_type.field("datasets")
def resolve_datasets(project: Project, info: Info, **args: Any) -> Sequence[Dataset]:
    ctx = request_context(info)
    return datasets.list_datasets(
        ctx.session, ctx.caller, ListArgs.from_graphql(args), project_id=project.id
    )


BINDABLES = [project_type]
