"""Labeling parameter overrides: a data row's priority (at least 1, lower first) and number
of labels (at least 1) in a project's queue; see `queue` for how they order it.

`set_overrides` creates or replaces the overrides of data rows of the project (a row the
project does not have is rejected with every such id named, and nothing is set);
`unset_overrides` removes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..db.models import LabelingParameterOverride, Project
from ..errors import MalformedRequest
from . import clock, ids, store
from .context import Caller
from .pagination import ListArgs, apply_list_args
from .queue import rows_in_project

CHUNK = 500


def set_overrides(
    session: Session, caller: Caller, project: Project, items: Sequence[Mapping[str, Any]]
) -> bool:
    """Create or replace the overrides (`[{data_row: {id}, priority, num_labels}]`)."""
    wanted: dict[str, tuple[int, int]] = {}
    for index, item in enumerate(items):
        row_id = item["data_row"]["id"]
        priority, labels = item["priority"], item["num_labels"]
        if priority < 1:
            raise MalformedRequest(f"data[{index}].priority: expected at least 1, got {priority}")
        if labels < 1:
            raise MalformedRequest(f"data[{index}].numLabels: expected at least 1, got {labels}")
        if row_id in wanted:
            raise MalformedRequest(f"data[{index}]: data row {row_id} is given twice")
        wanted[row_id] = (priority, labels)
    present = rows_in_project(session, project, wanted)
    missing = [row_id for row_id in wanted if row_id not in present]
    if missing:
        raise MalformedRequest(f"Data rows not in the project: {', '.join(missing)}")
    now = clock.now()
    existing = _overrides(session, project, list(wanted))
    for row_id, (priority, labels) in wanted.items():
        override = existing.get(row_id)
        if override is None:
            session.add(
                LabelingParameterOverride(
                    id=ids.new_id(),
                    organization_id=caller.organization_id,
                    project_id=project.id,
                    data_row_id=row_id,
                    priority=priority,
                    number_of_labels=labels,
                    created_at=now,
                    updated_at=now,
                )
            )
        else:
            override.priority, override.number_of_labels, override.updated_at = (
                priority,
                labels,
                now,
            )
    project.updated_at = now
    session.flush()
    return True


def unset_overrides(
    session: Session, caller: Caller, project: Project, items: Sequence[Mapping[str, Any]]
) -> bool:
    """Remove the overrides of the data rows (`[{data_row_id}]`); rows without one are fine."""
    row_ids = list(dict.fromkeys(item["data_row_id"] for item in items))
    for start in range(0, len(row_ids), CHUNK):
        session.execute(
            delete(LabelingParameterOverride).where(
                LabelingParameterOverride.project_id == project.id,
                LabelingParameterOverride.data_row_id.in_(row_ids[start : start + CHUNK]),
            )
        )
    project.updated_at = clock.now()
    session.flush()
    return True


def list_overrides(
    session: Session, caller: Caller, project_id: str, args: ListArgs
) -> Sequence[LabelingParameterOverride]:
    """The project's overrides, oldest first."""
    stmt = store.scoped(caller, LabelingParameterOverride).where(
        LabelingParameterOverride.project_id == project_id
    )
    stmt = apply_list_args(
        stmt, args, LabelingParameterOverride, default_order=[LabelingParameterOverride.created_at]
    )
    return session.scalars(stmt).all()


def _overrides(
    session: Session, project: Project, row_ids: Sequence[str]
) -> dict[str, LabelingParameterOverride]:
    found: dict[str, LabelingParameterOverride] = {}
    for start in range(0, len(row_ids), CHUNK):
        for override in session.scalars(
            select(LabelingParameterOverride).where(
                LabelingParameterOverride.project_id == project.id,
                LabelingParameterOverride.data_row_id.in_(row_ids[start : start + CHUNK]),
            )
        ):
            found[override.data_row_id] = override
    return found
