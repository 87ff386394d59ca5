"""Who is calling: every domain function is scoped to the caller's organization, and the
caller's role decides what they may do there (see `domain.access`).

Roles are ranked: NONE < LABELER < REVIEWER < TEAM_MANAGER < ADMIN. A user with an
organization role above NONE has that role in every project of the organization; a
*project-based* user (organization role NONE) has a role only in the projects they are a
member of (`project_roles`), and sees no other project.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum


class Rank(IntEnum):
    """A role's rank (`Role.rank` in the database)."""

    NONE = 0
    LABELER = 1
    REVIEWER = 2
    TEAM_MANAGER = 3
    ADMIN = 4

    @property
    def key(self) -> str:
        """The role's key as clients format it (`TEAM_MANAGER`)."""
        return self.name


@dataclass(frozen=True, slots=True)
class Caller:
    """The authenticated user and their organization, role and API key.

    `rank` is the organization role's; `project_roles` (project id → rank) is set for
    project-based users only. Callers built by the server itself (background tasks) act
    with the rights of whoever started the work, checked when it was started: ADMIN.
    """

    user_id: str
    organization_id: str
    rank: Rank = Rank.ADMIN
    project_roles: Mapping[str, Rank] | None = field(default=None, compare=False, hash=False)
    #: The API key's id and its own request limit per minute (None: the server's).
    key_id: str | None = field(default=None, compare=False, hash=False)
    rate_limit: int | None = field(default=None, compare=False, hash=False)

    @property
    def project_based(self) -> bool:
        """Whether the caller has roles only in the projects they are a member of."""
        return self.project_roles is not None

    def rank_in(self, project_id: str | None) -> Rank:
        """The caller's role in a project (NONE for a project they are not a member of)."""
        if self.project_roles is None:
            return self.rank
        if project_id is None:
            return Rank.NONE
        return self.project_roles.get(project_id, Rank.NONE)
