"""The events labels and reviews report to webhooks, and their payloads.

Payloads are JSON objects, as Labelbox's webhooks send them:

* `LABEL_CREATED` / `LABEL_UPDATED` / `LABEL_DELETED`: `{id, label (the annotation JSON
  text), createdAt, updatedAt, secondsToLabel, agreement, benchmarkAgreement,
  isBenchmarkReference, deleted, createdBy {id, email}, project {id, name}, dataRow {id,
  externalId, globalKey, rowData}, organization {id, name}}`;
* `REVIEW_CREATED` / `REVIEW_UPDATED` / `REVIEW_DELETED`: `{id, score, createdAt,
  updatedAt, deleted, createdBy {id, email}, label {id}, project {id, name}, organization
  {id, name}}`.

Instants are written as the API writes them (`2024-01-02T03:04:05.678Z`). Nothing is built
when the organization has no ACTIVE webhook.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import DataRow, Label, Organization, Project, Review, User
from . import store
from .clock import iso_millis
from .context import Caller
from .webhooks import any_subscriber, emit_many

LABEL_CREATED, LABEL_UPDATED, LABEL_DELETED = "LABEL_CREATED", "LABEL_UPDATED", "LABEL_DELETED"
REVIEW_CREATED, REVIEW_UPDATED, REVIEW_DELETED = (
    "REVIEW_CREATED",
    "REVIEW_UPDATED",
    "REVIEW_DELETED",
)


def _user(user: User | None) -> dict[str, Any] | None:
    return None if user is None else {"id": user.id, "email": user.email}


def _organization(session: Session, caller: Caller) -> dict[str, Any]:
    organization = session.get(Organization, caller.organization_id)
    return {"id": caller.organization_id, "name": organization.name if organization else None}


def labels_changed(session: Session, caller: Caller, topic: str, label_ids: Sequence[str]) -> None:
    """Report `topic` for each of these labels (in one query for them all)."""
    if not label_ids or not any_subscriber(session, caller):
        return
    organization = _organization(session, caller)
    events: list[tuple[str | None, dict[str, Any]]] = []
    for start in range(0, len(label_ids), store.CHUNK):
        chunk = label_ids[start : start + store.CHUNK]
        rows = session.execute(
            select(Label, DataRow, Project, User)
            .join(DataRow, DataRow.id == Label.data_row_id)
            .outerjoin(Project, Project.id == Label.project_id)
            .outerjoin(User, User.id == Label.created_by_id)
            .where(Label.id.in_(chunk), Label.organization_id == caller.organization_id)
            .order_by(Label.created_at, Label.id)
        )
        for label, row, project, creator in rows:
            events.append(
                (
                    label.project_id,
                    {
                        "id": label.id,
                        "label": label.label,
                        "createdAt": iso_millis(label.created_at),
                        "updatedAt": iso_millis(label.updated_at),
                        "secondsToLabel": label.seconds_to_label,
                        "agreement": label.agreement,
                        "benchmarkAgreement": label.benchmark_agreement,
                        "isBenchmarkReference": label.is_benchmark_reference,
                        "deleted": label.deleted,
                        "createdBy": _user(creator),
                        "project": {"id": project.id, "name": project.name} if project else None,
                        "dataRow": {
                            "id": row.id,
                            "externalId": row.external_id,
                            "globalKey": row.global_key,
                            "rowData": row.row_data,
                        },
                        "organization": organization,
                    },
                )
            )
    emit_many(session, caller, topic, events)


def review_changed(session: Session, caller: Caller, topic: str, review: Review) -> None:
    """Report `topic` for a review."""
    if not any_subscriber(session, caller):
        return
    project = session.get(Project, review.project_id)
    creator = session.get(User, review.created_by_id) if review.created_by_id else None
    payload = {
        "id": review.id,
        "score": review.score,
        "createdAt": iso_millis(review.created_at),
        "updatedAt": iso_millis(review.updated_at),
        "deleted": review.deleted,
        "createdBy": _user(creator),
        "label": {"id": review.label_id},
        "project": {"id": project.id, "name": project.name} if project else None,
        "organization": _organization(session, caller),
    }
    emit_many(session, caller, topic, [(review.project_id, payload)])
