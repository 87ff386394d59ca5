"""The webhook outbox as the deliverer works it: claiming due deliveries, recording
attempts, scheduling retries.

A delivery is PENDING until it is answered 2xx (DELIVERED), cannot succeed or ran out of
time (FAILED), or its webhook stopped being ACTIVE before it was sent (CANCELLED). A
deliverer claims a due one with a compare-and-swap (`claimed_until` in the past or unset),
so one process sends it however many share the database; a claim lapses on its own after
the attempt's time, so a delivery a stopped server held is sent by the next. Every attempt
is a `WebhookAttempt` row (time, HTTP status or error, duration).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from ..db.models import Webhook, WebhookAttempt, WebhookDelivery
from . import clock, ids
from .webhooks import ACTIVE

PENDING, DELIVERED, FAILED, CANCELLED = "PENDING", "DELIVERED", "FAILED", "CANCELLED"
CANDIDATES = 20


@dataclass(frozen=True)
class Claimed:
    """A delivery to send now: where, what, with which secret, and which attempt it is."""

    id: str
    url: str
    secret: str
    topic: str
    body: str
    attempt: int
    expires_at: datetime


def due_ids(session: Session, now: datetime) -> list[str]:
    """Ids of PENDING deliveries due now and not claimed, oldest first."""
    return list(
        session.scalars(
            select(WebhookDelivery.id)
            .where(
                WebhookDelivery.status == PENDING,
                WebhookDelivery.next_attempt_at <= now,
                or_(
                    WebhookDelivery.claimed_until.is_(None),
                    WebhookDelivery.claimed_until < now,
                ),
            )
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.created_at)
            .limit(CANDIDATES)
        )
    )


def next_due(session: Session) -> datetime | None:
    """When the earliest PENDING delivery is due (None: there is none)."""
    return session.scalar(
        select(WebhookDelivery.next_attempt_at)
        .where(WebhookDelivery.status == PENDING)
        .order_by(WebhookDelivery.next_attempt_at)
        .limit(1)
    )


def claim(session: Session, delivery_id: str, worker: str, hold: timedelta) -> Claimed | None:
    """Claim a due delivery for `hold` (None: another worker has it, or it is not due).
    A delivery whose webhook is no longer ACTIVE is CANCELLED instead."""
    now = clock.now()
    result = session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.status == PENDING,
            or_(WebhookDelivery.claimed_until.is_(None), WebhookDelivery.claimed_until < now),
        )
        .values(claimed_by=worker, claimed_until=now + hold)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return None
    delivery = session.get(WebhookDelivery, delivery_id, populate_existing=True)
    assert delivery is not None
    webhook = session.get(Webhook, delivery.webhook_id)
    if webhook is None or webhook.status != ACTIVE:
        delivery.status = CANCELLED
        delivery.claimed_by = None
        delivery.claimed_until = None
        delivery.last_error = "The webhook is not ACTIVE"
        return None
    return Claimed(
        id=delivery.id,
        url=webhook.url,
        secret=webhook.secret,
        topic=delivery.topic,
        body=delivery.body,
        attempt=delivery.attempts + 1,
        expires_at=delivery.expires_at,
    )


def record(
    session: Session,
    claimed: Claimed,
    worker: str,
    *,
    attempted_at: datetime,
    duration_ms: float,
    status_code: int | None,
    error: str | None,
    retry_at: datetime | None,
) -> str:
    """Record an attempt and its outcome: DELIVERED on 2xx, PENDING again until `retry_at`
    (when given and before the delivery expires), FAILED otherwise. Returns the status."""
    delivered = status_code is not None and 200 <= status_code < 300
    if delivered:
        status = DELIVERED
    elif retry_at is not None and retry_at < claimed.expires_at:
        status = PENDING
    else:
        status = FAILED
    session.add(
        WebhookAttempt(
            id=ids.new_id(),
            delivery_id=claimed.id,
            number=claimed.attempt,
            attempted_at=attempted_at,
            status_code=status_code,
            error=error,
            duration_ms=duration_ms,
        )
    )
    session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == claimed.id, WebhookDelivery.claimed_by == worker)
        .values(
            status=status,
            attempts=claimed.attempt,
            next_attempt_at=retry_at if status == PENDING and retry_at else attempted_at,
            claimed_by=None,
            claimed_until=None,
            last_status_code=status_code,
            last_error=error,
            delivered_at=clock.now() if delivered else None,
        )
        .execution_options(synchronize_session=False)
    )
    return status


def release(session: Session, delivery_id: str, worker: str) -> None:
    """Give a claimed delivery back untried (the deliverer is stopping)."""
    session.execute(
        update(WebhookDelivery)
        .where(WebhookDelivery.id == delivery_id, WebhookDelivery.claimed_by == worker)
        .values(claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
