"""`Query.user` and the `User` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Organization, Project, Role, User
from ..domain import organizations, projects, roles, users
from ..domain.pagination import ListArgs
from ..graphql.context import Info, request_context
from .common import snake_case_aliases
from .root import query

user_type = snake_case_aliases(
    ObjectType("User"),
    {
        "intercomHash": "intercom_hash",
        "isViewer": "is_viewer",
        "isExternalUser": "is_external_user",
        "createdAt": "created_at",
        "updatedAt": "updated_at",
    },
)


@query.field("user")
def resolve_user(_root: Any, info: Info, where: dict[str, Any] | None = None) -> User:
    ctx = request_context(info)
    return users.get_user(ctx.session, ctx.caller, where["id"] if where else None)


@user_type.field("organization")
def resolve_organization(user: User, info: Info) -> Organization:
    return organizations.organization_by_id(request_context(info).session, user.organization_id)


@user_type.field("orgRole")
def resolve_org_role(user: User, info: Info) -> Role | None:
    return roles.get_role(request_context(info).session, user.org_role_id)


@user_type.field("projects")
def resolve_projects(user: User, info: Info, **args: Any) -> Sequence[Project]:
    ctx = request_context(info)
    return projects.list_projects(
        ctx.session, ctx.caller, ListArgs.from_graphql(args), member_id=user.id
    )


BINDABLES = [user_type]
