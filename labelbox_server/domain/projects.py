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

from ..db.models import Dataset, Project, ProjectDataset, ProjectMember
from ..errors import MalformedRequest, ResourceNotFound
from . import clock, ids
from .context import Caller
from .filters import FieldMap, FilterField
from .labeling_frontends import get_labeling_frontend
from .listing import apply_list_args
from .pagination import ListArgs
from .roles import ADMIN, role_by_name

FIELDS: FieldMap = {
    "id": FilterField(Project.id),
    "name": FilterField(Project.name),
    "description": FilterField(Project.description),
    "createdAt": FilterField(Project.created_at),
    "updatedAt": FilterField(Project.updated_at),
    "setupComplete": FilterField(Project.setup_complete),
    "lastActivityTime": FilterField(Project.last_activity_time),
    "queueMode": FilterField(Project.queue_mode),
    "allowedMediaType": FilterField(Project.allowed_media_type),
    "autoAuditNumberOfLabels": FilterField(Project.auto_audit_number_of_labels),
    "autoAuditPercentage": FilterField(Project.auto_audit_percentage),
    "deleted": FilterField(Project.deleted),
}

# Input field → model attribute, for the plain columns of create and update inputs.
_COLUMNS = {
    "name": "name",
    "description": "description",
    "setupComplete": "setup_complete",
    "lastActivityTime": "last_activity_time",
    "allowedMediaType": "allowed_media_type",
    "autoAuditNumberOfLabels": "auto_audit_number_of_labels",
    "autoAuditPercentage": "auto_audit_percentage",
}
_NOT_NULL = {"name", "description", "queueMode", "deleted"}

DEFAULT_QUEUE_MODE = "BATCH"
LEGACY_QUEUE_MODES = {"CATALOG": "BATCH"}


def _normalize_queue_mode(value: str) -> str:
    return LEGACY_QUEUE_MODES.get(value, value)


def find_project(session: Session, caller: Caller, project_id: str) -> Project | None:
    """The caller's organization's project with this id; None if missing or soft-deleted."""
    project = session.get(Project, project_id)
    if project is None or project.deleted or project.organization_id != caller.organization_id:
        return None
    return project


def get_project(session: Session, caller: Caller, project_id: str) -> Project:
    """Like `find_project`, but raises `RESOURCE_NOT_FOUND`."""
    project = find_project(session, caller, project_id)
    if project is None:
        raise ResourceNotFound.for_id("Project", project_id)
    return project


def list_projects(
    session: Session,
    caller: Caller,
    args: ListArgs,
    *,
    dataset_id: str | None = None,
    member_id: str | None = None,
    labeling_frontend_id: str | None = None,
) -> Sequence[Project]:
    """Projects of the caller's organization matching `args`, optionally only those linked
    to a dataset, having a member, or using a labeling frontend."""
    stmt = select(Project).where(Project.organization_id == caller.organization_id)
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
    stmt = apply_list_args(
        stmt.where(*scope),
        args,
        FIELDS,
        deleted=Project.deleted,
        default_order=[Project.created_at],
        id_column=Project.id,
    )
    return session.scalars(stmt).all()


def create_project(session: Session, caller: Caller, data: Mapping[str, Any]) -> Project:
    """A new project in the caller's organization (see the module docstring for defaults)."""
    now = clock.now()
    project = Project(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        created_by_id=caller.user_id,
        labeling_frontend_id=None,
        name=data["name"],
        description=data.get("description") or "",
        created_at=now,
        updated_at=now,
        setup_complete=data.get("setupComplete"),
        last_activity_time=data.get("lastActivityTime"),
        queue_mode=_normalize_queue_mode(data.get("queueMode") or DEFAULT_QUEUE_MODE),
        allowed_media_type=data.get("allowedMediaType"),
        auto_audit_number_of_labels=_default(data, "autoAuditNumberOfLabels", 1),
        auto_audit_percentage=_default(data, "autoAuditPercentage", 1.0),
        deleted=False,
    )
    session.add(project)
    session.add(
        ProjectMember(
            project_id=project.id,
            user_id=caller.user_id,
            role_id=role_by_name(session, ADMIN).id,
            created_at=now,
        )
    )
    session.flush()
    return project


def _default(data: Mapping[str, Any], key: str, default: Any) -> Any:
    value = data.get(key)
    return default if value is None else value


def update_project(
    session: Session, caller: Caller, project_id: str, data: Mapping[str, Any]
) -> Project:
    """Apply `data` (a `ProjectUpdateInput`) to the project. Checks everything first, so a
    rejected update changes nothing."""
    project = get_project(session, caller, project_id)
    for key in _NOT_NULL:
        if key in data and data[key] is None:
            raise MalformedRequest(f"{key} cannot be null")
    if "queueMode" in data and _normalize_queue_mode(data["queueMode"]) != project.queue_mode:
        raise MalformedRequest("Queue mode cannot be changed after a project has been created")

    datasets = data.get("datasets") or {}
    connect = [
        _get_dataset(session, caller, dataset_id)
        for dataset_id in _unique_ids(datasets.get("connect"))
    ]
    disconnect = _unique_ids(datasets.get("disconnect"))
    for dataset_id in disconnect:
        _get_dataset(session, caller, dataset_id)

    frontend = data.get("labelingFrontend") or {}
    if frontend.get("connect") and frontend.get("disconnect"):
        raise MalformedRequest("labelingFrontend: give either connect or disconnect, not both")
    new_frontend = None
    if frontend.get("connect"):
        new_frontend = get_labeling_frontend(session, caller, frontend["connect"]["id"])

    now = clock.now()
    for key, attribute in _COLUMNS.items():
        if key in data:
            setattr(project, attribute, data[key])
    if data.get("deleted"):
        project.deleted = True
    if new_frontend is not None:
        project.labeling_frontend_id = new_frontend.id
    elif frontend.get("disconnect"):
        project.labeling_frontend_id = None
    _link_datasets(session, project, connect, disconnect, now)
    project.updated_at = now
    if "lastActivityTime" not in data:
        project.last_activity_time = now
    session.flush()
    return project


def _unique_ids(refs: Sequence[Mapping[str, Any]] | None) -> list[str]:
    return list(dict.fromkeys(ref["id"] for ref in refs or []))


def _get_dataset(session: Session, caller: Caller, dataset_id: str) -> Dataset:
    dataset = session.get(Dataset, dataset_id)
    if dataset is None or dataset.deleted or dataset.organization_id != caller.organization_id:
        raise ResourceNotFound.for_id("Dataset", dataset_id)
    return dataset


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
