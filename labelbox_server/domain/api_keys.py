"""API keys: random tokens given to the user once and stored only as a SHA-256 hash.

A key is looked up by its hash; the stored `prefix` (first characters) is for display only.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import ApiKey, ProjectMember, Role, User
from . import clock, ids
from .context import Caller, Rank

PREFIX_LENGTH = 6


def hash_key(key: str) -> str:
    """The stored form of a key: SHA-256, hex."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue_key(session: Session, user: User) -> str:
    """A new API key for `user`. The plaintext is returned here and never stored."""
    key = secrets.token_urlsafe(32)
    session.add(
        ApiKey(
            id=ids.new_id(),
            user_id=user.id,
            key_hash=hash_key(key),
            prefix=key[:PREFIX_LENGTH],
            created_at=clock.now(),
            deleted=False,
        )
    )
    session.flush()
    return key


def authenticate(session: Session, key: str) -> Caller | None:
    """The caller a key belongs to (with their organization role and, for a project-based
    user, their project roles), or None for an unknown, revoked or orphaned key."""
    return caller_of_hash(session, hash_key(key))


def caller_of_hash(session: Session, key_hash: str) -> Caller | None:
    """`authenticate` for a key's stored hash."""
    row = session.execute(
        select(User.id, User.organization_id, Role.rank, ApiKey.id, ApiKey.rate_limit)
        .join(ApiKey, ApiKey.user_id == User.id)
        .outerjoin(Role, Role.id == User.org_role_id)
        .where(ApiKey.key_hash == key_hash, ApiKey.deleted.is_(False), User.deleted.is_(False))
    ).first()
    if row is None:
        return None
    user_id, organization_id, rank, key_id, rate_limit = row
    rank = Rank(rank or Rank.NONE)
    project_roles = None
    if rank == Rank.NONE:
        project_roles = {
            project_id: Rank(member_rank)
            for project_id, member_rank in session.execute(
                select(ProjectMember.project_id, Role.rank)
                .join(Role, Role.id == ProjectMember.role_id)
                .where(ProjectMember.user_id == user_id, Role.rank > Rank.NONE)
            )
        }
    return Caller(
        user_id=user_id,
        organization_id=organization_id,
        rank=rank,
        project_roles=project_roles,
        key_id=key_id,
        rate_limit=rate_limit,
    )
