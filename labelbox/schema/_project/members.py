"""`ProjectMember`: a user's role in a project (`project.members()`)."""

from __future__ import annotations

from labelbox._generated.entities import ProjectMemberBase


class ProjectMember(ProjectMemberBase):
    """A member of a project: `member.user()` and `member.role()` (no request)."""
