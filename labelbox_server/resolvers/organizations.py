"""`Query.organization` and the `Organization` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Organization, Project, User
from ..domain import access, organizations, projects, users
from ..domain.pagination import ListArgs
from .access import requires
from .context import Info, request_context
from .root import query

organization_type = ObjectType("Organization")


@query.field("organization")
@requires(access.MEMBER)
def resolve_organization(_root: Any, info: Info) -> Organization:
    ctx = request_context(info)
    return organizations.get_organization(ctx.session, ctx.caller)


@organization_type.field("users")
def resolve_users(_org: Organization, info: Info, **args: Any) -> Sequence[User]:
    ctx = request_context(info)
    return users.list_users(ctx.session, ctx.caller, ListArgs.from_args(args))


@organization_type.field("projects")
def resolve_projects(_org: Organization, info: Info, **args: Any) -> Sequence[Project]:
    ctx = request_context(info)
    return projects.list_projects(ctx.session, ctx.caller, ListArgs.from_args(args))
