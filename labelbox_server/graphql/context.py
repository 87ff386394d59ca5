"""The per-request context resolvers receive as `info.context`."""

from __future__ import annotations

from dataclasses import dataclass

from graphql import GraphQLResolveInfo
from sqlalchemy.orm import Session

from ..domain.context import Caller


@dataclass(frozen=True)
class RequestContext:
    """The request's database session, the authenticated caller and the public base URL."""

    session: Session
    caller: Caller
    base_url: str


Info = GraphQLResolveInfo[RequestContext]
"""The `info` argument of our resolvers."""


def request_context(info: Info) -> RequestContext:
    """The `RequestContext` of the request being resolved."""
    return info.context
