"""`Organization`: the group of users that owns everything they create."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from labelbox import exceptions
from labelbox._generated.entities import OrganizationBase
from labelbox.schema.iam_integration import IAMIntegration
from labelbox.schema.invite import Invite, InviteLimit
from labelbox.schema.resource_tag import ResourceTag

if TYPE_CHECKING:
    from labelbox.schema.role import ProjectRole, Role
    from labelbox.schema.user import User


class Organization(OrganizationBase):
    """Your organization: `client.get_organization()` (`users()`, `projects()`,
    `webhooks()`), its members and invites, resource tags and IAM integrations."""

    def invite_user(
        self, email: str, role: Role, project_roles: Sequence[ProjectRole] | None = None
    ) -> Invite:
        """Invite `email` to the organization with `role`; a project-based invitee (role
        `NONE`) also gets `project_roles`. An invitee who is already a member raises
        `LabelboxError`; beyond the invite limit, `OperationNotAllowedException`."""
        from labelbox._generated.input_types import CreateInviteInput

        if not isinstance(email, str) or "@" not in email.strip("@") or " " in email:
            raise exceptions.InvalidInputError(f"{email!r} is not an email address", field="email")
        if project_roles and role.name != "NONE":
            raise exceptions.InvalidInputError(
                "Project roles cannot be set for a user with organization level permissions. "
                f"Found role name `{role.name}`, expected `NONE`",
                field="project_roles",
            )
        item = CreateInviteInput.model_validate(
            {
                "inviterId": self.client.get_user().uid,
                "inviteeEmail": email,
                "organizationId": self.uid,
                "organizationRoleId": role.uid,
                "projects": [
                    {"projectId": r.project.uid, "projectRoleId": r.role.uid}
                    for r in project_roles or []
                ],
            }
        )
        results = self._gateway.ops.create_invites_py_api([item]).create_invites
        invite = results[0].invite if results else None
        if invite is None:
            raise exceptions.LabelboxError(f"Unable to send invite for email {email}")
        return Invite(self.client, invite)

    def invite_limit(self) -> InviteLimit:
        """The organization's seats: `used` (members + pending invites), `limit`,
        `remaining`."""
        found = self._gateway.ops.invites_limit_py_api(self.uid).invites_limit
        return InviteLimit(remaining=found.remaining, used=found.used, limit=found.limit)

    def remove_user(self, user: User) -> None:
        """Remove a user from the organization (their keys stop working). Only an invite
        brings them back."""
        self._gateway.ops.delete_member_py_api(user.uid)

    def create_resource_tag(self, tag: Mapping[str, str]) -> ResourceTag:
        """A new resource tag: `{"text": "tag-1", "color": "ffffff"}` (a leading `#` is
        dropped)."""
        if not isinstance(tag, Mapping):
            raise exceptions.InvalidInputError(
                f"must be a dict with 'text' and 'color', not {type(tag).__name__}", field="tag"
            )
        unknown = sorted(set(tag) - {"text", "color"})
        if unknown:
            raise exceptions.InvalidInputError(f"unknown keys {unknown}", field="tag")
        text, color = tag.get("text"), tag.get("color")
        if not (isinstance(text, str) and text and isinstance(color, str) and color):
            raise exceptions.InvalidInputError(
                f"tag must contain 'text' and 'color' keys. received: {dict(tag)}", field="tag"
            )
        created = self._gateway.ops.create_resource_tag_py_api(text, color).create_resource_tag
        return ResourceTag(self.client, created)

    def get_resource_tags(self) -> list[ResourceTag]:
        """The organization's resource tags."""
        found = self._gateway.ops.list_organization_resource_tags_py_api().organization
        return [ResourceTag(self.client, tag) for tag in (found.resource_tag if found else [])]

    def get_iam_integrations(self) -> list[IAMIntegration]:
        """The organization's IAM (delegated access) integrations."""
        found = self._gateway.ops.get_all_integrations_py_api().iam_integrations
        return [IAMIntegration(self.client, integration) for integration in found]

    def get_default_iam_integration(self) -> IAMIntegration | None:
        """The organization's default integration (None without one); `ValueError` if the
        server reports several."""
        defaults = [i for i in self.get_iam_integrations() if i.is_org_default]
        if len(defaults) > 1:
            raise ValueError(
                "Found more than one default signer. Please contact Labelbox to resolve"
            )
        return defaults[0] if defaults else None
