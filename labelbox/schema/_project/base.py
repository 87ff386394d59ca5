"""What the `Project` mixins share."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from labelbox.schema.project import Project


class ProjectPart:
    """A part of `Project`'s behaviour; `_project` is the project itself, typed."""

    @property
    def _project(self) -> Project:
        return cast("Project", self)
