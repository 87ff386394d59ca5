"""Invites: asking someone to join the organization with a role (and, for a project-based
invitee, project roles). The local server sends no email: `labelbox-server accept-invite`
(or `LocalServer.accept_invite`) turns a pending invite into a user.

* `create_invites`: every item is checked first (an email address, a known role, projects
  of the organization, project roles only with the None role, the invite limit), so a
  rejected request invites nobody. An email that already belongs to a member gets no invite
  (`invite: null`), as Labelbox does.
* Lists are newest first, paged by cursor (`from`: the last id of the previous page).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from ..db.models import Invite, InviteProject, Project, Role, User
from ..errors import MalformedRequest, ResourceNotFound
from . import clock, ids, store, users
from .context import Caller, Rank
from .members import add_project_roles, check_email, check_seats
from .roles import require_role

PAGE_SIZE = 100


@dataclass(frozen=True)
class InvitePage:
    nodes: list[Invite]
    next_cursor: str | None


def create_invites(
    session: Session, caller: Caller, items: Sequence[Mapping[str, Any]]
) -> list[Invite | None]:
    """One invite per item (None for an email that is a member already)."""
    planned: list[tuple[str, Role, list[tuple[str, Role]]] | None] = []
    for n, item in enumerate(items):
        if item["organization_id"] != caller.organization_id:
            raise ResourceNotFound.for_id("Organization", item["organization_id"])
        email = check_email(item["invitee_email"], f"data[{n}].inviteeEmail")
        role = require_role(
            session, item["organization_role_id"], argument=f"data[{n}].organizationRoleId"
        )
        projects = [
            (
                store.get(session, caller, Project, project["project_id"]).id,
                require_role(
                    session, project["project_role_id"], argument=f"data[{n}].projectRoleId"
                ),
            )
            for project in item.get("projects") or []
        ]
        if projects and role.rank != Rank.NONE:
            raise MalformedRequest(
                f"data[{n}].projects: project roles are only for invitees with the None role"
            )
        member = users.find_user_by_email(session, email)
        planned.append(None if member is not None else (email, role, projects))
    check_seats(session, caller, sum(1 for plan in planned if plan is not None))
    now = clock.now()
    made: list[Invite | None] = []
    for plan in planned:
        if plan is None:
            made.append(None)
            continue
        email, role, projects = plan
        invite = Invite(
            id=ids.new_id(),
            organization_id=caller.organization_id,
            inviter_id=caller.user_id,
            invitee_email=email,
            organization_role_id=role.id,
            created_at=now,
            deleted=False,
        )
        session.add(invite)
        session.flush()
        session.add_all(
            InviteProject(invite_id=invite.id, project_id=project_id, role_id=project_role.id)
            for project_id, project_role in projects
        )
        made.append(invite)
    session.flush()
    return made


def _pending(caller: Caller) -> Select[Invite]:
    return store.scoped(caller, Invite).where(
        Invite.deleted.is_(False), Invite.accepted_at.is_(None)
    )


def list_invites(
    session: Session,
    caller: Caller,
    *,
    project_id: str | None = None,
    after: str | None = None,
    first: int | None = None,
) -> InvitePage:
    """Pending invites (giving a role in `project_id`, if given), newest first."""
    size = min(first or PAGE_SIZE, PAGE_SIZE)
    stmt = _pending(caller)
    if project_id is not None:
        stmt = stmt.where(
            Invite.id.in_(
                select(InviteProject.invite_id).where(InviteProject.project_id == project_id)
            )
        )
    if after:
        last = store.find(session, caller, Invite, after, deleted=True)
        if last is None:
            raise MalformedRequest(f'from: "{after}" is not a cursor of this list')
        stmt = stmt.where(
            or_(
                Invite.created_at < last.created_at,
                and_(Invite.created_at == last.created_at, Invite.id < last.id),
            )
        )
    rows = list(
        session.scalars(stmt.order_by(Invite.created_at.desc(), Invite.id.desc()).limit(size + 1))
    )
    more = len(rows) > size
    rows = rows[:size]
    return InvitePage(rows, rows[-1].id if more and rows else None)


def project_invites(session: Session, invite: Invite) -> list[tuple[str, Role]]:
    """The (project id, role) pairs an invite gives."""
    return [
        (project_id, role)
        for project_id, role in session.execute(
            select(InviteProject.project_id, Role)
            .join(Role, Role.id == InviteProject.role_id)
            .where(InviteProject.invite_id == invite.id)
            .order_by(InviteProject.project_id)
        )
    ]


def cancel_invite(session: Session, caller: Caller, invite_id: str) -> Invite:
    """Withdraw a pending invite."""
    invite = store.get(session, caller, Invite, invite_id)
    invite.deleted = True
    session.flush()
    return invite


def accept_invite(session: Session, email: str) -> User:
    """Make the newest pending invite for `email` (any organization) a user."""
    email = check_email(email, "email")
    invite = session.scalars(
        select(Invite)
        .where(
            Invite.invitee_email == email,
            Invite.deleted.is_(False),
            Invite.accepted_at.is_(None),
        )
        .order_by(Invite.created_at.desc(), Invite.id.desc())
        .limit(1)
    ).first()
    if invite is None:
        raise ResourceNotFound(f'No pending invite for "{email}"')
    role = session.get(Role, invite.organization_role_id)
    assert role is not None
    user = users.create_user(
        session,
        organization_id=invite.organization_id,
        email=email,
        name=email.split("@")[0],
        nickname=email.split("@")[0],
        org_role=role.name,
    )
    add_project_roles(session, user, project_invites(session, invite))
    invite.accepted_at = clock.now()
    invite.user_id = user.id
    session.flush()
    return user
