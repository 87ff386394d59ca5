"""Review settings and reservations of a project's queues.

`upsert_review_queue` records the share (0 to 1) of labels sent to review. Reservations are
the web editor's: this server has none, so extending them extends nothing.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Project, ReviewQueue
from ..errors import MalformedRequest
from . import clock, ids, store
from .context import Caller


def upsert_review_queue(
    session: Session, caller: Caller, project_id: str, quota_factor: float
) -> ReviewQueue:
    """Set the project's review share."""
    project = store.get(session, caller, Project, project_id)
    if not 0 <= quota_factor <= 1:
        raise MalformedRequest(f"quotaFactor: expected 0 to 1, got {quota_factor}")
    now = clock.now()
    queue = session.scalars(select(ReviewQueue).where(ReviewQueue.project_id == project.id)).first()
    if queue is None:
        queue = ReviewQueue(id=ids.new_id(), project_id=project.id, created_at=now)
        session.add(queue)
    queue.quota_factor = quota_factor
    queue.updated_at = now
    session.flush()
    return queue


def extend_reservations(session: Session, caller: Caller, project_id: str, queue_type: str) -> int:
    """How many of the caller's reservations in the queue were extended: none here."""
    store.get(session, caller, Project, project_id)
    return 0
