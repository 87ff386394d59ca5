"""The caller and their organization, awaited."""

from __future__ import annotations

from labelbox import exceptions
from labelbox._async.base import AsyncClientBase
from labelbox.schema.organization import Organization
from labelbox.schema.role import Role, format_role
from labelbox.schema.user import User


class AsyncUserMethods(AsyncClientBase):
    async def get_user(self) -> User:
        """The user the API key belongs to."""
        user = (await self._gateway.ops.get_user_py_api()).user
        if user is None:
            raise exceptions.ResourceNotFoundError(User, {})
        return self._entity(User, user)

    async def get_organization(self) -> Organization:
        """The organization of the API key's user."""
        organization = (await self._gateway.ops.get_organization_py_api()).organization
        if organization is None:
            raise exceptions.ResourceNotFoundError(Organization, {})
        return self._entity(Organization, organization)

    async def get_roles(self) -> dict[str, Role]:
        """Roles keyed by upper-case name with `_` for spaces (`"ADMIN"`, `"TEAM_MANAGER"`)."""
        roles = (await self._gateway.ops.get_available_user_roles_py_api()).roles
        return {format_role(role.name): self._entity(Role, role) for role in roles}
