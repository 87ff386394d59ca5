"""Users. Each user belongs to exactly one organization and may have an organization role."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import User
from ..errors import ResourceConflict
from . import clock, ids, store
from .context import Caller
from .pagination import ListArgs, apply_list_args
from .roles import role_by_name


def get_user(session: Session, caller: Caller, user_id: str | None = None) -> User:
    """The user with this id in the caller's organization; the caller when `user_id` is None."""
    return store.get(session, caller, User, caller.user_id if user_id is None else user_id)


def creator(session: Session, caller: Caller, user_id: str | None) -> User | None:
    """The user who created something (`createdBy`): a user of the caller's organization,
    deleted ones too; None if unknown."""
    return store.find(session, caller, User, user_id, deleted=True)


def list_users(session: Session, caller: Caller, args: ListArgs) -> Sequence[User]:
    """Users of the caller's organization matching `args`."""
    stmt = apply_list_args(store.scoped(caller, User), args, User, default_order=[User.created_at])
    return store.rows(session, stmt)


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
