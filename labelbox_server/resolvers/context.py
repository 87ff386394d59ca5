"""The per-request context resolvers receive as `info.context`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLResolveInfo
from sqlalchemy.orm import Session

from ..domain.context import Caller
from ..storage import Storage


@dataclass(frozen=True)
class RequestContext:
    """The request's database session, the authenticated caller, the public base URL and
    the blob store. `cache` holds per-request batch loads; `after_commit` callbacks run once
    the request's transaction is committed (e.g. to wake the job workers)."""

    session: Session
    caller: Caller
    base_url: str
    storage: Storage
    wake_workers: Callable[[], None] = lambda: None
    cache: dict[str, Any] = field(default_factory=dict)
    after_commit: list[Callable[[], None]] = field(default_factory=list)


Info = GraphQLResolveInfo[RequestContext]
"""The `info` argument of our resolvers."""


def request_context(info: Info) -> RequestContext:
    """The `RequestContext` of the request being resolved."""
    return info.context
