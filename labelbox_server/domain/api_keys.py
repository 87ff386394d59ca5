"""API keys: random tokens given to the user once and stored only as a SHA-256 hash.

A key is looked up by its hash; the stored `prefix` (first characters) is for display only.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import ApiKey, User
from . import clock, ids
from .context import Caller

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
    """The caller a key belongs to, or None for an unknown, revoked or orphaned key."""
    row = session.execute(
        select(User.id, User.organization_id)
        .join(ApiKey, ApiKey.user_id == User.id)
        .where(ApiKey.key_hash == hash_key(key), ApiKey.deleted.is_(False), User.deleted.is_(False))
    ).first()
    if row is None:
        return None
    return Caller(user_id=row.id, organization_id=row.organization_id)
