"""The root types every resolver module adds its fields to, and the `writes` mark.

Requests are read-only transactions unless they may write: every mutation, and the queries
whose resolver is marked `@writes` (e.g. one that records a job). The executor reads the
mark (see `graphql.executor.writing_query_fields`), so a writing query needs nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ariadne import MutationType, QueryType

query = QueryType()
mutation = MutationType()

WRITES = "__labelbox_writes__"
_Resolver = TypeVar("_Resolver", bound=Callable[..., Any])


def writes(resolver: _Resolver) -> _Resolver:
    """Mark a query resolver that stores something (its request takes the write lock)."""
    setattr(resolver, WRITES, True)
    return resolver


def marked_as_writing(resolver: Callable[..., Any] | None) -> bool:
    """Whether `resolver`, or a resolver it wraps (`__wrapped__`: the schema wraps resolvers
    in permission checks), was marked with `writes`."""
    while resolver is not None:
        if getattr(resolver, WRITES, False):
            return True
        resolver = getattr(resolver, "__wrapped__", None)
    return False
