"""Deleting the labels of a batch (`deleteBatchLabels`): its data rows go back to the queue
(the queue counts live labels), the deleted labels kept as templates when asked."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import BatchDataRow, Project
from .batches import get_project_batch
from .context import Caller
from .labels import delete_labels_of_rows

REQUEUE = "RequeueData"
REQUEUE_AS_TEMPLATE = "RequeueDataWithLabelAsTemplate"


def delete_batch_labels(
    session: Session, caller: Caller, project: Project, batch_id: str, kind: str
) -> list[str]:
    """Soft-delete the project's labels of the batch's data rows; their ids."""
    batch = get_project_batch(session, caller, project, batch_id)
    rows = list(
        session.scalars(select(BatchDataRow.data_row_id).where(BatchDataRow.batch_id == batch.id))
    )
    deleted = delete_labels_of_rows(
        session, caller, project.id, rows, as_template=kind == REQUEUE_AS_TEMPLATE
    )
    session.flush()
    return deleted
