"""`Project`: labeling frontend, ontology, datasets and labels together."""

from __future__ import annotations

from typing_extensions import Unpack

from labelbox._generated.entities import ProjectBase, ProjectUpdateKwargs
from labelbox.orm.db_object import Deletable, Updateable
from labelbox.schema._project.exports import ProjectExports
from labelbox.schema._project.labels import ProjectLabels
from labelbox.schema._project.members import ProjectMember
from labelbox.schema._project.metrics import LabelerPerformance, ProjectMetrics
from labelbox.schema._project.overrides import LabelingParameterOverride
from labelbox.schema._project.predictions import ProjectPredictions
from labelbox.schema._project.queue import ProjectQueue
from labelbox.schema._project.resource_tags import ProjectResourceTags
from labelbox.schema._project.setup import ProjectSetup

__all__ = ["LabelerPerformance", "LabelingParameterOverride", "Project", "ProjectMember"]


class Project(
    ProjectBase,
    ProjectSetup,
    ProjectQueue,
    ProjectLabels,
    ProjectExports,
    ProjectMetrics,
    ProjectPredictions,
    ProjectResourceTags,
    Updateable,
    Deletable,
):
    """A project: `client.create_project(name=..., media_type=MediaType.Image)`.

    Relationships (`datasets()`, `created_by()`, `organization()`, `labeling_frontend()`,
    `ontology()`, `labeling_frontend_options()`, `members()`, `benchmarks()`) are generated
    from the operations in `queries/`. Behaviour by topic lives in
    `labelbox/schema/_project/`: setup (`setup`, `setup_editor`, `upsert_instructions`), the
    queue (`create_batch`, `batches`, `export_queued_data_rows`, labeling parameter
    overrides, review queue), labels (`labels`), exports (`export_labels`, `export_issues`),
    metrics (`labeler_performance`, `review_metrics`) and predictions
    (`enable_model_assisted_labeling`, `upload_annotations`, `bulk_import_requests`).
    """

    def update(self, **kwargs: Unpack[ProjectUpdateKwargs]) -> None:
        """Change fields on the server and refresh this object from the result.

        The queue mode is fixed when the project is created. Unknown names and
        values of the wrong type raise `InvalidAttributeError` before anything is sent.
        """
        data = self._update.build(type(self), kwargs)
        result = self._gateway.ops.update_project_py_api(self.uid, data)
        self._set_field_values(self._found(result.update_project))

    def delete(self) -> None:
        """Delete the project (a soft delete: it is gone from every listing)."""
        self._found(self._gateway.ops.delete_project_py_api(self.uid).update_project)
