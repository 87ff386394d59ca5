"""`LabelingFrontend`: a labeling user interface (every organization has the `Editor`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox._generated import operations as ops
from labelbox._generated.entities import LabelingFrontendBase
from labelbox.orm.model import ToMany

if TYPE_CHECKING:
    from labelbox.schema.project import Project


class LabelingFrontend(LabelingFrontendBase):
    """A labeling UI: `client.get_labeling_frontends(where=LabelingFrontend.name == "Editor")`."""

    projects: ToMany[Project] = ToMany(
        "Project",
        ops.GET_LABELING_FRONTEND_PROJECTS_PY_API_GQL,
        ["labelingFrontends", 0, "projects"],
        filter_deleted=True,
    )
