"""`ResourceTag`: a colored tag for projects (`organization.create_resource_tag(...)`)."""

from __future__ import annotations

from labelbox._generated.entities import ResourceTagBase


class ResourceTag(ResourceTagBase):
    """A resource tag: `text` and `color` (hex RGB without `#`). Put tags on a project with
    `project.update_project_resource_tags([tag.uid])`; read them back with
    `project.get_resource_tags()`."""
