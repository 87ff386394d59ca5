"""Members and invites: `Mutation.setOrganizationRole/setProjectMembership/updateUser/
addMembersToOrganization/createInvites/cancelInvite`, `Query.invitesLimit`,
`Organization.invites`, `Project.invites`, `ProjectMember.accessFrom` and the `Invite` type."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType

from ..db.models import Invite, Organization, Project, Role, User
from ..domain import access, invites, members, users
from ..domain.context import Rank
from ..domain.invites import InvitePage
from ..domain.project_members import Member
from ..errors import ResourceNotFound
from .access import argument, parent_project, requires
from .context import Info, request_context
from .organizations import organization_type
from .projects import project_type
from .root import mutation, query, reads_only_context

invite_type = ObjectType("Invite")
member_type = ObjectType("ProjectMember")


@mutation.field("setOrganizationRole")
@requires(access.MANAGE_ORGANIZATION)
def resolve_set_organization_role(_root: Any, info: Info, data: dict[str, Any]) -> User:
    ctx = request_context(info)
    return members.set_organization_role(ctx.session, ctx.caller, data["user_id"], data["role_id"])


@mutation.field("setProjectMembership")
@requires(access.MANAGE_PROJECT, project=argument("data", "project_id"))
def resolve_set_project_membership(_root: Any, info: Info, data: dict[str, Any]) -> User:
    ctx = request_context(info)
    return members.set_project_membership(
        ctx.session, ctx.caller, data["user_id"], data["role_id"], data["project_id"]
    )


@mutation.field("updateUser")
@requires(access.MANAGE_ORGANIZATION)
def resolve_update_user(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> User:
    ctx = request_context(info)
    return members.remove_user(ctx.session, ctx.caller, where["id"], data)


@mutation.field("addMembersToOrganization")
@requires(access.MANAGE_ORGANIZATION)
def resolve_add_members(_root: Any, info: Info, data: dict[str, Any]) -> list[dict[str, str]]:
    ctx = request_context(info)
    made = members.add_members(
        ctx.session,
        ctx.caller,
        data["emails"],
        data["org_role_id"],
        data.get("project_roles") or [],
    )
    return [{"new_user_id": user.id, "email": user.email} for user in made]


@mutation.field("createInvites")
@requires(access.MANAGE_ORGANIZATION)
def resolve_create_invites(
    _root: Any, info: Info, data: list[dict[str, Any]] | None = None
) -> list[dict[str, Invite | None]]:
    ctx = request_context(info)
    return [
        {"invite": invite} for invite in invites.create_invites(ctx.session, ctx.caller, data or [])
    ]


@mutation.field("cancelInvite")
@requires(access.MANAGE_ORGANIZATION)
def resolve_cancel_invite(_root: Any, info: Info, where: dict[str, Any]) -> Invite:
    ctx = request_context(info)
    return invites.cancel_invite(ctx.session, ctx.caller, where["id"])


@query.field("invitesLimit")
@requires(access.MANAGE_ORGANIZATION)
def resolve_invites_limit(_root: Any, info: Info, where: dict[str, Any]) -> dict[str, int]:
    ctx = request_context(info)
    if where["id"] != ctx.caller.organization_id:
        raise ResourceNotFound.for_id("Organization", where["id"])
    used = members.used_seats(ctx.session, ctx.caller)
    limit = members.seat_limit(ctx.session, ctx.caller)
    return {"used": used, "limit": limit, "remaining": max(limit - used, 0)}


@organization_type.field("invites")
@requires(access.MANAGE_ORGANIZATION)
def resolve_organization_invites(
    _organization: Organization, info: Info, first: int | None = None, **args: Any
) -> InvitePage:
    ctx = request_context(info)
    return invites.list_invites(ctx.session, ctx.caller, after=args.get("from"), first=first)


@project_type.field("invites")
@requires(access.MANAGE_PROJECT, project=parent_project)
def resolve_project_invites(
    project: Project, info: Info, first: int | None = None, **args: Any
) -> InvitePage:
    ctx = request_context(info)
    return invites.list_invites(
        ctx.session, ctx.caller, project_id=project.id, after=args.get("from"), first=first
    )


@invite_type.field("organizationRoleName")
@reads_only_context
def resolve_organization_role_name(invite: Invite, info: Info) -> str:
    role = request_context(info).session.get(Role, invite.organization_role_id)
    return role.name if role is not None else ""


@invite_type.field("inviter")
def resolve_inviter(invite: Invite, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, invite.inviter_id)


@invite_type.field("projectInvites")
def resolve_project_invites_of(invite: Invite, info: Info) -> list[dict[str, str]]:
    session = request_context(info).session
    return [
        {"project_id": project_id, "project_role_name": role.name}
        for project_id, role in invites.project_invites(session, invite)
    ]


@member_type.field("accessFrom")
def resolve_access_from(member: Member, info: Info) -> str:
    role = request_context(info).session.get(Role, member.user.org_role_id or "")
    return "PROJECT" if role is None or role.rank == Rank.NONE else "ORGANIZATION"
