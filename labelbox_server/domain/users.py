"""Users. Each user belongs to exactly one organization and may have an organization role."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import User
from ..errors import ResourceConflict, ResourceNotFound
from . import clock, ids
from .context import Caller
from .filters import FieldMap, FilterField
from .listing import apply_list_args
from .pagination import ListArgs
from .roles import role_by_name

FIELDS: FieldMap = {
    "id": FilterField(User.id),
    "email": FilterField(User.email),
    "name": FilterField(User.name),
    "nickname": FilterField(User.nickname),
    "isViewer": FilterField(User.is_viewer),
    "isExternalUser": FilterField(User.is_external_user),
    "createdAt": FilterField(User.created_at),
    "updatedAt": FilterField(User.updated_at),
    "deleted": FilterField(User.deleted),
}


def get_user(session: Session, caller: Caller, user_id: str | None = None) -> User:
    """The user with this id in the caller's organization; the caller when `user_id` is None."""
    wanted = caller.user_id if user_id is None else user_id
    user = session.get(User, wanted)
    if user is None or user.deleted or user.organization_id != caller.organization_id:
        raise ResourceNotFound.for_id("User", wanted)
    return user


def user_by_id(session: Session, user_id: str | None) -> User | None:
    """A user by id, for relationship fields (`createdBy`); None if unknown."""
    return session.get(User, user_id) if user_id else None


def list_users(session: Session, caller: Caller, args: ListArgs) -> Sequence[User]:
    """Users of the caller's organization matching `args`."""
    stmt = select(User).where(User.organization_id == caller.organization_id)
    stmt = apply_list_args(
        stmt, args, FIELDS, deleted=User.deleted, default_order=[User.created_at], id_column=User.id
    )
    return session.scalars(stmt).all()


def find_user_by_email(session: Session, email: str) -> User | None:
    """The (non-deleted) user with this email, in any organization."""
    return session.scalars(
        select(User).where(User.email == email, User.deleted.is_(False))
    ).one_or_none()


def email_taken(session: Session, email: str) -> bool:
    """Whether any user (even a deleted one) has this email."""
    return session.scalars(select(User.id).where(User.email == email)).first() is not None


def create_user(
    session: Session,
    *,
    organization_id: str,
    email: str,
    name: str | None,
    nickname: str | None,
    org_role: str,
) -> User:
    """A new user; emails are unique across organizations (`RESOURCE_CONFLICT` otherwise)."""
    if email_taken(session, email):
        raise ResourceConflict(f'A user with email "{email}" already exists')
    now = clock.now()
    user = User(
        id=ids.new_id(),
        organization_id=organization_id,
        org_role_id=role_by_name(session, org_role).id,
        email=email,
        name=name,
        nickname=nickname,
        is_viewer=False,
        is_external_user=False,
        created_at=now,
        updated_at=now,
        deleted=False,
    )
    session.add(user)
    session.flush()
    return user
