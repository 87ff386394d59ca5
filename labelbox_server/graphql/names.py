"""GraphQL names → Python names, derived in one place.

The schema is camelCase, Python is snake_case. ariadne's `convert_names_case` makes fields
without a resolver read the snake_case attribute or dict key (`createdAt` → `created_at`), and
makes arguments and input fields arrive snake_case (`where: {createdAt_gte}` →
`{"created_at_gte"}`, `data: {queueMode}` → `{"queue_mode"}`); `snake_case_order_by_values`
makes values of `*OrderByInput` enums arrive as `<python name>_ASC|DESC` (`createdAt_ASC` →
`created_at_ASC`). A field whose value is not the snake_case attribute of the object gets an
explicit resolver (`@object_type.field("...")`), the only place a name is spelled twice.
"""

from __future__ import annotations

from ariadne import convert_camel_case_to_snake
from graphql import GraphQLEnumType, GraphQLSchema

ORDER_BY_SUFFIX = "OrderByInput"


def python_name(graphql_name: str) -> str:
    """`createdAt` → `created_at` (ariadne's rule: `convert_names_case=True` uses it too)."""
    return convert_camel_case_to_snake(graphql_name)


def order_by_value(graphql_value: str) -> str:
    """`createdAt_ASC` → `created_at_ASC`."""
    field, _, direction = graphql_value.rpartition("_")
    return f"{python_name(field)}_{direction}"


def snake_case_order_by_values(schema: GraphQLSchema) -> None:
    """Make every `*OrderByInput` enum value arrive as `order_by_value` of its name."""
    for name, graphql_type in schema.type_map.items():
        if isinstance(graphql_type, GraphQLEnumType) and name.endswith(ORDER_BY_SUFFIX):
            for value_name, value in graphql_type.values.items():
                value.value = order_by_value(value_name)
