"""`ProjectResourceTag`: the link between a resource tag and a project."""

from __future__ import annotations

from labelbox._generated.entities import ProjectResourceTagBase


class ProjectResourceTag(ProjectResourceTagBase):
    """A resource tag on a project: `resource_tag_id` and `project_id`.

    Read them from the tag's side: `tag.project_resource_tag()` lists one per project that
    carries the tag. Put tags on a project with `project.update_project_resource_tags(...)`.
    """
