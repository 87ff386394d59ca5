"""The executable schema: the SDL contract (`schema/labelbox.graphql`) bound to our resolvers.

The SDL is read from `labelbox_server/graphql/labelbox.graphql` when present (wheels carry a
copy there), else from the repository's `schema/labelbox.graphql`.

Names are converted once, here (see `names`): Python code sees snake_case everywhere.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ariadne import load_schema_from_path, make_executable_schema
from graphql import GraphQLSchema

from ..resolvers import bindables
from .names import snake_case_order_by_values
from .scalars import SCALARS

SCHEMA_FILE = "labelbox.graphql"


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
    return schema
