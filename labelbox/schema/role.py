"""Roles a user can hold in an organization or a project."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from labelbox._generated.entities import RoleBase

if TYPE_CHECKING:
    from labelbox.client import Client
    from labelbox.schema.project import Project


class Role(RoleBase):
    """A role (`Admin`, `Labeler`, ...). `client.get_roles()` lists them."""


class OrgRole(Role):
    """A user's role in their organization."""


class UserRole(Role):
    """A user's role."""


@dataclass
class ProjectRole:
    """A role for one project, used when inviting project-based users."""

    project: Project
    role: Role


def format_role(name: str) -> str:
    """The key of a role name in `get_roles()`: upper case, spaces as `_`."""
    return name.upper().replace(" ", "_")


def get_roles(client: Client) -> dict[str, Role]:
    """The organization's roles keyed by `format_role(name)` (`"ADMIN"`, `"LABELER"`, ...)."""
    return client.get_roles()
