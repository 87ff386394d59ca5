"""Prediction imports of model runs, two annotation-import kinds on the shared pipeline
(`annotation_imports`):

* MEA imports (`createModelErrorAnalysisPredictionImport`): a model's predictions on a model
  run's data rows, checked against the model's ontology, with their `confidence`s (checked:
  0 to 1); a data row that is not in the run fails with `DataRowNotInModelRun`.
* MEA to MAL imports (`createMalPredictionImportForModelRunDataRows`): the predictions a run
  has on some of its data rows, sent to a project as pre-labels. The server writes them as
  an NDJSON file in the blob store (the import's input file), and the pipeline checks them
  against the project's ontology and stores them on the project's data rows as pre-labels,
  the same `Prediction` rows a MAL import makes (`domain.predictions`; a data row outside the
  project fails with `DataRowNotInProject`). The input file has the predictions as stored,
  confidences included; as in any MAL import, the pre-labels do not keep them.

MEA imports store `model_predictions` rows (one per annotation, as import NDJSON); an import
whose task resumes after a restart skips the data rows it already stored.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..db.models import (
    AnnotationImport,
    Model,
    ModelPrediction,
    ModelRun,
    Ontology,
    Project,
)
from ..errors import MalformedRequest
from ..storage import Storage
from . import annotation_imports, clock, ids, import_targets, store
from .annotation_rows import Annotation
from .context import Caller
from .model_run_data_rows import data_rows_of_run
from .model_runs import get_run
from .ndjson_annotations import annotation_ndjson
from .predictions import PredictionTarget

CHUNK = 500


def _prediction(annotation: Annotation, data_row_id: str) -> dict[str, Any]:
    """The annotation as an import row of the data row (a fresh `uuid` if it had none)."""
    row = annotation_ndjson(annotation, data_row_id)
    if not row.get("uuid"):
        row["uuid"] = str(uuid.uuid4())
    return row


class ModelRunTarget:
    """Predictions on a model run's data rows, stored as `model_predictions` rows."""

    def apply(
        self,
        session: Session,
        caller: Caller,
        record: AnnotationImport,
        rows: Mapping[str, Sequence[Annotation]],
    ) -> None:
        done = import_targets.applied_data_rows(session, ModelPrediction, record, rows)
        now = clock.now()
        values = [
            {
                "id": ids.new_id(),
                "organization_id": caller.organization_id,
                "import_id": record.id,
                "data_row_id": row_id,
                "uuid": prediction["uuid"],
                "annotation": prediction,
                "created_at": now,
                "model_run_id": record.parent_id,
            }
            for row_id, annotations in rows.items()
            if row_id not in done
            for prediction in (_prediction(a, row_id) for a in annotations)
        ]
        for start in range(0, len(values), CHUNK):
            session.execute(insert(ModelPrediction), values[start : start + CHUNK])

    def remove(self, session: Session, record: AnnotationImport) -> None:
        session.execute(delete(ModelPrediction).where(ModelPrediction.import_id == record.id))

    def ontology(
        self, session: Session, caller: Caller, parent_id: str
    ) -> Mapping[str, Any] | None:
        run = store.find(session, caller, ModelRun, parent_id, deleted=True)
        model = store.find(session, caller, Model, run.model_id, deleted=True) if run else None
        ontology = (
            store.find(session, caller, Ontology, model.ontology_id, deleted=True)
            if model
            else None
        )
        return ontology.normalized if ontology is not None else None

    def unavailable_rows(
        self, session: Session, caller: Caller, parent_id: str, data_row_ids: Sequence[str]
    ) -> Mapping[str, tuple[str, str]]:
        problems = import_targets.missing_data_rows(session, caller, data_row_ids)
        in_run = data_rows_of_run(session, parent_id, data_row_ids)
        for row_id in data_row_ids:
            if row_id not in problems and row_id not in in_run:
                problems[row_id] = (
                    "DataRowNotInModelRun",
                    f'Data row "{row_id}" is not in the model run',
                )
        return problems


MEA_IMPORT = annotation_imports.ImportKind(
    "mea", "MEAPredictionImport", ModelRun, ModelRunTarget(), keeps_confidence=True
)
MEA_TO_MAL_IMPORT = annotation_imports.ImportKind(
    "mea_to_mal", "MEAToMALPredictionImport", Project, PredictionTarget()
)


def create_mea_import(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> AnnotationImport:
    """A new MEA import (`CreateModelErrorAnalysisPredictionImportInput`)."""
    get_run(session, caller, data["model_run_id"])
    return annotation_imports.create_import(
        session, caller, storage, MEA_IMPORT, data["model_run_id"], data
    )


def run_predictions(
    session: Session, run_id: str, data_row_ids: Sequence[str]
) -> Iterator[dict[str, Any]]:
    """The run's predictions on these data rows, as import rows, oldest first."""
    wanted = list(dict.fromkeys(data_row_ids))
    for start in range(0, len(wanted), CHUNK):
        yield from session.scalars(
            select(ModelPrediction.annotation)
            .where(
                ModelPrediction.model_run_id == run_id,
                ModelPrediction.data_row_id.in_(wanted[start : start + CHUNK]),
            )
            .order_by(ModelPrediction.created_at, ModelPrediction.id)
        )


def create_mea_to_mal_import(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> AnnotationImport:
    """A new MEA to MAL import (`CreateMalPredictionImportForModelRunDataRowsInput`): the
    run's predictions on the data rows, written as the import's input file."""
    run = get_run(session, caller, data["model_run_id"])
    project = store.get(session, caller, Project, data["project_id"])
    data_row_ids = list(dict.fromkeys(data["data_row_ids"]))
    if not data_row_ids:
        raise MalformedRequest("dataRowIds must not be empty")
    key = f"mea-to-mal/{ids.new_id()}/input.ndjson"
    with storage.blobs.writer(key, annotation_imports.NDJSON) as out:
        for prediction in run_predictions(session, run.id, data_row_ids):
            # a fresh uuid: the same prediction may be sent to several projects
            out.write(json.dumps({**prediction, "uuid": str(uuid.uuid4())}).encode() + b"\n")
    url = storage.stored_url(key, clock.now())
    return annotation_imports.create_import(
        session,
        caller,
        storage,
        MEA_TO_MAL_IMPORT,
        project.id,
        {"name": data["name"], "file_url": url},
    )
