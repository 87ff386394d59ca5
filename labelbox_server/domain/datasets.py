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

from ..db.models import DataRow, Dataset, ProjectDataset
from ..errors import MalformedRequest, ResourceNotFound
from . import clock, ids
from .context import Caller
from .filters import FieldMap, FilterField
from .listing import apply_list_args
from .pagination import ListArgs
from .projects import get_project

FIELDS: FieldMap = {
    "id": FilterField(Dataset.id),
    "name": FilterField(Dataset.name),
    "description": FilterField(Dataset.description),
    "createdAt": FilterField(Dataset.created_at),
    "updatedAt": FilterField(Dataset.updated_at),
    "rowCount": FilterField(Dataset.row_count),
    "deleted": FilterField(Dataset.deleted),
}


def find_dataset(session: Session, caller: Caller, dataset_id: str) -> Dataset | None:
    """The caller's organization's dataset with this id; None if missing or soft-deleted."""
    dataset = session.get(Dataset, dataset_id)
    if dataset is None or dataset.deleted or dataset.organization_id != caller.organization_id:
        return None
    return dataset


def get_dataset(session: Session, caller: Caller, dataset_id: str) -> Dataset:
    """Like `find_dataset`, but raises `RESOURCE_NOT_FOUND`."""
    dataset = find_dataset(session, caller, dataset_id)
    if dataset is None:
        raise ResourceNotFound.for_id("Dataset", dataset_id)
    return dataset


def list_datasets(
    session: Session, caller: Caller, args: ListArgs, *, project_id: str | None = None
) -> Sequence[Dataset]:
    """Datasets of the caller's organization matching `args`; with `project_id`, only those
    connected to that project."""
    stmt = select(Dataset).where(Dataset.organization_id == caller.organization_id)
    if project_id is not None:
        stmt = stmt.where(
            Dataset.id.in_(
                select(ProjectDataset.dataset_id).where(ProjectDataset.project_id == project_id)
            )
        )
    stmt = apply_list_args(
        stmt,
        args,
        FIELDS,
        deleted=Dataset.deleted,
        default_order=[Dataset.created_at],
        id_column=Dataset.id,
    )
    return session.scalars(stmt).all()


def create_dataset(session: Session, caller: Caller, data: Mapping[str, Any]) -> Dataset:
    """A new dataset in the caller's organization, connected to `data.projects.connect`."""
    project_ids = list(
        dict.fromkeys(ref["id"] for ref in (data.get("projects") or {}).get("connect") or [])
    )
    projects = [get_project(session, caller, project_id) for project_id in project_ids]
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
    dataset = get_dataset(session, caller, dataset_id)
    for key in ("name", "description", "deleted"):
        if key in data and data[key] is None:
            raise MalformedRequest(f"{key} cannot be null")
    if "name" in data:
        dataset.name = data["name"]
    if "description" in data:
        dataset.description = data["description"]
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
