"""Labels: a project's assessment of a data row (`label` is the JSON of its annotations).

Labels are made by label imports (`label_imports`); here they are listed, changed and
deleted. Deleting is soft: a deleted label disappears from every list and export, and its
data row counts as unlabeled again (`labeled_in_project`). Updating or deleting a label
recomputes the agreement of its data row's labels (`label_agreement`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..db.models import Label, Review
from ..errors import MalformedRequest
from . import clock, label_agreement, store, webhook_events
from .context import Caller
from .pagination import ListArgs, apply_list_args


def list_project_labels(
    session: Session, caller: Caller, project_id: str, args: ListArgs
) -> Sequence[Label]:
    """A project's labels (oldest first unless `orderBy` says otherwise)."""
    stmt = apply_list_args(
        store.scoped(caller, Label).where(Label.project_id == project_id),
        args,
        Label,
        default_order=[Label.created_at],
    )
    return session.scalars(stmt).all()


def labels_of(
    session: Session, caller: Caller, data_row_id: str, args: ListArgs
) -> Sequence[Label]:
    """A data row's labels in every project, oldest first."""
    stmt = apply_list_args(
        store.scoped(caller, Label).where(Label.data_row_id == data_row_id),
        args,
        Label,
        default_order=[Label.created_at],
    )
    return store.rows(session, stmt)


def winning_label_id(
    session: Session, caller: Caller, data_row_id: str, project_id: str
) -> str | None:
    """The data row's chosen label in the project: its benchmark if it has one, else its
    newest label (None without labels)."""
    return session.scalars(
        store.scoped(caller, Label)
        .with_only_columns(Label.id)
        .where(
            Label.data_row_id == data_row_id,
            Label.project_id == project_id,
            Label.deleted.is_(False),
        )
        .order_by(Label.is_benchmark_reference.desc(), Label.created_at.desc(), Label.id.desc())
        .limit(1)
    ).first()


def labeled_in_project(
    project_id: str, data_row_id: InstrumentedAttribute[str] | ColumnElement[str]
) -> ColumnElement[bool]:
    """The condition "the data row has a (non-deleted) label in the project", for queries
    over data rows (e.g. the labeling queue: labeled rows leave it)."""
    return exists().where(
        Label.project_id == project_id,
        Label.data_row_id == data_row_id,
        Label.deleted.is_(False),
    )


def update_label(session: Session, caller: Caller, label_id: str, data: Mapping[str, Any]) -> Label:
    """Replace a label's annotation JSON (`label`: the JSON text of an object)."""
    label = store.get(session, caller, Label, label_id)
    if "label" in data:
        if not isinstance(data["label"], str):
            raise MalformedRequest.null_field("label")
        try:
            content = json.loads(data["label"])
        except ValueError:
            content = None
        if not isinstance(content, dict):
            raise MalformedRequest("label must be the JSON text of an object")
        label.label = json.dumps(content, separators=(",", ":"))
    label.updated_at = clock.now()
    session.flush()
    if "label" in data:
        label_agreement.refresh(session, [(label.project_id, label.data_row_id)])
    webhook_events.labels_changed(session, caller, webhook_events.LABEL_UPDATED, [label.id])
    return label


def delete_labels(session: Session, caller: Caller, label_ids: Iterable[str]) -> list[Label]:
    """Soft-delete the caller's labels among `label_ids`; returns those deleted (unknown,
    foreign and already deleted ids are skipped)."""
    found = store.find_many(session, caller, Label, label_ids)
    now = clock.now()
    for label in found.values():
        label.deleted = True
        label.updated_at = now
    session.flush()
    label_agreement.refresh(session, [(x.project_id, x.data_row_id) for x in found.values()])
    webhook_events.labels_changed(session, caller, webhook_events.LABEL_DELETED, list(found))
    return list(found.values())


def delete_labels_of_rows(
    session: Session,
    caller: Caller,
    project_id: str,
    data_row_ids: Sequence[str],
    *,
    as_template: bool = False,
) -> list[str]:
    """Soft-delete the project's labels of these data rows (kept as templates with
    `as_template`); returns the ids of the labels deleted. The rows keep no live label in
    the project, so no agreement is left to recompute."""
    deleted: list[str] = []
    now = clock.now()
    for start in range(0, len(data_row_ids), store.CHUNK):
        chunk = data_row_ids[start : start + store.CHUNK]
        ids = session.scalars(
            store.scoped(caller, Label)
            .with_only_columns(Label.id)
            .where(
                Label.project_id == project_id,
                Label.data_row_id.in_(chunk),
                Label.deleted.is_(False),
            )
        ).all()
        if ids:
            session.execute(
                update(Label)
                .where(Label.id.in_(ids))
                .values(deleted=True, template=as_template, updated_at=now)
                .execution_options(synchronize_session=False)
            )
        deleted.extend(ids)
    webhook_events.labels_changed(session, caller, webhook_events.LABEL_DELETED, deleted)
    return deleted


def last_change(session: Session, project_id: str) -> datetime | None:
    """When a label of the project, or a review of one, was last made, changed or deleted."""
    labels = session.scalar(
        select(func.max(Label.updated_at)).where(Label.project_id == project_id)
    )
    reviews = session.scalar(
        select(func.max(Review.updated_at)).where(Review.project_id == project_id)
    )
    changes = [
        clock.truncate_to_millis(value)
        for value in (labels, reviews)
        if isinstance(value, datetime)
    ]
    return max(changes) if changes else None
