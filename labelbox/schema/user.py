"""`User`: a registered user, member of one organization."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox import exceptions
from labelbox._generated.entities import UserBase

if TYPE_CHECKING:
    from labelbox.schema.project import Project
    from labelbox.schema.role import Role


class User(UserBase):
    """A user, for example you: `client.get_user()`; `org_role()`, `projects()`,
    `organization()`.

    Note that `name` and `nickname` follow Labelbox's SDK, which maps `name` to
    the API's `nickname` field and `nickname` to its `name` field.
    """

    def update_org_role(self, role: Role) -> None:
        """Give the user another organization role (see `client.get_roles()`). A user made
        project-based again keeps their earlier project roles."""
        self._gateway.ops.set_organization_role_py_api(self.uid, role.uid)

    def upsert_project_role(self, project: Project, role: Role) -> None:
        """Give a project-based user (organization role `NONE`) `role` in `project`."""
        org_role = self.org_role()
        if org_role is None or org_role.name.upper() != "NONE":
            raise exceptions.InvalidInputError(
                "User is not project based and has access to all projects", field="user"
            )
        self._gateway.ops.set_project_membership_py_api(self.uid, role.uid, project.uid)

    def remove_from_project(self, project: Project) -> None:
        """Remove a project-based user from a project (the `NONE` role there)."""
        self.upsert_project_role(project, self.client.get_roles()["NONE"])
