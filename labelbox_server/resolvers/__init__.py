"""Resolvers: thin ariadne bindables, one module per domain, calling `labelbox_server.domain`.

`BINDABLES` is everything `graphql.schema.build_schema` binds to the SDL.
"""

from __future__ import annotations

from ariadne.types import SchemaBindable

from . import (
    data_rows,
    datasets,
    global_keys,
    iam_integrations,
    labeling_frontends,
    metadata,
    organizations,
    projects,
    roles,
    tasks,
    uploads,
    users,
)
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
    *data_rows.BINDABLES,
    *tasks.BINDABLES,
    *metadata.BINDABLES,
    *global_keys.BINDABLES,
    *uploads.BINDABLES,
]
