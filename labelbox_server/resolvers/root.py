"""The root types every resolver module adds its fields to, and the resolver marks the
executor reads: `writes` and `reads_only_context`.

Requests are read-only transactions unless they may write: every mutation, and the queries
whose resolver is marked `@writes` (e.g. one that records a job). The executor reads the
mark (see `graphql.executor.writing_query_fields`), so a writing query needs nothing else.

A field resolver marked `@reads_only_context` is called by the fast execution path without
graphql-core's per-call work (see `graphql.fast_execution`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ariadne import MutationType, QueryType

query = QueryType()
mutation = MutationType()

WRITES = "__labelbox_writes__"
READS_ONLY_CONTEXT = "__labelbox_reads_only_context__"
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


def reads_only_context(resolver: _Resolver) -> _Resolver:
    """Mark a synchronous field resolver that takes no arguments and reads nothing of `info`
    but `info.context` (`request_context(info)`), besides its parent: the fast execution
    path calls it with one `GraphQLResolveInfo` shared by every row of a list (its `path`
    is the first row's). A resolver that reads `info.path`, `info.field_nodes` or the like
    must not be marked."""
    setattr(resolver, READS_ONLY_CONTEXT, resolver)
    return resolver


def marked_as_reading_only_context(resolver: Callable[..., Any] | None) -> bool:
    """Whether `resolver` itself was marked with `reads_only_context`. A wrapper is not (a
    permission check, see `graphql.schema.checking`, reads the field's arguments), even one
    made with `functools.wraps`, which copies the mark: the mark names the marked function."""
    return resolver is not None and getattr(resolver, READS_ONLY_CONTEXT, None) is resolver
