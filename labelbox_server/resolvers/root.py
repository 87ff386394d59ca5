"""The root types every resolver module adds its fields to."""

from __future__ import annotations

from ariadne import MutationType, QueryType

query = QueryType()
mutation = MutationType()
