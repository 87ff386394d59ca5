"""Reviews: scores given to labels, and the project's review metrics.

A label's net score is the sum of its (non-deleted) reviews' scores; `label_aggregate` counts
a project's labels by the sign of that sum, or (`None`) those with no review at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import Label, Project, Review
from ..errors import MalformedRequest
from . import clock, ids, store, webhook_events
from .context import Caller
from .pagination import ListArgs, apply_list_args

NET_SCORES = ("Negative", "Zero", "Positive", "None")


def create_review(session: Session, caller: Caller, data: Mapping[str, Any]) -> Review:
    """A review of a label (`score`, `label: {connect}`, `project: {connect}`); the project
    must be the label's."""
    label = store.get(session, caller, Label, data["label"]["connect"]["id"])
    project = store.get(session, caller, Project, data["project"]["connect"]["id"])
    if label.project_id != project.id:
        raise MalformedRequest(f'Label "{label.id}" is not a label of project "{project.id}"')
    now = clock.now()
    review = Review(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        project_id=project.id,
        label_id=label.id,
        created_by_id=caller.user_id,
        score=_score(data.get("score")),
        created_at=now,
        updated_at=now,
        deleted=False,
    )
    session.add(review)
    session.flush()
    webhook_events.review_changed(session, caller, webhook_events.REVIEW_CREATED, review)
    return review


def update_review(
    session: Session, caller: Caller, review_id: str, data: Mapping[str, Any]
) -> Review:
    """Change the score, or soft-delete the review (`deleted: true`)."""
    review = store.get(session, caller, Review, review_id)
    if "score" in data:
        review.score = _score(data["score"])
    deleting = bool(data.get("deleted")) and not review.deleted
    if data.get("deleted"):
        review.deleted = True
    review.updated_at = clock.now()
    session.flush()
    topic = webhook_events.REVIEW_DELETED if deleting else webhook_events.REVIEW_UPDATED
    webhook_events.review_changed(session, caller, topic, review)
    return review


def _score(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MalformedRequest.null_field("score")
    return float(value)


def reviews_of(session: Session, caller: Caller, label_id: str, args: ListArgs) -> Sequence[Review]:
    """A label's reviews, oldest first."""
    stmt = apply_list_args(
        store.scoped(caller, Review).where(Review.label_id == label_id),
        args,
        Review,
        default_order=[Review.created_at],
    )
    return session.scalars(stmt).all()


def reviews_by_label(session: Session, label_ids: Sequence[str]) -> dict[str, list[Review]]:
    """The non-deleted reviews of each label, oldest first (for exports)."""
    found: dict[str, list[Review]] = {label_id: [] for label_id in label_ids}
    for start in range(0, len(label_ids), store.CHUNK):
        chunk = label_ids[start : start + store.CHUNK]
        for review in session.scalars(
            select(Review)
            .where(Review.label_id.in_(chunk), Review.deleted.is_(False))
            .order_by(Review.created_at, Review.id)
        ):
            found[review.label_id].append(review)
    return found


def label_aggregate(session: Session, caller: Caller, project_id: str, net_score: str) -> int:
    """How many of the project's labels have this net score (`None`: no review)."""
    if net_score not in NET_SCORES:
        raise MalformedRequest(f"netScore must be one of {', '.join(NET_SCORES)}")
    reviewed = (
        select(Review.label_id, func.sum(Review.score).label("net"))
        .where(Review.project_id == project_id, Review.deleted.is_(False))
        .group_by(Review.label_id)
        .subquery()
    )
    stmt = (
        store.scoped(caller, Label)
        .with_only_columns(func.count(Label.id))
        .outerjoin(reviewed, reviewed.c.label_id == Label.id)
        .where(Label.project_id == project_id, Label.deleted.is_(False))
    )
    condition = {
        "None": reviewed.c.net.is_(None),
        "Negative": reviewed.c.net < 0,
        "Zero": reviewed.c.net == 0,
        "Positive": reviewed.c.net > 0,
    }[net_score]
    return int(session.scalar(stmt.where(condition)) or 0)
