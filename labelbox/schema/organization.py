"""`Organization`: the group of users that owns everything they create."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox._generated import operations as ops
from labelbox._generated.entities import OrganizationBase
from labelbox.orm.model import ToMany

if TYPE_CHECKING:
    from labelbox.schema.project import Project
    from labelbox.schema.user import User


class Organization(OrganizationBase):
    """Your organization: `client.get_organization()`."""

    users: ToMany[User] = ToMany(
        "User", ops.GET_ORGANIZATION_USERS_PY_API_GQL, ["organization", "users"], source_id=False
    )
    projects: ToMany[Project] = ToMany(
        "Project",
        ops.GET_ORGANIZATION_PROJECTS_PY_API_GQL,
        ["organization", "projects"],
        source_id=False,
        filter_deleted=True,
    )
