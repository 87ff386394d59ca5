"""`Query.user` and the `User` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Organization, Project, Role, User
from ..domain import access, organizations, projects, roles, users
from ..domain.pagination import ListArgs
from .access import requires
from .context import Info, request_context
from .root import query

user_type = ObjectType("User")


@query.field("user")
@requires(access.MEMBER)
def resolve_user(_root: Any, info: Info, where: dict[str, Any] | None = None) -> User:
    ctx = request_context(info)
    return users.get_user(ctx.session, ctx.caller, where["id"] if where else None)


@user_type.field("organization")
def resolve_organization(_user: User, info: Info) -> Organization:
    ctx = request_context(info)
    return organizations.get_organization(ctx.session, ctx.caller)


@user_type.field("orgRole")
def resolve_org_role(user: User, info: Info) -> Role | None:
    return roles.get_role(request_context(info).session, user.org_role_id)


@user_type.field("projects")
def resolve_projects(user: User, info: Info, **args: Any) -> Sequence[Project]:
    ctx = request_context(info)
    return projects.list_projects(
        ctx.session, ctx.caller, ListArgs.from_args(args), member_id=user.id
    )
