"""Roles (global, seeded by the first migration): None, Labeler, Reviewer, Team Manager, Admin.

Clients index roles by `name.upper().replace(" ", "_")` → NONE, LABELER, REVIEWER,
TEAM_MANAGER, ADMIN.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Role
from ..errors import ResourceNotFound

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


#: Role ids by (database URL, name): the roles are seeded once and never change.
_role_ids: dict[tuple[str, str], str] = {}


def role_id_by_name(session: Session, name: str) -> str:
    """The id of the role named `name`, looked up once per database (no query, and no
    autoflush of what the session holds, after the first time)."""
    key = (str(session.get_bind().engine.url), name)
    found = _role_ids.get(key)
    if found is None:
        with session.no_autoflush:
            found = _role_ids[key] = role_by_name(session, name).id
    return found


def require_role(session: Session, role_id: str, *, argument: str = "roleId") -> Role:
    """The role with this id; an unknown id is `RESOURCE_NOT_FOUND` naming the argument."""
    role = get_role(session, role_id)
    if role is None:
        raise ResourceNotFound(f'{argument}: there is no role with id "{role_id}"')
    return role


def role_by_key(session: Session, key: str) -> Role:
    """The role whose client key (`TEAM_MANAGER`, `NONE`, ...) or name is `key`
    (`ValueError` naming the known keys otherwise)."""
    wanted = key.strip().upper().replace(" ", "_")
    roles = list_roles(session)
    for role in roles:
        if role.name.upper().replace(" ", "_") == wanted:
            return role
    known = ", ".join(role.name.upper().replace(" ", "_") for role in roles)
    raise ValueError(f"unknown role {key!r}: expected one of {known}")
