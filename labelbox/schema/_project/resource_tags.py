"""A project's resource tags: `update_project_resource_tags`, `get_resource_tags`."""

from __future__ import annotations

from labelbox import exceptions
from labelbox._types import SequenceNotStr
from labelbox.schema._project.base import ProjectPart
from labelbox.schema.resource_tag import ResourceTag


class ProjectResourceTags(ProjectPart):
    def update_project_resource_tags(
        self, resource_tag_ids: SequenceNotStr[str]
    ) -> list[ResourceTag]:
        """Make these tags (by id) the project's; returns them."""
        if isinstance(resource_tag_ids, str) or not all(
            isinstance(tag_id, str) for tag_id in resource_tag_ids
        ):
            raise exceptions.InvalidInputError(
                "must be a list of resource tag ids", field="resource_tag_ids"
            )
        project = self._project
        result = project._gateway.ops.update_project_resource_tags_py_api(
            project.uid, list(resource_tag_ids)
        )
        tags = project._found(result.project).update_project_resource_tags
        return [ResourceTag(project.client, tag) for tag in tags]

    def get_resource_tags(self) -> list[ResourceTag]:
        """The project's resource tags."""
        project = self._project
        found = project._found(
            project._gateway.ops.list_project_resource_tags_py_api(project.uid).project
        )
        return [ResourceTag(project.client, tag) for tag in found.resource_tags]
