"""The caller, their organization, and roles."""

from __future__ import annotations

from labelbox import exceptions
from labelbox._client.base import ClientBase
from labelbox.schema.organization import Organization
from labelbox.schema.role import Role, format_role
from labelbox.schema.user import User


class UserMethods(ClientBase):
    def get_user(self) -> User:
        """The user the API key belongs to."""
        user = self._gateway.ops.get_user_py_api().user
        if user is None:
            raise exceptions.ResourceNotFoundError(User, {})
        return User(self._as_client, user)

    def get_organization(self) -> Organization:
        """The organization of the API key's user."""
        organization = self._gateway.ops.get_organization_py_api().organization
        if organization is None:
            raise exceptions.ResourceNotFoundError(Organization, {})
        return Organization(self._as_client, organization)

    def get_roles(self) -> dict[str, Role]:
        """Roles keyed by upper-case name with `_` for spaces (`"ADMIN"`, `"TEAM_MANAGER"`);
        each role's `name` is its key, as in Labelbox's SDK 3.36.0. Roles are global and
        fixed, so they are fetched once per client."""
        cached: dict[str, Role] | None = getattr(self, "_roles", None)
        if cached is None:
            client = self._as_client
            found = self._gateway.ops.get_available_user_roles_py_api().roles
            cached = {}
            for role in found:
                key = format_role(role.name)
                cached[key] = Role(client, {"id": role.uid, "name": key})
            self._roles = cached
        return dict(cached)
