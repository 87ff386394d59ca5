"""Members of an organization and their roles: organization roles, project roles of
project-based users, removing users, adding users directly.

* `set_organization_role`: any role; the organization keeps at least one admin.
* `set_project_membership`: for project-based users (organization role None) only; the
  None role removes them from the project. Nobody grants a role above their own in it.
* `remove_user` (`updateUser(data: {deleted: true})`): the user's keys stop working at
  once; nobody removes themselves.
* `add_members`: users made at once (no invite), counted against the invite limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..db.models import Invite, Organization, Project, ProjectMember, Role, User
from ..errors import AuthorizationError, MalformedRequest, OperationNotAllowed
from . import clock, store, users
from .context import Caller, Rank
from .roles import ADMIN, require_role, role_id_by_name

#: What `inviteeEmail` / `emails` must look like.
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def check_email(email: Any, argument: str) -> str:
    """`email` if it is an email address, else `MALFORMED_REQUEST` naming `argument`."""
    if not isinstance(email, str) or len(email) > 320 or not EMAIL.match(email):
        raise MalformedRequest(f"{argument}: {email!r} is not an email address")
    return email.lower()


def set_organization_role(session: Session, caller: Caller, user_id: str, role_id: str) -> User:
    """Give a user of the organization another organization role."""
    user = store.get(session, caller, User, user_id)
    role = require_role(session, role_id)
    admin_id = role_id_by_name(session, ADMIN)
    if user.org_role_id == admin_id and role.id != admin_id and _admins(session, caller) <= 1:
        raise OperationNotAllowed("The organization must keep at least one admin")
    user.org_role_id = role.id
    user.updated_at = clock.now()
    session.flush()
    return user


def _admins(session: Session, caller: Caller) -> int:
    admin_id = role_id_by_name(session, ADMIN)
    return (
        session.scalar(
            select(func.count())
            .select_from(User)
            .where(
                store.in_scope(caller, User), User.deleted.is_(False), User.org_role_id == admin_id
            )
        )
        or 0
    )


def set_project_membership(
    session: Session, caller: Caller, user_id: str, role_id: str, project_id: str
) -> User:
    """Give a project-based user a role in a project (None removes them from it)."""
    user = store.get(session, caller, User, user_id)
    project = store.get(session, caller, Project, project_id)
    role = require_role(session, role_id)
    org_role = session.get(Role, user.org_role_id) if user.org_role_id else None
    if org_role is not None and org_role.rank != Rank.NONE:
        raise MalformedRequest(
            f'userId: user "{user.id}" has the organization role {org_role.name}, so it has '
            "that role in every project; only project-based users (role None) get project roles"
        )
    if role.rank > caller.rank_in(project.id):
        raise AuthorizationError(
            f"You cannot give the {Rank(role.rank).key} role: it is above yours in the project"
        )
    membership = session.get(ProjectMember, (project.id, user.id))
    if role.rank == Rank.NONE:
        if membership is not None:
            session.delete(membership)
    elif membership is None:
        session.add(
            ProjectMember(
                project_id=project.id, user_id=user.id, role_id=role.id, created_at=clock.now()
            )
        )
    else:
        membership.role_id = role.id
    session.flush()
    return user


def remove_user(session: Session, caller: Caller, user_id: str, data: Mapping[str, Any]) -> User:
    """`updateUser`: `deleted: true` removes the user from the organization."""
    user = store.get(session, caller, User, user_id)
    if data.get("deleted"):
        if user.id == caller.user_id:
            raise OperationNotAllowed("You cannot remove yourself from the organization")
        user.deleted = True
        session.execute(delete(ProjectMember).where(ProjectMember.user_id == user.id))
    user.updated_at = clock.now()
    session.flush()
    return user


def used_seats(session: Session, caller: Caller) -> int:
    """Members plus pending invites."""
    members = session.scalar(
        select(func.count())
        .select_from(User)
        .where(store.in_scope(caller, User), User.deleted.is_(False))
    )
    pending = session.scalar(
        select(func.count())
        .select_from(Invite)
        .where(
            store.in_scope(caller, Invite),
            Invite.deleted.is_(False),
            Invite.accepted_at.is_(None),
        )
    )
    return (members or 0) + (pending or 0)


def seat_limit(session: Session, caller: Caller) -> int:
    organization = session.get(Organization, caller.organization_id)
    return organization.invite_limit if organization is not None else 0


def check_seats(session: Session, caller: Caller, wanted: int) -> None:
    """`OPERATION_NOT_ALLOWED` unless `wanted` more members fit in the invite limit."""
    used, limit = used_seats(session, caller), seat_limit(session, caller)
    if used + wanted > limit:
        raise OperationNotAllowed(
            f"Invite limit reached: the organization has {used} of {limit} members and "
            f"pending invites, so {wanted} more do not fit"
        )


def add_members(
    session: Session,
    caller: Caller,
    emails: Sequence[str],
    org_role_id: str,
    project_roles: Sequence[Mapping[str, Any]] = (),
) -> list[User]:
    """New users with this organization role (and project roles), made at once."""
    checked = [check_email(email, f"emails[{n}]") for n, email in enumerate(emails)]
    role = require_role(session, org_role_id, argument="orgRoleId")
    memberships = [
        (
            store.get(session, caller, Project, item["project_id"]).id,
            require_role(session, item["role_id"], argument="projectRoles.roleId"),
        )
        for item in project_roles
    ]
    if memberships and role.rank != Rank.NONE:
        raise MalformedRequest("projectRoles: only users with the None role get project roles")
    check_seats(session, caller, len(checked))
    made: list[User] = []
    for email in dict.fromkeys(checked):
        user = users.create_user(
            session,
            organization_id=caller.organization_id,
            email=email,
            name=email.split("@")[0],
            nickname=email.split("@")[0],
            org_role=role.name,
        )
        add_project_roles(session, user, memberships)
        made.append(user)
    return made


def add_project_roles(
    session: Session, user: User, memberships: Sequence[tuple[str, Role]]
) -> None:
    """Make the user a member of each project with its role."""
    now = clock.now()
    for project_id, role in memberships:
        if role.rank > Rank.NONE and session.get(ProjectMember, (project_id, user.id)) is None:
            session.add(
                ProjectMember(
                    project_id=project_id, user_id=user.id, role_id=role.id, created_at=now
                )
            )
    session.flush()
