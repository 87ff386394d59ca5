"""Roles (global, seeded by the first migration): None, Labeler, Reviewer, Team Manager, Admin.

Clients index roles by `name.upper().replace(" ", "_")` → NONE, LABELER, REVIEWER,
TEAM_MANAGER, ADMIN.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Role

ADMIN = "Admin"
NONE = "None"


def list_roles(session: Session) -> Sequence[Role]:
    """Every role, lowest privilege first."""
    return session.scalars(select(Role).order_by(Role.rank)).all()


def get_role(session: Session, role_id: str | None) -> Role | None:
    """The role with this id, or None."""
    return session.get(Role, role_id) if role_id else None


def role_by_name(session: Session, name: str) -> Role:
    """The role named `name` (e.g. `ADMIN`)."""
    role = session.scalars(select(Role).where(Role.name == name)).one_or_none()
    if role is None:
        raise LookupError(f"role {name!r} is missing: run the migrations")
    return role
