"""Webhooks: rules to POST events of a project (or of the whole organization) to a URL, and
`emit`, the one way a change reports an event.

* `create_webhook`: `url` must be an http(s) URL (where it may be delivered is the server's
  allow-list, checked at delivery), `secret` non-empty, `topics` a non-empty set; a new
  webhook is ACTIVE. `update_webhook` changes topics, URL and status; the SDK deletes one
  by setting it INACTIVE.
* `emit(session, caller, topic, project_id, payload)` writes one outbox row
  (`WebhookDelivery`) per ACTIVE webhook of the project, and per organization-wide one,
  subscribed to the topic, in the caller's transaction: the event exists exactly when the
  change does, and nothing is sent before it commits. The deliverer (see
  `labelbox_server.deliverer`) is woken after the commit; the request never waits for it.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Project, Webhook, WebhookDelivery
from ..db.session import notify_after_commit
from ..errors import MalformedRequest
from . import clock, ids, store
from .context import Caller
from .pagination import page

TOPICS = (
    "LABEL_CREATED",
    "LABEL_UPDATED",
    "LABEL_DELETED",
    "REVIEW_CREATED",
    "REVIEW_UPDATED",
    "REVIEW_DELETED",
)
ACTIVE, INACTIVE, REVOKED = "ACTIVE", "INACTIVE", "REVOKED"
#: The topic sessions are notified of when they wrote deliveries.
DELIVERIES_WRITTEN = "webhook_deliveries"
#: How long the deliverer keeps trying a delivery (the server sets it from its settings).
RETRY_FOR = timedelta(hours=1)


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise MalformedRequest(f"url: {url!r} is not an http(s) URL")
    return url


def _check_topics(topics: Sequence[str]) -> list[str]:
    if not topics:
        raise MalformedRequest("topics: a webhook needs at least one topic")
    return list(dict.fromkeys(topics))


def create_webhook(session: Session, caller: Caller, data: Mapping[str, Any]) -> Webhook:
    """A new ACTIVE webhook (of `data.project.id`, or organization-wide)."""
    project_ref = data.get("project")
    project = store.get(session, caller, Project, project_ref["id"]) if project_ref else None
    if not data["secret"]:
        raise MalformedRequest("secret: a webhook needs a non-empty secret")
    now = clock.now()
    webhook = Webhook(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        project_id=project.id if project is not None else None,
        created_by_id=caller.user_id,
        url=_check_url(data["url"]),
        secret=data["secret"],
        topics=_check_topics(data["topics"]["set"]),
        status=ACTIVE,
        created_at=now,
        updated_at=now,
    )
    session.add(webhook)
    session.flush()
    return webhook


def update_webhook(
    session: Session, caller: Caller, webhook_id: str, data: Mapping[str, Any]
) -> Webhook:
    """Change a webhook's topics, URL or status (null or absent: unchanged)."""
    webhook = store.get(session, caller, Webhook, webhook_id)
    if data.get("topics") is not None:
        webhook.topics = _check_topics(data["topics"]["set"])
    if data.get("url") is not None:
        webhook.url = _check_url(data["url"])
    if data.get("status") is not None:
        webhook.status = data["status"]
    webhook.updated_at = clock.now()
    session.flush()
    return webhook


def list_webhooks(
    session: Session,
    caller: Caller,
    *,
    project_id: str | None = None,
    skip: int | None = None,
    first: int | None = None,
) -> Sequence[Webhook]:
    """The organization's webhooks (only the project's with `project_id`), oldest first."""
    stmt = store.scoped(caller, Webhook)
    if project_id is not None:
        stmt = stmt.where(Webhook.project_id == project_id)
    return session.scalars(page(stmt.order_by(Webhook.created_at, Webhook.id), skip, first)).all()


def subscribers(
    session: Session, caller: Caller, topic: str, project_ids: Collection[str | None]
) -> dict[str | None, list[Webhook]]:
    """The ACTIVE webhooks subscribed to `topic`, for each project of `project_ids`
    (organization-wide ones included in each)."""
    if topic not in TOPICS:
        raise ValueError(f"unknown webhook topic {topic!r}")
    webhooks = session.scalars(
        select(Webhook).where(
            Webhook.organization_id == caller.organization_id, Webhook.status == ACTIVE
        )
    ).all()
    subscribed = [webhook for webhook in webhooks if topic in (webhook.topics or ())]
    return {
        project_id: [w for w in subscribed if w.project_id is None or w.project_id == project_id]
        for project_id in project_ids
    }


def emit(
    session: Session,
    caller: Caller,
    topic: str,
    project_id: str | None,
    payload: Mapping[str, Any],
) -> list[WebhookDelivery]:
    """Record the event for every ACTIVE webhook of the project (and organization-wide
    webhook) subscribed to `topic`; returns the deliveries written."""
    return emit_many(session, caller, topic, [(project_id, payload)])


def emit_many(
    session: Session,
    caller: Caller,
    topic: str,
    events: Sequence[tuple[str | None, Mapping[str, Any]]],
) -> list[WebhookDelivery]:
    """`emit` for many events of one topic (one lookup of the webhooks)."""
    targets = subscribers(session, caller, topic, {project_id for project_id, _ in events})
    now = clock.now()
    deliveries = [
        WebhookDelivery(
            id=ids.new_id(),
            organization_id=caller.organization_id,
            webhook_id=webhook.id,
            topic=topic,
            body=body,
            status="PENDING",
            attempts=0,
            next_attempt_at=now,
            expires_at=now + RETRY_FOR,
            created_at=now,
        )
        for project_id, payload in events
        if targets[project_id]
        for body in [json.dumps(payload, separators=(",", ":"), default=str)]
        for webhook in targets[project_id]
    ]
    if deliveries:
        session.add_all(deliveries)
        session.flush()
        notify_after_commit(session, DELIVERIES_WRITTEN)
    return deliveries


def any_subscriber(session: Session, caller: Caller) -> bool:
    """Whether the organization has an ACTIVE webhook at all (to skip building events)."""
    found = session.scalars(
        select(Webhook.id)
        .where(Webhook.organization_id == caller.organization_id, Webhook.status == ACTIVE)
        .limit(1)
    ).first()
    return found is not None
