"""Projects and labeling frontends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from labelbox._client.base import ClientBase
from labelbox.pagination import PaginatedCollection
from labelbox.schema.labeling_frontend import LabelingFrontend
from labelbox.schema.project import Project

if TYPE_CHECKING:
    from labelbox._generated.entities import ProjectCreateKwargs
    from labelbox.orm.comparison import LogicalExpressionComponent


class ProjectMethods(ClientBase):
    def get_project(self, project_id: str) -> Project:
        """The project with this id; `ResourceNotFoundError` if there is none."""
        ops = self._gateway.ops
        return self._get_by_id(
            Project, lambda: ops.get_project_py_api(project_id).project, project_id
        )

    def get_projects(
        self, where: LogicalExpressionComponent | None = None
    ) -> PaginatedCollection[Project]:
        """Projects matching `where` (e.g. `Project.name == "x"`), deleted ones left out."""
        ops = self._gateway.ops
        return self._list(
            Project,
            lambda arguments, skip, first: (
                ops.get_projects_py_api(**arguments, skip=skip, first=first).projects
            ),
            where,
        )

    def create_project(self, **kwargs: Unpack[ProjectCreateKwargs]) -> Project:
        """Create a project.

        >>> client.create_project(name="p", media_type=MediaType.Image, queue_mode=QueueMode.Batch)

        Unknown names or values of the wrong type raise `InvalidAttributeError`
        before anything is sent.
        """
        data = Project._create.build(Project, kwargs)
        created = self._gateway.ops.create_project_py_api(data).create_project
        return Project(self._as_client, created)

    def get_labeling_frontends(
        self, where: LogicalExpressionComponent | None = None
    ) -> PaginatedCollection[LabelingFrontend]:
        """Labeling frontends matching `where` (`LabelingFrontend.name == "Editor"`)."""
        ops = self._gateway.ops
        return self._list(
            LabelingFrontend,
            lambda arguments, skip, first: (
                ops.get_labeling_frontends_py_api(
                    **arguments, skip=skip, first=first
                ).labeling_frontends
            ),
            where,
        )
