"""Projects: create, read, update, soft delete, and their links to datasets and frontends.

Semantics (as the Labelbox API):

* `create_project`: `description` defaults to "", `queueMode` to BATCH (the legacy CATALOG is
  stored as BATCH), `autoAuditNumberOfLabels` to 1 and `autoAuditPercentage` to 1.0;
  `allowedMediaType`, `setupComplete` and `lastActivityTime` stay null unless given. The
  creator becomes a member with role Admin.
* `update_project`: any field of `ProjectUpdateInput`; `queueMode` only to its current value
  (else `MALFORMED_REQUEST`); `deleted: true` soft-deletes; `datasets.connect/disconnect`
  and `labelingFrontend.connect/disconnect` change links. Every update bumps `updatedAt` and
  sets `lastActivityTime` to now (unless the update gives `lastActivityTime` itself).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from ..db.models import Dataset, LabelingFrontend, Project, ProjectDataset, ProjectMember
from ..errors import MalformedRequest
from . import clock, ids, store
from .context import Caller
from .pagination import ListArgs, apply_list_args
from .roles import ADMIN, role_id_by_name

#: Defaults of `ProjectCreateInput` fields given as null or not at all.
CREATE_DEFAULTS: Mapping[str, Any] = {
    "description": "",
    "queue_mode": "BATCH",
    "auto_audit_number_of_labels": 1,
    "auto_audit_percentage": 1.0,
}
#: `ProjectUpdateInput` fields that are not plain columns (the others are set as given).
_NOT_COLUMNS = {"queue_mode", "deleted", "datasets", "labeling_frontend"}
_NOT_NULL = {"name", "description", "queue_mode", "deleted"}
LEGACY_QUEUE_MODES = {"CATALOG": "BATCH"}


def _normalize_queue_mode(value: str) -> str:
    return LEGACY_QUEUE_MODES.get(value, value)


def list_projects(
    session: Session,
    caller: Caller,
    args: ListArgs,
    *,
    dataset_id: str | None = None,
    member_id: str | None = None,
    labeling_frontend_id: str | None = None,
    ontology_id: str | None = None,
) -> Sequence[Project]:
    """Projects of the caller's organization matching `args`, optionally only those linked
    to a dataset, having a member, or using a labeling frontend or an ontology."""
    scope: list[ColumnElement[bool]] = []
    if dataset_id is not None:
        scope.append(
            Project.id.in_(
                select(ProjectDataset.project_id).where(ProjectDataset.dataset_id == dataset_id)
            )
        )
    if member_id is not None:
        scope.append(
            Project.id.in_(
                select(ProjectMember.project_id).where(ProjectMember.user_id == member_id)
            )
        )
    if labeling_frontend_id is not None:
        scope.append(Project.labeling_frontend_id == labeling_frontend_id)
    if ontology_id is not None:
        scope.append(Project.ontology_id == ontology_id)
    stmt = apply_list_args(
        store.scoped(caller, Project).where(*scope),
        args,
        Project,
        default_order=[Project.created_at],
    )
    return store.rows(session, stmt)


def create_project(session: Session, caller: Caller, data: Mapping[str, Any]) -> Project:
    """A new project in the caller's organization (see the module docstring for defaults)."""
    values = {**CREATE_DEFAULTS, **{k: v for k, v in data.items() if v is not None}}
    values["queue_mode"] = _normalize_queue_mode(values["queue_mode"])
    now = clock.now()
    project = Project(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        created_by_id=caller.user_id,
        labeling_frontend_id=None,
        ontology_id=None,
        created_at=now,
        updated_at=now,
        deleted=False,
    )
    store.set_columns(project, values)
    session.add(project)
    session.add(
        ProjectMember(
            project_id=project.id,
            user_id=caller.user_id,
            role_id=role_id_by_name(session, ADMIN),
            created_at=now,
        )
    )
    session.flush()
    return project


def update_project(
    session: Session, caller: Caller, project_id: str, data: Mapping[str, Any]
) -> Project:
    """Apply `data` (a `ProjectUpdateInput`) to the project. Checks everything first, so a
    rejected update changes nothing."""
    project = store.get(session, caller, Project, project_id)
    for key in _NOT_NULL:
        if key in data and data[key] is None:
            raise MalformedRequest.null_field(key)
    if "queue_mode" in data and _normalize_queue_mode(data["queue_mode"]) != project.queue_mode:
        raise MalformedRequest("Queue mode cannot be changed after a project has been created")

    datasets = data.get("datasets") or {}
    connect = [
        store.get(session, caller, Dataset, dataset_id)
        for dataset_id in _unique_ids(datasets.get("connect"))
    ]
    disconnect = _unique_ids(datasets.get("disconnect"))
    for dataset_id in disconnect:
        store.get(session, caller, Dataset, dataset_id)

    frontend = data.get("labeling_frontend") or {}
    if frontend.get("connect") and frontend.get("disconnect"):
        raise MalformedRequest("labelingFrontend: give either connect or disconnect, not both")
    new_frontend = None
    if frontend.get("connect"):
        new_frontend = store.get(session, caller, LabelingFrontend, frontend["connect"]["id"])

    now = clock.now()
    store.set_columns(project, data, skip=_NOT_COLUMNS)
    if data.get("deleted"):
        project.deleted = True
    if new_frontend is not None:
        project.labeling_frontend_id = new_frontend.id
    elif frontend.get("disconnect"):
        project.labeling_frontend_id = None
    _link_datasets(session, project, connect, disconnect, now)
    project.updated_at = now
    if "last_activity_time" not in data:
        project.last_activity_time = now
    session.flush()
    return project


def _unique_ids(refs: Sequence[Mapping[str, Any]] | None) -> list[str]:
    return list(dict.fromkeys(ref["id"] for ref in refs or []))


def _link_datasets(
    session: Session,
    project: Project,
    connect: Sequence[Dataset],
    disconnect: Sequence[str],
    now: datetime,
) -> None:
    for dataset in connect:
        if session.get(ProjectDataset, (project.id, dataset.id)) is None:
            session.add(
                ProjectDataset(project_id=project.id, dataset_id=dataset.id, created_at=now)
            )
    for dataset_id in disconnect:
        link = session.get(ProjectDataset, (project.id, dataset_id))
        if link is not None:
            session.delete(link)
