"""`ModelRun`: one run of a model (a version, an experiment), with its data rows, their
labels and splits, predictions, a training config and the status of its training pipeline;
`ModelRunDataRow`: a data row of a run.

    >>> run = model.create_model_run("v1", config={"learning_rate": 0.1})
    >>> run.upsert_labels([label.uid for label in project.labels()])
    >>> run.add_predictions("v1 predictions", predictions).wait_until_done()
    >>> client = Client(..., enable_experimental=True)   # for the experimental methods below
    >>> run.assign_data_rows_to_split(ids, DataSplit.TRAINING)
    >>> rows = run.export_labels(download=True)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from labelbox import exceptions
from labelbox._generated.entities import ModelRunBase, ModelRunDataRowBase
from labelbox._inputs import check_text
from labelbox._polling import poll
from labelbox.orm.db_object import experimental
from labelbox.pagination import CursorPages, PaginatedCollection
from labelbox.schema._annotation_input import AnnotationInput
from labelbox.schema._model_runs.waits import id_list, wait_for_task
from labelbox.schema.enums import DataSplit

if TYPE_CHECKING:
    from labelbox.schema._model_runs.imports import (
        MEAPredictionImport,
        MEAToMALPredictionImport,
    )
    from labelbox.schema.batch import Batch

logger = logging.getLogger("labelbox")
#: Most data rows `upsert_predictions_and_send_to_project` sends on (as 3.36.0).
DATAROWS_IMPORT_LIMIT = 25000
Predictions = str | Path | Iterable[AnnotationInput]


class ModelRun(ModelRunBase):
    """A run of a model. `created_by_id` is the creator's user id, `training_metadata` the
    training config (top-level keys camel-cased by the server at creation)."""

    class Status(Enum):
        """Where the run's training pipeline is (`update_status`)."""

        EXPORTING_DATA = "EXPORTING_DATA"
        PREPARING_DATA = "PREPARING_DATA"
        TRAINING_MODEL = "TRAINING_MODEL"
        COMPLETE = "COMPLETE"
        FAILED = "FAILED"

    def upsert_labels(self, label_ids: list[str], timeout_seconds: float = 3600) -> bool:
        """Add the labels, and their data rows, to the run; waits for the server's task
        (`TimeoutError` past `timeout_seconds`). Returns True."""
        ids = id_list(label_ids, "label_ids")
        ops = self._gateway.ops
        task_id = ops.create_mea_model_run_label_registration_task_py_api(
            self.uid, ids
        ).create_mea_model_run_label_registration_task
        return wait_for_task(
            lambda: (
                ops.mea_label_registration_task_status_py_api(
                    task_id
                ).mea_label_registration_task_status
            ),
            timeout_seconds,
        )

    def upsert_data_rows(self, data_row_ids: list[str], timeout_seconds: float = 3600) -> bool:
        """Add data rows (without labels) to the run; rows already in it stay as they are.
        Waits for the server's task. Returns True."""
        ids = id_list(data_row_ids, "data_row_ids")
        ops = self._gateway.ops
        task_id = ops.create_mea_model_run_data_row_registration_task_py_api(
            self.uid, ids
        ).create_mea_model_run_data_row_registration_task
        return wait_for_task(
            lambda: (
                ops.mea_data_row_registration_task_status_py_api(
                    task_id
                ).mea_data_row_registration_task_status
            ),
            timeout_seconds,
        )

    def add_predictions(self, name: str, predictions: Predictions) -> MEAPredictionImport:
        """Import predictions on the run's data rows: a URL, a local NDJSON file, or
        annotation rows (dicts, or typed `labelbox.data.annotation_types.Label`s). Returns the import (`wait_until_done()`, `statuses`)."""
        from labelbox.schema._model_runs.imports import MEAPredictionImport

        if isinstance(predictions, str | Path):
            if os.path.exists(predictions):
                return MEAPredictionImport.create_from_file(
                    self.client, self.uid, name, str(predictions)
                )
            return MEAPredictionImport.create_from_url(
                self.client, self.uid, name, str(predictions)
            )
        if isinstance(predictions, Iterable) and not isinstance(predictions, bytes | Mapping):
            return MEAPredictionImport.create_from_objects(
                self.client, self.uid, name, list(predictions)
            )
        raise exceptions.InvalidInputError(
            f"Invalid predictions given of type: {type(predictions).__name__}",
            field="predictions",
        )

    def upsert_predictions_and_send_to_project(
        self, name: str, predictions: Predictions, project_id: str, priority: int | None = 5
    ) -> tuple[MEAPredictionImport, Batch | None, MEAToMALPredictionImport | None]:
        """Import predictions on the run, put the data rows they succeeded on in a new
        batch `name` of the project, and send those predictions to it as pre-labels.

        Returns `(import, batch, mea_to_mal_import)`; a step that fails is None (and
        logged), so check `import.errors` and the other two.
        """
        return _send_to_project(self, name, predictions, project_id, priority)

    def model_run_data_rows(self) -> PaginatedCollection[ModelRunDataRow]:
        """The run's data rows (with their label id and split), by cursor."""
        ops = self._gateway.ops
        model_id = self.model_id

        def page(cursor: Any, first: int) -> tuple[list[ModelRunDataRow], Any]:
            found = ops.list_model_run_data_rows_py_api(
                self.uid, from_=cursor, first=first
            ).annotation_groups
            rows = [ModelRunDataRow(self.client, model_id, node) for node in found.nodes]
            return rows, found.page_info.end_cursor

        return PaginatedCollection._of(self.client, CursorPages(page))

    def delete(self) -> None:
        """Delete the run (its data rows and predictions go with it)."""
        self._gateway.ops.delete_model_run_py_api(self.uid)

    def delete_model_run_data_rows(self, data_row_ids: list[str]) -> None:
        """Remove data rows (and their predictions) from the run."""
        ids = id_list(data_row_ids, "data_row_ids")
        self._gateway.ops.delete_model_run_data_rows_py_api(self.uid, ids)

    @experimental
    def assign_data_rows_to_split(
        self, data_row_ids: list[str], split: DataSplit | str, timeout_seconds: float = 120
    ) -> bool:
        """Put the run's data rows in a split (`DataSplit` or its name); waits for the
        server's task. Returns True."""
        from labelbox._generated.enums import DataSplit as SplitValue

        value = split.value if isinstance(split, DataSplit) else split
        valid = [member.value for member in DataSplit]
        if value not in valid:
            raise exceptions.InvalidInputError(
                f"`split` must be one of : `{valid}`. Found : `{split}`", field="split"
            )
        ids = id_list(data_row_ids, "data_row_ids")
        ops = self._gateway.experimental_ops
        task_id = ops.assign_data_split_py_api(
            self.uid, SplitValue(value), ids
        ).create_assign_data_rows_to_data_split_task
        return wait_for_task(
            lambda: (
                ops.assign_data_rows_to_data_split_task_status_py_api(
                    task_id
                ).assign_data_rows_to_data_split_task_status
            ),
            timeout_seconds,
        )

    @experimental
    def update_status(
        self,
        status: ModelRun.Status | str,
        metadata: dict[str, Any] | None = None,
        error_message: str | None = None,
    ) -> None:
        """Record where the run's training pipeline is; `metadata` is merged into what
        earlier updates gave, `error_message` kept when not given."""
        from labelbox._generated.enums import TrainingPipelineStatus

        value = status.value if isinstance(status, ModelRun.Status) else status
        valid = [member.value for member in ModelRun.Status]
        if value not in valid:
            raise exceptions.InvalidInputError(
                f"Status must be one of : `{valid}`. Found : `{status}`", field="status"
            )
        check_text(self, "error_message", error_message, optional=True)
        if metadata is not None and not isinstance(metadata, Mapping):
            raise exceptions.InvalidInputError(
                f"must be a dict, got {type(metadata).__name__}", field="metadata"
            )
        self._gateway.experimental_ops.set_pipeline_status_py_api(
            self.uid,
            TrainingPipelineStatus(value),
            error_message=error_message or None,
            metadata=dict(metadata) if metadata else None,
        )

    @experimental
    def update_config(self, config: dict[str, Any]) -> dict[str, Any]:
        """Replace the run's training config (stored as given); returns
        `{"trainingMetadata": config}`."""
        if not isinstance(config, Mapping):
            raise exceptions.InvalidInputError(
                f"must be a dict, got {type(config).__name__}", field="config"
            )
        updated = self._gateway.experimental_ops.update_model_run_config_py_api(
            self.uid, dict(config)
        ).update_model_run_config
        return {"trainingMetadata": updated.training_metadata}

    @experimental
    def reset_config(self) -> dict[str, Any]:
        """Clear the run's training config; returns `{"trainingMetadata": None}`."""
        reset = self._gateway.experimental_ops.reset_model_run_config_py_api(
            self.uid
        ).reset_model_run_config
        return {"trainingMetadata": reset.training_metadata}

    @experimental
    def get_config(self) -> dict[str, Any] | None:
        """The run's training config (None when there is none)."""
        found = self._found(
            self._gateway.experimental_ops.model_run_config_py_api(self.uid).model_run
        )
        config: dict[str, Any] | None = found.training_metadata
        return config

    @overload
    def export_labels(
        self, download: Literal[False] = False, timeout_seconds: float = 600
    ) -> str | None: ...

    @overload
    def export_labels(
        self, download: Literal[True], timeout_seconds: float = 600
    ) -> list[dict[str, Any]] | None: ...

    @experimental
    def export_labels(
        self, download: bool = False, timeout_seconds: float = 600
    ) -> str | list[dict[str, Any]] | None:
        """The URL of an NDJSON export of the run (one line per data row: its label and
        predictions), or with `download=True` its rows. None if the server did not finish
        it within `timeout_seconds`; a failed export raises `LabelboxError`."""
        ops = self._gateway.experimental_ops

        def export_url() -> str | None:
            export = ops.export_model_run_annotations_py_api(self.uid).export_model_run_annotations
            if export.status == "FAILED":
                raise exceptions.LabelboxError(f"Export of model run {self.uid} failed")
            return export.download_url or None

        url = poll(export_url, timeout=float(timeout_seconds), interval=2.0)
        if url is None or not download:
            return url
        return list(self._gateway.stream_ndjson(url))


