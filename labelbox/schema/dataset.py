"""`Dataset`: a collection of data rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from labelbox._generated import operations as ops
from labelbox._generated.entities import DatasetBase, DatasetUpdateKwargs
from labelbox.orm.db_object import Deletable, Updateable
from labelbox.orm.model import ToMany, ToOne

if TYPE_CHECKING:
    from labelbox.schema.organization import Organization
    from labelbox.schema.project import Project
    from labelbox.schema.user import User


class Dataset(DatasetBase, Updateable, Deletable):
    """A dataset: `client.create_dataset(name=...)`.

    `row_count` is read when the object is fetched; fetch it again to refresh.
    Datasets are attached to projects from the project's side:
    `project.datasets.connect(dataset)`.
    """

    projects: ToMany[Project] = ToMany(
        "Project",
        ops.GET_DATASET_PROJECTS_PY_API_GQL,
        ["dataset", "projects"],
        filter_deleted=True,
    )
    created_by: ToOne[User] = ToOne(
        "User", ops.GET_DATASET_CREATED_BY_PY_API_GQL, ["dataset", "createdBy"]
    )
    organization: ToOne[Organization] = ToOne(
        "Organization", ops.GET_DATASET_ORGANIZATION_PY_API_GQL, ["dataset", "organization"]
    )

    def update(self, **kwargs: Unpack[DatasetUpdateKwargs]) -> None:
        """Change fields on the server and refresh this object from the result."""
        data = self._input_from(kwargs, self._update_input, self._update_fields)
        result = self.client._gql.update_dataset_py_api(self.uid, data)
        self._set_field_values(self._found(result.update_dataset))

    def delete(self) -> None:
        """Delete the dataset (a soft delete: it is gone from every listing)."""
        self._found(self.client._gql.delete_dataset_py_api(self.uid).update_dataset)
