"""Authentication: `Authorization: Bearer <api key>` (header name and scheme any case).

A missing, malformed or unknown key is an `AuthenticationError` (HTTP 401,
`{"data": null, "errors": [{"message": "Invalid API key", "extensions": {"code":
"AUTHENTICATION_ERROR"}}]}`).

`Authenticator` answers from a short cache keyed by the key's hash (`CALLER_TTL` seconds),
else with one lookup (two for a project-based user: their project roles). Unknown keys are
never cached. Any change to API keys or users committed in this process (a key revoked, a
user removed, a role changed; by ORM objects or bulk UPDATE / DELETE alike) empties the caches
of the process at once; a change to project memberships forgets the project-based callers
(only theirs carry project roles), so creating a project, which makes its creator a member,
does not cost every other caller a lookup. Other processes on the same database see a change
within `CALLER_TTL` seconds.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections import OrderedDict
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from .db.models import ApiKey, ProjectMember, User
from .db.session import read_engine
from .domain import api_keys
from .domain.context import Caller
from .errors import AuthenticationError

INVALID_KEY = "Invalid API key"
#: Seconds a key's caller is remembered.
CALLER_TTL = 5.0
CALLER_CACHE_ENTRIES = 4096
_CREDENTIALS_CHANGED = "labelbox_credentials_changed"
#: Rows every caller is made of: a change to one forgets every cached caller.
_CALLER_MODELS = (ApiKey, User)
_CALLER_TABLES = frozenset(model.__tablename__ for model in _CALLER_MODELS)
#: Rows only project-based callers are made of (their project roles).
_MEMBER_TABLE = ProjectMember.__tablename__
#: What a committed change forgets: the project-based callers, or every caller.
_PROJECT_BASED, _EVERY = 1, 2


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header value."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def authenticate(session: Session, authorization: str | None) -> Caller:
    """The caller an `Authorization` header value identifies (no cache)."""
    token = bearer_token(authorization)
    caller = api_keys.authenticate(session, token) if token else None
    if caller is None:
        raise AuthenticationError(INVALID_KEY)
    return caller


class Authenticator:
    """Callers of `Authorization` headers: cached by key hash, else one lookup."""

    def __init__(self, engine: Engine, *, ttl: float = CALLER_TTL) -> None:
        self._engine = read_engine(engine)
        self._ttl = ttl
        self._callers: OrderedDict[str, tuple[float, Caller]] = OrderedDict()
        self._lock = threading.Lock()
        _AUTHENTICATORS.add(self)

    @staticmethod
    def key_hash(authorization: str | None) -> str | None:
        """The stored hash of the header's key (None: no bearer token)."""
        token = bearer_token(authorization)
        return api_keys.hash_key(token) if token else None

    def cached(self, key_hash: str) -> Caller | None:
        """The remembered caller of a key hash (no database access; None: not cached)."""
        with self._lock:
            entry = self._callers.get(key_hash)
            if entry is None:
                return None
            if entry[0] < time.monotonic():
                del self._callers[key_hash]
                return None
            return entry[1]

    def lookup(self, key_hash: str) -> Caller | None:
        """The caller of a key hash, from the database (remembered if found)."""
        with Session(self._engine) as session:
            caller = api_keys.caller_of_hash(session, key_hash)
        if caller is None:
            return None
        with self._lock:
            self._callers[key_hash] = (time.monotonic() + self._ttl, caller)
            self._callers.move_to_end(key_hash)
            while len(self._callers) > CALLER_CACHE_ENTRIES:
                self._callers.popitem(last=False)
        return caller

    def authenticate(self, authorization: str | None) -> Caller | None:
        """The caller of an `Authorization` header (None: missing or unknown key)."""
        key_hash = self.key_hash(authorization)
        if key_hash is None:
            return None
        return self.cached(key_hash) or self.lookup(key_hash)

    def clear(self, *, project_based_only: bool = False) -> None:
        """Forget every remembered caller (or only the project-based ones)."""
        with self._lock:
            if not project_based_only:
                self._callers.clear()
                return
            for key_hash, (_, caller) in list(self._callers.items()):
                if caller.project_based:
                    del self._callers[key_hash]


_AUTHENTICATORS: weakref.WeakSet[Authenticator] = weakref.WeakSet()


def forget_callers(*, project_based_only: bool = False) -> None:
    """Empty the caller caches of this process (or forget only the project-based callers)."""
    for authenticator in list(_AUTHENTICATORS):
        authenticator.clear(project_based_only=project_based_only)


def _note(session: Session, scope: int) -> None:
    session.info[_CREDENTIALS_CHANGED] = max(scope, session.info.get(_CREDENTIALS_CHANGED, 0))


@event.listens_for(Session, "after_flush")
def _note_flushed_credentials(session: Session, _flush: UOWTransaction) -> None:
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(isinstance(row, _CALLER_MODELS) for row in changed):
        _note(session, _EVERY)
    elif any(isinstance(row, ProjectMember) for row in changed):
        _note(session, _PROJECT_BASED)


@event.listens_for(Session, "do_orm_execute")
def _note_bulk_credentials(state: ORMExecuteState) -> None:
    if not (state.is_update or state.is_delete):
        return
    table: Any = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name in _CALLER_TABLES:
        _note(state.session, _EVERY)
    elif name == _MEMBER_TABLE:
        _note(state.session, _PROJECT_BASED)


@event.listens_for(Session, "after_commit")
def _forget_changed_credentials(session: Session) -> None:
    scope = session.info.pop(_CREDENTIALS_CHANGED, 0)
    if scope:
        forget_callers(project_based_only=scope == _PROJECT_BASED)
