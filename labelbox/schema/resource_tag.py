"""`ResourceTag`: a colored tag for projects (`organization.create_resource_tag(...)`)."""

from __future__ import annotations

from typing_extensions import Unpack

from labelbox._generated.entities import ResourceTagBase, ResourceTagUpdateKwargs
from labelbox.orm.db_object import Updateable


class ResourceTag(ResourceTagBase, Updateable):
    """A resource tag: `text` and `color` (hex RGB without `#`). Put tags on a project with
    `project.update_project_resource_tags([tag.uid])`; read them back with
    `project.get_resource_tags()`, or from the tag's side with `tag.project_resource_tag()`
    (one `ProjectResourceTag` per project that carries it)."""

    def update(self, **kwargs: Unpack[ResourceTagUpdateKwargs]) -> None:
        """Change `text` and/or `color` on the server and refresh this object from the result
        (`color` may start with `#`; it is stored without)."""
        data = self._update.build(type(self), kwargs)
        result = self._gateway.ops.update_resource_tag_py_api(self.uid, data)
        self._set_field_values(self._found(result.update_resource_tag))
