"""What the targets of annotation imports (`annotation_imports.ImportTarget`) share: which data
rows are missing, and which ones a resumed import already applied."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import AnnotationImport, DataRow, Label, ModelPrediction, Prediction
from . import store
from .context import Caller


def missing_data_rows(
    session: Session, caller: Caller, data_row_ids: Sequence[str]
) -> dict[str, tuple[str, str]]:
    """`DataRowNotFound` problems of the ids that are no data row of the caller's."""
    found = store.find_many(session, caller, DataRow, data_row_ids)
    return {
        row_id: ("DataRowNotFound", f'Data row "{row_id}" not found')
        for row_id in data_row_ids
        if row_id not in found
    }


def applied_data_rows(
    session: Session,
    stored: type[Label] | type[Prediction] | type[ModelPrediction],
    record: AnnotationImport,
    data_row_ids: Iterable[str],
) -> set[str]:
    """The data rows among `data_row_ids` the import already stored `stored` rows for (a
    resumed import skips them, so every annotation is stored once)."""
    return set(
        session.scalars(
            select(stored.data_row_id)
            .where(stored.import_id == record.id, stored.data_row_id.in_(list(data_row_ids)))
            .distinct()
        )
    )
