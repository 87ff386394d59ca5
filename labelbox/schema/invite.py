"""`Invite` (`organization.invite_user(...)`) and `InviteLimit` (`organization.invite_limit()`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from labelbox._generated.entities import InviteBase
from labelbox.schema.role import ProjectRole, format_role

if TYPE_CHECKING:
    from pydantic import BaseModel

    from labelbox.client import Client


@dataclass
class InviteLimit:
    """The organization's seats: `used` = members + pending invites, `remaining` =
    `limit` - `used`."""

    remaining: int
    used: int
    limit: int


class Invite(InviteBase):
    """An invitation to join the organization: `email`, `organization_role_name`,
    `created_at`, and `project_roles` (a `ProjectRole` per project the invitee gets a role
    in, looked up when the invite is read)."""

    def __init__(self, client: Client, field_values: BaseModel | Mapping[str, Any]) -> None:
        super().__init__(client, field_values)
        invites = (
            field_values.get("projectInvites")
            if isinstance(field_values, Mapping)
            else getattr(field_values, "project_invites", None)
        ) or []
        roles = client.get_roles() if invites else {}
        self.project_roles: list[ProjectRole] = [
            ProjectRole(
                project=client.get_project(_item(invite, "projectId", "project_id")),
                role=roles[format_role(_item(invite, "projectRoleName", "project_role_name"))],
            )
            for invite in invites
        ]


def _item(value: Any, key: str, attribute: str) -> str:
    found = value[key] if isinstance(value, Mapping) else getattr(value, attribute)
    return str(found)
