"""Helpers shared by resolver modules."""

from __future__ import annotations

from collections.abc import Mapping

from ariadne import ObjectType


def snake_case_aliases(bindable: ObjectType, aliases: Mapping[str, str]) -> ObjectType:
    """Resolve GraphQL fields (`createdAt`) to model attributes (`created_at`)."""
    for field, attribute in aliases.items():
        bindable.set_alias(field, attribute)
    return bindable
