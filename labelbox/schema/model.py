"""`Model`: a model whose predictions are compared across runs (`model.create_model_run`)."""

from __future__ import annotations

from typing import Any

from labelbox._generated.entities import ModelBase
from labelbox._inputs import check_text
from labelbox.exceptions import InvalidInputError
from labelbox.schema.model_run import ModelRun


class Model(ModelBase):
    """A model: `name`, the `ontology_id` its predictions are checked against, and its runs
    (`model_runs()`, oldest first)."""

    def create_model_run(self, name: str, config: dict[str, Any] | None = None) -> ModelRun:
        """A new run of this model; `config` is its training metadata (top-level keys are
        stored camel-cased: `batch_size` becomes `batchSize`)."""
        check_text(self, "name", name)
        if config is not None and not isinstance(config, dict):
            raise InvalidInputError(f"must be a dict, got {type(config).__name__}", field="config")
        created = self._gateway.ops.create_model_run_py_api(name, self.uid, config=config)
        return ModelRun(self.client, created.create_model_run)

    def delete(self) -> None:
        """Delete the model and its runs."""
        self._gateway.ops.delete_model_py_api(self.uid)
