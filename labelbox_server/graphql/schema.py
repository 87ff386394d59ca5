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

from ..domain import access
from ..resolvers import bindables
from ..resolvers.access import Rule, declared
from ..resolvers.context import Info
from .fast_execution import bind_attribute_resolvers
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
    bind_attribute_resolvers(schema)
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
    check_permissions(schema)
    return schema


def check_permissions(schema: GraphQLSchema) -> None:
    """Wrap every field that declares a permission, and every root field (those that
    declare none: admins only), in its check (see `resolvers.access`)."""
    roots = {schema.query_type, schema.mutation_type}
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for name, field in type_.fields.items():
            rule = declared(_original(field.resolve))
            if rule is None and type_ in roots:
                rule = Rule(access.UNDECLARED)
            if rule is not None and field.resolve is not None:
                field.resolve = checking(field.resolve, rule, name)


def _original(resolve: Callable[..., Any] | None) -> Callable[..., Any] | None:
    while resolve is not None and hasattr(resolve, "__wrapped__"):
        resolve = resolve.__wrapped__
    return resolve


def checking(resolve: Callable[..., Any], rule: Rule, operation: str) -> Callable[..., Any]:
    """`resolve`, once the caller is allowed to (see `resolvers.access`)."""

    def resolver(root: Any, info: Info, **args: Any) -> Any:
        if info.context.enforce_roles:
            rule.check(info.context, operation, root, args)
        return resolve(root, info, **args)

    resolver.__wrapped__ = resolve  # type: ignore[attr-defined]
    return resolver


def clearing_loaders(resolve: Callable[..., Any]) -> Callable[..., Any]:
    """`resolve`, then drop what the request's loaders hold (even if it raised)."""

    def resolver(root: Any, info: Info, **args: Any) -> Any:
        try:
            return resolve(root, info, **args)
        finally:
            info.context.loaders.clear()

    resolver.__wrapped__ = resolve  # type: ignore[attr-defined]
    return resolver
