"""Resolvers: thin ariadne bindables, one module per domain, calling `labelbox_server.domain`.

A resolver module defines its bindables (`ObjectType("Project")`, fields of the shared
`root.query` / `root.mutation`) at module level; `bindables()` finds them in every module of
this package, so a new module needs no registration. Fields that only read a model attribute
or a dict key need no resolver at all (see `graphql.names`).
"""

from __future__ import annotations

import importlib
import pkgutil

from ariadne.types import SchemaBindable


def bindables() -> list[SchemaBindable]:
    """Every bindable defined in this package's modules (each once)."""
    found: dict[int, SchemaBindable] = {}
    for module_info in pkgutil.iter_modules(__path__, f"{__name__}."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, SchemaBindable) and not isinstance(value, type):
                found.setdefault(id(value), value)
    return list(found.values())
