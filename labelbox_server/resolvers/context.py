"""The per-request context resolvers receive as `info.context`."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphql import GraphQLResolveInfo
from sqlalchemy.orm import Session

from ..domain.context import Caller
from ..storage import Storage
from .loaders import Loaders


@dataclass(frozen=True)
class RequestContext:
    """The request's database session, the authenticated caller, the public base URL, the
    blob store, whether roles are enforced (always, but for measuring their cost), and the
    request's `loaders` (see `resolvers.loaders`)."""

    session: Session
    caller: Caller
    base_url: str
    storage: Storage
    enforce_roles: bool = True
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "loaders", Loaders(self.session, self.caller))


Info = GraphQLResolveInfo[RequestContext]
"""The `info` argument of our resolvers."""


def request_context(info: Info) -> RequestContext:
    """The `RequestContext` of the request being resolved."""
    return info.context
