"""`ProjectResourceTag`: a resource tag on a project."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProjectResourceTag:
    """The link between a project (`project_id`) and a resource tag (`resource_tag_id`).
    No SDK call returns one (as in Labelbox's SDK): `project.get_resource_tags()` gives
    the tags themselves."""

    uid: str
    resource_tag_id: str
    project_id: str
