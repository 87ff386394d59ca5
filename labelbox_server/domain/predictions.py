"""Model-assisted labeling predictions (pre-labels): the annotation-import kinds that make
them, MAL imports (`createModelAssistedLabelingPredictionImport`) and bulk import requests
(`createBulkImportRequest`), and reading and deleting them.

Rows are checked against the project's ontology and accepted on the project's data rows, as
for label imports (`label_imports.LabelTarget`). Each valid annotation becomes one
`Prediction` (no label is made: labelers see predictions, not labels); a resumed import skips
data rows it already applied, so every annotation is stored exactly once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from ..db.models import AnnotationImport, Prediction, Project
from ..errors import MalformedRequest, ResourceNotFound
from . import annotation_imports, clock, ids, import_targets, store
from .annotation_rows import Annotation
from .context import Caller
from .label_imports import LabelTarget
from .ndjson_annotations import annotation_ndjson
from .pagination import ListArgs, apply_list_args


class PredictionTarget(LabelTarget):
    """Predictions on a project's data rows (checked like labels)."""

    def apply(
        self,
        session: Session,
        caller: Caller,
        record: AnnotationImport,
        rows: Mapping[str, Sequence[Annotation]],
    ) -> None:
        done = import_targets.applied_data_rows(session, Prediction, record, rows)
        now = clock.now()
        values = [
            {
                "id": ids.new_id(),
                "organization_id": caller.organization_id,
                "project_id": record.parent_id,
                "data_row_id": row_id,
                "import_id": record.id,
                "uuid": annotation.uuid or "",
                "annotation": _dumps(annotation_ndjson(annotation, row_id)),
                "created_at": now,
            }
            for row_id, annotations in rows.items()
            if row_id not in done
            for annotation in annotations
        ]
        if values:
            session.execute(insert(Prediction), values)

    def remove(self, session: Session, record: AnnotationImport) -> None:
        remove_predictions(session, record.id)


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


MAL_IMPORT = annotation_imports.ImportKind(
    "mal", "MALPredictionImport", Project, PredictionTarget()
)
BULK_IMPORT = annotation_imports.ImportKind(
    "bulk", "BulkImportRequest", Project, PredictionTarget()
)


def remove_predictions(session: Session, import_id: str) -> None:
    """Delete the predictions an import made."""
    session.execute(
        delete(Prediction)
        .where(Prediction.import_id == import_id)
        .execution_options(synchronize_session=False)
    )


def project_predictions(
    session: Session, caller: Caller, project_id: str, args: ListArgs
) -> Sequence[Prediction]:
    """A project's predictions, oldest first."""
    stmt = apply_list_args(
        store.scoped(caller, Prediction).where(Prediction.project_id == project_id),
        args,
        Prediction,
        default_order=[Prediction.created_at],
    )
    return session.scalars(stmt).all()


# -- bulk import requests ---------------------------------------------------------------------


def find_bulk_import(
    session: Session, caller: Caller, where: Mapping[str, object]
) -> AnnotationImport:
    """A bulk import request by `id`, or by `projectId` and `name` (`RESOURCE_NOT_FOUND`)."""
    import_id, project_id, name = where.get("id"), where.get("project_id"), where.get("name")
    if isinstance(import_id, str):
        record = store.find(session, caller, AnnotationImport, import_id)
        if record is None or record.kind != BULK_IMPORT.name:
            raise ResourceNotFound.for_id("BulkImportRequest", import_id)
        return record
    if not isinstance(project_id, str) or not isinstance(name, str):
        raise MalformedRequest("Give the bulk import request's id, or its projectId and name")
    return annotation_imports.find_import(session, caller, BULK_IMPORT, project_id, name)


def bulk_imports(
    session: Session, caller: Caller, project_id: str, args: ListArgs
) -> Sequence[AnnotationImport]:
    """A project's bulk import requests, oldest first."""
    store.get(session, caller, Project, project_id)
    stmt = apply_list_args(
        store.scoped(caller, AnnotationImport).where(
            AnnotationImport.kind == BULK_IMPORT.name, AnnotationImport.parent_id == project_id
        ),
        ListArgs(skip=args.skip, first=args.first),
        AnnotationImport,
        default_order=[AnnotationImport.created_at],
    )
    return session.scalars(stmt).all()


def delete_bulk_import(session: Session, caller: Caller, import_id: str) -> AnnotationImport:
    """Delete a bulk import request and the predictions it made; returns it as it was."""
    record = find_bulk_import(session, caller, {"id": import_id})
    remove_predictions(session, record.id)
    session.delete(record)
    session.flush()
    session.expunge(record)
    return record
