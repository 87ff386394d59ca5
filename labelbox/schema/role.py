"""Roles a user can hold in an organization or a project.

Roles are global, with the same ids in every organization (Labelbox's). `get_roles` keys
them by `format_role(name)` and, as Labelbox's SDK 3.36.0 does, each role's `name` is that
key too (`"TEAM_MANAGER"`, not `"Team Manager"`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from labelbox._generated.entities import OrgRoleBase, RoleBase

if TYPE_CHECKING:
    from labelbox.client import Client
    from labelbox.schema.project import Project


class Role(RoleBase):
    """A role (`ADMIN`, `TEAM_MANAGER`, `REVIEWER`, `LABELER`, `NONE`): `client.get_roles()`."""


class OrgRole(OrgRoleBase, Role):  # type: ignore[misc]  # reads OrgRoleFields, is a Role
    """A user's role in their organization (`user.org_role()`); `NONE` for a project-based
    user, who has roles in projects only."""


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
    """Every role keyed by `format_role(name)` (`"ADMIN"`, `"LABELER"`, ...)."""
    return client.get_roles()