def _send_to_project(
    run: ModelRun, name: str, predictions: Predictions, project_id: str, priority: int | None
) -> tuple[MEAPredictionImport, Batch | None, MEAToMALPredictionImport | None]:
    """The three steps; a step that fails is None in the result (and logged)."""
    from labelbox.schema._model_runs.imports import MEAToMALPredictionImport

    check_text(run, "name", name)
    check_text(run, "project_id", project_id)
    project = run.client.get_project(project_id)
    import_job = run.add_predictions(name, predictions)
    succeeded = list(
        dict.fromkeys(
            status["dataRow"]["id"]
            for status in import_job.statuses
            if status["status"] == "SUCCESS" and status["dataRow"] is not None
        )
    )
    if not succeeded:
        return import_job, None, None
    if len(succeeded) > DATAROWS_IMPORT_LIMIT:
        logger.warning(
            "Exceeded max data row limit %d, trimmed down to %d data rows.",
            len(succeeded),
            DATAROWS_IMPORT_LIMIT,
        )
        succeeded = succeeded[:DATAROWS_IMPORT_LIMIT]
    try:
        batch = project.create_batch(name, succeeded, 5 if priority is None else priority)
    except exceptions.LabelboxError as error:
        logger.warning("Failed to create batch. Message : %s.", error)
        return import_job, None, None
    try:
        mal_import = MEAToMALPredictionImport.create_for_model_run_data_rows(
            run.client, run.uid, succeeded, project_id, name
        )
        mal_import.wait_until_done()
    except exceptions.LabelboxError as error:
        logger.warning("Failed to create MEA to MAL prediction import. Message : %s.", error)
        return import_job, batch, None
    return import_job, batch, mal_import


class ModelRunDataRow(ModelRunDataRowBase):
    """A data row of a model run: `data_row()` (no request), `label_id`, `data_split`.

    `ModelRunDataRow(client, model_id, field_values)`, as in Labelbox's SDK."""

    def __init__(self, client: Any, model_id: str, field_values: Any) -> None:
        super().__init__(client, field_values)
        self.model_id = model_id

    @property
    def url(self) -> str:
        """The data row's page in the model run, in Labelbox's app."""
        app_url = self.client.app_url
        return (
            f"{app_url}/models/{self.model_id}/{self.model_run_id}/AllDatarowsSlice/"
            f"{self.uid}?view=carousel"
        )


__all__ = ["DataSplit", "ModelRun", "ModelRunDataRow"]
