"""`ModelRun.upsert_predictions_and_send_to_project`: predictions into a model run, then the
data rows they succeeded on into a project (a batch) with the predictions as pre-labels."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from labelbox import exceptions
from labelbox._inputs import check_text
from labelbox.schema._model_runs.imports import MEAPredictionImport, MEAToMALPredictionImport

if TYPE_CHECKING:
    from labelbox.schema.batch import Batch
    from labelbox.schema.model_run import ModelRun, Predictions

logger = logging.getLogger("labelbox")


def send_to_project(
    run: ModelRun, name: str, predictions: Predictions, project_id: str, priority: int | None
) -> tuple[MEAPredictionImport, Batch | None, MEAToMALPredictionImport | None]:
    """The three steps; a step that fails is None in the result (and logged)."""
    from labelbox.schema.model_run import DATAROWS_IMPORT_LIMIT

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
