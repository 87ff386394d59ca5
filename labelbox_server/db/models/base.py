"""The declarative base and the organization mixins every model uses."""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy.orm import DeclarativeBase, Mapped

from ..types import Str

ID = Str(32)


class OrganizationOwned:
    """A row that belongs to one organization: `domain.store` scopes every lookup by it."""

    id: Mapped[str]
    organization_id: Mapped[str]


class OrganizationShared:
    """A row of one organization, or (`organization_id` NULL) shared by all of them."""

    id: Mapped[str]
    organization_id: Mapped[str | None]


class Base(DeclarativeBase):
    """Declarative base of all models.

    A model names the GraphQL object types whose plain fields its attributes back
    (`createdAt` is `created_at`); `where` filters and `orderBy` work on every column, by
    attribute name, and compare the columns in `__case_insensitive__` case-insensitively.
    """

    __graphql_types__: ClassVar[tuple[str, ...]] = ()
    __case_insensitive__: ClassVar[frozenset[str]] = frozenset()
