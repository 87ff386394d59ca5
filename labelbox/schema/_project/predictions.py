"""Model-assisted labeling settings of a project."""

from __future__ import annotations

from labelbox.exceptions import ResourceNotFoundError
from labelbox.orm.db_object import DbObject


class ProjectPredictions(DbObject):
    def enable_model_assisted_labeling(self, toggle: bool = True) -> bool:
        """Show (`toggle=True`) or hide model predictions to the project's labelers; returns
        whether they are shown."""
        result = self._gateway.ops.show_predictions_to_labelers_py_api(self._uid, toggle)
        if result.project is None:
            raise ResourceNotFoundError(type(self), {"id": self._uid})
        return result.project.show_predictions_to_labelers.showing_predictions_to_labelers
