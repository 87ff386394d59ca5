"""Project members: users with a role in a project (its creator is one, as Admin)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import ProjectMember, Role, User
from . import store
from .context import Caller
from .pagination import page


@dataclass(frozen=True)
class Member:
    """`ProjectMember`: `id` is the project's and the user's ids joined."""

    id: str
    user: User
    role: Role


def list_members(
    session: Session, caller: Caller, project_id: str, skip: int | None, first: int | None
) -> list[Member]:
    """The project's members, in the order they joined."""
    stmt = page(
        select(ProjectMember)
        .join(User, User.id == ProjectMember.user_id)
        .where(
            ProjectMember.project_id == project_id,
            store.in_scope(caller, User),
            User.deleted.is_(False),
        )
        .order_by(ProjectMember.created_at, ProjectMember.user_id),
        skip,
        first,
    )
    members = session.scalars(stmt).all()
    found = store.find_many(session, caller, User, [m.user_id for m in members])
    roles = {role.id: role for role in session.scalars(select(Role))}
    return [
        Member(id=f"{m.project_id}-{m.user_id}", user=found[m.user_id], role=roles[m.role_id])
        for m in members
    ]
