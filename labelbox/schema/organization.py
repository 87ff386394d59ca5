"""`Organization`: the group of users that owns everything they create."""

from __future__ import annotations

from labelbox._generated.entities import OrganizationBase


class Organization(OrganizationBase):
    """Your organization: `client.get_organization()` (`users()`, `projects()`)."""
