"""The executable schema: the SDL contract (`schema/labelbox.graphql`) bound to our resolvers.

The SDL is read from `labelbox_server/graphql/labelbox.graphql` when present (wheels carry a
copy there), else from the repository's `schema/labelbox.graphql`.

Names are converted once, here (see `names`): Python code sees snake_case everywhere.
Every mutation resolver (and every field of a mutation namespace, `ProjectMutations`) is
wrapped so the request's loaders drop what they loaded once it returns (see
`resolvers.loaders`): fields resolved after a change read fresh data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ariadne import load_schema_from_path, make_executable_schema
from graphql import GraphQLObjectType, GraphQLSchema, get_named_type

from ..resolvers import bindables
from ..resolvers.context import Info
from .names import snake_case_order_by_values
from .scalars import SCALARS

SCHEMA_FILE = "labelbox.graphql"
#: Object types named `<X>Mutations` are namespaces of mutations (`Mutation.project`).
NAMESPACE = "Mutations"


def schema_path() -> Path:
    """Where the SDL is read from."""
    packaged = Path(__file__).resolve().parent / SCHEMA_FILE
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "schema" / SCHEMA_FILE


def type_defs() -> str:
    """The SDL text."""
    return load_schema_from_path(schema_path())


@functools.cache
def build_schema() -> GraphQLSchema:
    """The executable schema (built once per process)."""
    schema = make_executable_schema(type_defs(), *SCALARS, *bindables(), convert_names_case=True)
    snake_case_order_by_values(schema)
    assert schema.mutation_type is not None
    for field in schema.mutation_type.fields.values():
        if field.resolve is not None:
            field.resolve = clearing_loaders(field.resolve)
        # A mutation namespace (`Mutation.project` → `ProjectMutations`): its fields change.
        namespace = get_named_type(field.type)
        if isinstance(namespace, GraphQLObjectType) and namespace.name.endswith(NAMESPACE):
            for nested in namespace.fields.values():
                if nested.resolve is not None:
                    nested.resolve = clearing_loaders(nested.resolve)
    return schema


def clearing_loaders(resolve: Callable[..., Any]) -> Callable[..., Any]:
    """`resolve`, then drop what the request's loaders hold (even if it raised)."""

    def resolver(root: Any, info: Info, **args: Any) -> Any:
        try:
            return resolve(root, info, **args)
        finally:
            info.context.loaders.clear()

    resolver.__wrapped__ = resolve  # type: ignore[attr-defined]
    return resolver
