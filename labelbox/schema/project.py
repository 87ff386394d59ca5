"""`Project`: labeling frontend, ontology, datasets and labels together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import Unpack

from labelbox._generated import operations as ops
from labelbox._generated.entities import ProjectBase, ProjectUpdateKwargs
from labelbox.orm.db_object import Deletable, Updateable
from labelbox.orm.model import ToMany, ToOne

if TYPE_CHECKING:
    from labelbox.schema.dataset import Dataset
    from labelbox.schema.labeling_frontend import LabelingFrontend
    from labelbox.schema.organization import Organization
    from labelbox.schema.user import User


class Project(ProjectBase, Updateable, Deletable):
    """A project: `client.create_project(name=..., media_type=MediaType.Image)`."""

    datasets: ToMany[Dataset] = ToMany(
        "Dataset",
        ops.GET_PROJECT_DATASETS_PY_API_GQL,
        ["project", "datasets"],
        filter_deleted=True,
        connect=ops.CONNECT_PROJECT_AND_DATASET_PY_API_GQL,
        disconnect=ops.DISCONNECT_PROJECT_AND_DATASET_PY_API_GQL,
    )
    created_by: ToOne[User] = ToOne(
        "User", ops.GET_PROJECT_CREATED_BY_PY_API_GQL, ["project", "createdBy"]
    )
    organization: ToOne[Organization] = ToOne(
        "Organization", ops.GET_PROJECT_ORGANIZATION_PY_API_GQL, ["project", "organization"]
    )
    labeling_frontend: ToOne[LabelingFrontend] = ToOne(
        "LabelingFrontend",
        ops.GET_PROJECT_LABELING_FRONTEND_PY_API_GQL,
        ["project", "labelingFrontend"],
        connect=ops.CONNECT_PROJECT_AND_LABELING_FRONTEND_PY_API_GQL,
        disconnect=ops.DISCONNECT_PROJECT_AND_LABELING_FRONTEND_PY_API_GQL,
    )

    def update(self, **kwargs: Unpack[ProjectUpdateKwargs]) -> None:
        """Change fields on the server and refresh this object from the result.

        The queue mode is fixed when the project is created. Unknown names and
        values of the wrong type raise `InvalidAttributeError` before anything is sent.
        """
        data = self._input_from(kwargs, self._update_input, self._update_fields)
        result = self.client._gql.update_project_py_api(self.uid, data)
        self._set_field_values(self._found(result.update_project))

    def delete(self) -> None:
        """Delete the project (a soft delete: it is gone from every listing)."""
        self._found(self.client._gql.delete_project_py_api(self.uid).update_project)
