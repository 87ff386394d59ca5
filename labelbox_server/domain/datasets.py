"""Datasets: create, read, update, soft delete; projects connect to them.

* `create_dataset`: `description` defaults to ""; `projects.connect` links projects of the
  caller's organization (unknown ones → `RESOURCE_NOT_FOUND`, nothing is created).
* `update_dataset`: `name`, `description`, `deleted: true` (soft delete: the dataset then
  disappears from every list, including `Project.datasets`; its data rows are soft-deleted
  with it).
* `rowCount` is the stored number of non-deleted data rows (`Dataset.row_count`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..db.models import DataRow, Dataset, Project, ProjectDataset
from ..errors import MalformedRequest
from . import clock, ids, store
from .context import Caller
from .pagination import ListArgs, apply_list_args

_NOT_NULL = ("name", "description", "deleted")


def list_datasets(
    session: Session, caller: Caller, args: ListArgs, *, project_id: str | None = None
) -> Sequence[Dataset]:
    """Datasets of the caller's organization matching `args`; with `project_id`, only those
    connected to that project."""
    stmt = store.scoped(caller, Dataset)
    if project_id is not None:
        stmt = stmt.where(
            Dataset.id.in_(
                select(ProjectDataset.dataset_id).where(ProjectDataset.project_id == project_id)
            )
        )
    stmt = apply_list_args(stmt, args, Dataset, default_order=[Dataset.created_at])
    return store.rows(session, stmt)


def create_dataset(session: Session, caller: Caller, data: Mapping[str, Any]) -> Dataset:
    """A new dataset in the caller's organization, connected to `data.projects.connect`."""
    project_ids = list(
        dict.fromkeys(ref["id"] for ref in (data.get("projects") or {}).get("connect") or [])
    )
    projects = [store.get(session, caller, Project, project_id) for project_id in project_ids]
    now = clock.now()
    dataset = Dataset(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        created_by_id=caller.user_id,
        name=data["name"],
        description=data.get("description") or "",
        row_count=0,
        created_at=now,
        updated_at=now,
        deleted=False,
    )
    session.add(dataset)
    session.add_all(
        ProjectDataset(project_id=project.id, dataset_id=dataset.id, created_at=now)
        for project in projects
    )
    session.flush()
    return dataset


def update_dataset(
    session: Session, caller: Caller, dataset_id: str, data: Mapping[str, Any]
) -> Dataset:
    """Apply `data` (a `DatasetUpdateInput`) to the dataset."""
    dataset = store.get(session, caller, Dataset, dataset_id)
    for key in _NOT_NULL:
        if key in data and data[key] is None:
            raise MalformedRequest.null_field(key)
    store.set_columns(dataset, data, skip={"deleted"})
    now = clock.now()
    if data.get("deleted"):
        dataset.deleted = True
        dataset.data_rows_changed_at = now
        session.execute(
            update(DataRow)
            .where(DataRow.dataset_id == dataset.id, DataRow.deleted.is_(False))
            .values(deleted=True, updated_at=now)
        )
    dataset.updated_at = now
    session.flush()
    return dataset
