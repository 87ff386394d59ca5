"""Resolvers: thin ariadne bindables, one module per domain, calling `labelbox_server.domain`.

`BINDABLES` is everything `graphql.schema.build_schema` binds to the SDL.
"""

from __future__ import annotations

from ariadne.types import SchemaBindable

from . import datasets, iam_integrations, labeling_frontends, organizations, projects, roles, users
from .root import mutation, query

BINDABLES: list[SchemaBindable] = [
    query,
    mutation,
    *users.BINDABLES,
    *organizations.BINDABLES,
    *roles.BINDABLES,
    *projects.BINDABLES,
    *datasets.BINDABLES,
    *labeling_frontends.BINDABLES,
    *iam_integrations.BINDABLES,
]
