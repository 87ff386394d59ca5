"""Models, model runs and catalog slices."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox._client.base import ClientBase
from labelbox._inputs import check_text
from labelbox.pagination import PaginatedCollection
from labelbox.schema.model import Model
from labelbox.schema.model_run import ModelRun
from labelbox.schema.slice import CatalogSlice

if TYPE_CHECKING:
    from labelbox.orm.comparison import LogicalExpressionComponent


class ModelMethods(ClientBase):
    def create_model(self, name: str, ontology_id: str) -> Model:
        """A new model whose predictions are checked against the ontology."""
        check_text(Model, "name", name)
        check_text(Model, "ontology_id", ontology_id)
        created = self._gateway.ops.create_model_py_api(name, ontology_id).create_model
        return Model(self._as_client, created)

    def get_model(self, model_id: str) -> Model:
        """The model with this id; `ResourceNotFoundError` if there is none."""
        ops = self._gateway.ops
        return self._get_by_id(Model, lambda: ops.get_model_py_api(model_id).model, model_id)

    def get_models(
        self, where: LogicalExpressionComponent | None = None
    ) -> PaginatedCollection[Model]:
        """The organization's models matching `where` (e.g. `Model.name == "x"`), oldest
        first."""
        ops = self._gateway.ops
        return self._list(
            Model,
            lambda arguments, skip, first: (
                ops.get_models_py_api(**arguments, skip=skip, first=first).models
            ),
            where,
        )

    def get_model_run(self, model_run_id: str) -> ModelRun:
        """The model run with this id; `ResourceNotFoundError` if there is none."""
        ops = self._gateway.ops
        return self._get_by_id(
            ModelRun, lambda: ops.get_model_run_py_api(model_run_id).model_run, model_run_id
        )

    def get_catalog_slice(self, slice_id: str) -> CatalogSlice:
        """The catalog slice with this id; `ResourceNotFoundError` if there is none."""
        ops = self._gateway.ops
        return self._get_by_id(
            CatalogSlice, lambda: ops.get_saved_query_py_api(slice_id).get_saved_query, slice_id
        )
