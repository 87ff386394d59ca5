"""Projects, awaited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from labelbox import exceptions
from labelbox._async.base import AsyncClientBase
from labelbox._async.pages import AsyncPaginatedCollection
from labelbox.schema.dataset import Dataset
from labelbox.schema.project import Project

if TYPE_CHECKING:
    from labelbox._generated.entities import ProjectCreateKwargs, ProjectUpdateKwargs
    from labelbox.orm.comparison import LogicalExpressionComponent


class AsyncProjectMethods(AsyncClientBase):
    async def get_project(self, project_id: str) -> Project:
        """The project with this id; `ResourceNotFoundError` if there is none."""
        ops = self._gateway.ops

        async def fetch() -> Any:
            return (await ops.get_project_py_api(project_id)).project

        return await self._get_by_id(Project, fetch, project_id)

    def get_projects(
        self, where: LogicalExpressionComponent | None = None
    ) -> AsyncPaginatedCollection[Project]:
        """Projects matching `where`, deleted ones left out: `async for project in ...`."""
        ops = self._gateway.ops

        async def fetch(arguments: dict[str, Any], skip: int, first: int) -> list[Any]:
            result = await ops.get_projects_py_api(**arguments, skip=skip, first=first)
            return list(result.projects)

        return self._list(Project, fetch, where)

    async def create_project(self, **kwargs: Unpack[ProjectCreateKwargs]) -> Project:
        """Create a project (the keyword arguments of `Client.create_project`)."""
        data = Project._create.build(Project, kwargs)
        created = (await self._gateway.ops.create_project_py_api(data)).create_project
        return self._entity(Project, created)

    async def update_project(
        self, project: Project | str, **kwargs: Unpack[ProjectUpdateKwargs]
    ) -> Project:
        """Change fields of a project (given as an object or an id); returns it updated."""
        uid = project if isinstance(project, str) else project.uid
        data = Project._update.build(Project, kwargs)
        updated = (await self._gateway.ops.update_project_py_api(uid, data)).update_project
        if updated is None:
            raise exceptions.ResourceNotFoundError(Project, {"id": uid})
        return self._entity(Project, updated)

    async def delete_project(self, project: Project | str) -> None:
        """Delete a project (a soft delete)."""
        uid = project if isinstance(project, str) else project.uid
        await self._gateway.ops.delete_project_py_api(uid)

    def get_project_datasets(self, project: Project | str) -> AsyncPaginatedCollection[Dataset]:
        """The datasets attached to a project."""
        uid = project if isinstance(project, str) else project.uid
        ops = self._gateway.ops

        async def page(skip: int, first: int) -> list[Dataset]:
            where: Any = {"deleted": False}
            result = await ops.get_project_datasets_py_api(uid, where=where, skip=skip, first=first)
            found = result.project.datasets if result.project else []
            return [self._entity(Dataset, item) for item in found]

        return AsyncPaginatedCollection(offset=page)
