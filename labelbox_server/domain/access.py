"""What each role may do: the permissions root fields declare, and the one check of them.

Every root field of the schema declares one `Permission` (see `resolvers.access.requires`);
the schema checks it before the resolver runs (`graphql.schema`). A permission is a
minimum role, either in the organization or in a project:

* an organization permission needs the caller's organization role to be at least
  `minimum`; project-based users (organization role NONE) pass only `MEMBER`;
* a project permission needs the caller's role in each project the request touches (found
  by the field's locator) to be at least `minimum`. A user with an organization role has it
  in every project, so no lookup is needed; a project-based user has the role of their
  membership there. A project permission asked of an organization-wide object (an
  organization webhook) is asked as its organization permission (`organization_wide`).

Reading is further limited by visibility (`store`): a project-based user sees only their
projects and what belongs to them. A refusal is an `AuthorizationError` naming the
operation, the role needed and the caller's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import AuthorizationError
from .context import Caller, Rank


@dataclass(frozen=True)
class Permission:
    """A minimum role, organization-wide or per project."""

    name: str
    minimum: Rank
    per_project: bool = False
    #: What a per-project permission becomes for an object of no project.
    organization_wide: Permission | None = None
    description: str = ""


#: Any member of the organization (reading what is theirs, their own user, roles).
MEMBER = Permission("member", Rank.NONE, description="be a member of the organization")
#: Reading the organization's catalog: datasets, data rows, metadata, ontologies.
READ_CATALOG = Permission("catalog.read", Rank.LABELER, description="read the catalog")
#: Changing the catalog: datasets, data rows, attachments, metadata, global keys.
EDIT_CATALOG = Permission("catalog.edit", Rank.TEAM_MANAGER, description="change the catalog")
CREATE_PROJECT = Permission("project.create", Rank.TEAM_MANAGER, description="create projects")
#: Managing the organization: members, roles, invites, resource tags, integrations,
#: organization-wide webhooks.
MANAGE_ORGANIZATION = Permission(
    "organization.manage", Rank.ADMIN, description="manage the organization"
)
LABEL = Permission("project.label", Rank.LABELER, per_project=True, description="label")
REVIEW = Permission("project.review", Rank.REVIEWER, per_project=True, description="review")
MANAGE_PROJECT = Permission(
    "project.manage",
    Rank.TEAM_MANAGER,
    per_project=True,
    organization_wide=MANAGE_ORGANIZATION,
    description="manage the project",
)

PERMISSIONS: tuple[Permission, ...] = (
    MEMBER,
    READ_CATALOG,
    EDIT_CATALOG,
    CREATE_PROJECT,
    MANAGE_ORGANIZATION,
    LABEL,
    REVIEW,
    MANAGE_PROJECT,
)
#: What a root field without a declaration requires: nothing short of an admin.
UNDECLARED = MANAGE_ORGANIZATION


def allowed(caller: Caller, permission: Permission, project_id: str | None = None) -> bool:
    """Whether the caller has `permission` (in `project_id` for a per-project one)."""
    if not permission.per_project:
        return caller.rank >= permission.minimum and (
            not caller.project_based or permission.minimum == Rank.NONE
        )
    return caller.rank_in(project_id) >= permission.minimum


def needs_projects(caller: Caller, permission: Permission) -> bool:
    """Whether checking `permission` needs the projects a request touches (a caller with
    an organization role high enough for it and for its organization-wide form does not)."""
    if not permission.per_project:
        return False
    if caller.project_based:
        return True
    wide = permission.organization_wide
    return caller.rank >= permission.minimum and wide is not None and caller.rank < wide.minimum


def check(
    caller: Caller,
    permission: Permission,
    operation: str,
    project_ids: Iterable[str | None] | None = None,
) -> None:
    """`AuthorizationError` unless the caller has `permission` for `operation` (in every
    project of `project_ids`; None in it stands for an organization-wide object)."""
    if not permission.per_project:
        if not allowed(caller, permission):
            raise _refusal(caller, permission, operation)
        return
    if not caller.project_based and project_ids is None:
        if caller.rank < permission.minimum:
            raise _refusal(caller, permission, operation)
        return
    if project_ids is None:
        project_ids = [None]  # a project-based caller, and no project to check in
    for project_id in dict.fromkeys(project_ids):
        if project_id is None and permission.organization_wide is not None:
            check(caller, permission.organization_wide, operation)
        elif not allowed(caller, permission, project_id):
            raise _refusal(caller, permission, operation, project_id)


def _refusal(
    caller: Caller, permission: Permission, operation: str, project_id: str | None = None
) -> AuthorizationError:
    you = caller.rank_in(project_id) if permission.per_project else caller.rank
    where = f' in project "{project_id}"' if project_id else ""
    if caller.project_based and not permission.per_project:
        role = "a project-based user"
    else:
        role = f"{you.key}{where}"
    return AuthorizationError(
        f"You are not allowed to {operation}: it needs the {permission.minimum.key} role "
        f"or higher to {permission.description} (you are {role})"
    )
