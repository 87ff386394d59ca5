"""A project's labeling queue, derived from what is stored: nothing else needs to be kept.

* The queue's data rows are those of the project's batches (BATCH mode) or of its attached,
  non-deleted datasets (DATA_SET mode); deleted data rows are never in it. Overrides may
  be set for the rows of either.
* A data row is queued while it has fewer live labels in the project (rows of the `labels`
  table with its `project_id`, not deleted) than it needs: its labeling parameter
  override's `number_of_labels`, else its batch row's `labels_needed` (1, or the batch's
  consensus `numberOfLabels` for the rows consensus covers), else 1. So a row leaves the
  queue when it is labeled, and comes back when its label is deleted.
* Order: rows with an override first, lower override priority first; then lower batch
  priority (1..5); then order of arrival (the batch row's position, or creation time in
  DATA_SET mode); the data row id breaks ties.

`fingerprint` summarizes everything the queue depends on, so an export of it can be reused
while nothing changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, cast, func, select
from sqlalchemy.orm import Session, aliased

from ..db.models import (
    BatchDataRow,
    DataRow,
    Dataset,
    Label,
    LabelingParameterOverride,
    Project,
    ProjectDataset,
)

BATCH_MODE = "BATCH"
CHUNK = 500


def _live_labels(project_id: str, data_row_id: Any) -> Any:
    return (
        select(func.count(Label.id))
        .where(
            Label.project_id == project_id,
            Label.data_row_id == data_row_id,
            Label.deleted.is_(False),
        )
        .scalar_subquery()
    )


def queued_data_row_ids(session: Session, project: Project) -> list[str]:
    """The ids of the project's queued data rows, in labeling order."""
    override = aliased(LabelingParameterOverride)
    if project.queue_mode == BATCH_MODE:
        row_id: Any = BatchDataRow.data_row_id
        stmt: Select[Any] = (
            select(row_id)
            .join(DataRow, DataRow.id == row_id)
            .outerjoin(override, _override_of(override, project, row_id))
            .where(BatchDataRow.project_id == project.id, DataRow.deleted.is_(False))
            .where(
                _live_labels(project.id, row_id)
                < func.coalesce(override.number_of_labels, BatchDataRow.labels_needed)
            )
            .order_by(
                override.priority.is_(None),
                override.priority,
                BatchDataRow.priority,
                BatchDataRow.position,
                row_id,
            )
        )
    else:
        row_id = DataRow.id
        stmt = (
            _dataset_rows(project)
            .outerjoin(override, _override_of(override, project, row_id))
            .where(_live_labels(project.id, row_id) < func.coalesce(override.number_of_labels, 1))
            .order_by(
                override.priority.is_(None), override.priority, DataRow.created_at, DataRow.id
            )
        )
    return list(session.scalars(stmt))


def rows_in_project(session: Session, project: Project, data_row_ids: Iterable[str]) -> set[str]:
    """Those of the ids that are data rows of the project, labeled or not: rows of its
    batches or of its attached datasets (whatever its queue mode)."""
    wanted = list(dict.fromkeys(data_row_ids))
    found: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        in_batches = (
            select(BatchDataRow.data_row_id)
            .join(DataRow, DataRow.id == BatchDataRow.data_row_id)
            .where(
                BatchDataRow.project_id == project.id,
                BatchDataRow.data_row_id.in_(chunk),
                DataRow.deleted.is_(False),
            )
        )
        found.update(session.scalars(in_batches))
        found.update(session.scalars(_dataset_rows(project).where(DataRow.id.in_(chunk))))
    return found


def fingerprint(session: Session, project: Project) -> str:
    """A digest of everything the project's queue depends on."""
    parts: list[Any] = [project.queue_mode]
    if project.queue_mode == BATCH_MODE:
        parts.extend(
            session.execute(
                select(
                    func.count(),
                    func.max(BatchDataRow.position),
                    func.sum(BatchDataRow.labels_needed),
                ).where(BatchDataRow.project_id == project.id)
            ).one()
        )
        datasets: Any = (
            select(DataRow.dataset_id)
            .join(BatchDataRow, BatchDataRow.data_row_id == DataRow.id)
            .where(BatchDataRow.project_id == project.id)
            .distinct()
        )
    else:
        parts.extend(
            session.execute(
                select(func.count(), func.max(ProjectDataset.created_at)).where(
                    ProjectDataset.project_id == project.id
                )
            ).one()
        )
        datasets = select(ProjectDataset.dataset_id).where(ProjectDataset.project_id == project.id)
    parts.extend(
        session.execute(
            select(
                func.count(), func.max(Dataset.data_rows_changed_at), func.max(Dataset.updated_at)
            )
            .select_from(Dataset)
            .where(Dataset.id.in_(datasets))
        ).one()
    )
    parts.extend(
        session.execute(
            select(func.count(), func.max(LabelingParameterOverride.updated_at)).where(
                LabelingParameterOverride.project_id == project.id
            )
        ).one()
    )
    parts.extend(
        session.execute(
            select(
                func.count(),
                func.sum(cast(Label.deleted, Integer)),
                func.max(Label.updated_at),
            ).where(Label.project_id == project.id)
        ).one()
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _override_of(override: Any, project: Project, row_id: Any) -> ColumnElement[bool]:
    return and_(override.project_id == project.id, override.data_row_id == row_id)


def _dataset_rows(project: Project) -> Select[Any]:
    """Non-deleted data rows of the project's non-deleted datasets."""
    return (
        select(DataRow.id)
        .join(ProjectDataset, ProjectDataset.dataset_id == DataRow.dataset_id)
        .join(Dataset, Dataset.id == DataRow.dataset_id)
        .where(
            ProjectDataset.project_id == project.id,
            Dataset.deleted.is_(False),
            DataRow.deleted.is_(False),
        )
    )
