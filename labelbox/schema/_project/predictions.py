"""Model-assisted labeling settings of a project."""

from __future__ import annotations

from labelbox.exceptions import ResourceNotFoundError
from labelbox.schema._project.base import ProjectPart


class ProjectPredictions(ProjectPart):
    def enable_model_assisted_labeling(self, toggle: bool = True) -> bool:
        """Show (`toggle=True`) or hide model predictions to the project's labelers; returns
        whether they are shown."""
        result = self._project._gateway.ops.show_predictions_to_labelers_py_api(
            self._project.uid, toggle
        )
        if result.project is None:
            raise ResourceNotFoundError(type(self._project), {"id": self._project.uid})
        return result.project.show_predictions_to_labelers.showing_predictions_to_labelers
