"""Invites, resource tags, IAM integrations and webhooks (with their outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, false, true
from sqlalchemy.orm import Mapped, mapped_column

from ..types import Str, UTCDateTime
from .base import ID, Base, OrganizationOwned


class Invite(OrganizationOwned, Base):
    """An invitation to join the organization (with project roles for a project-based
    invitee). Accepting it makes a user; cancelling it soft-deletes it."""

    __tablename__ = "invites"
    __graphql_types__ = ("Invite",)
    __table_args__ = (Index("ix_invites_org_created", "organization_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    inviter_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    invitee_email: Mapped[str] = mapped_column(Str(320))
    organization_role_id: Mapped[str] = mapped_column(ID, ForeignKey("roles.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: When it was accepted, and the user it made.
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    user_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class InviteProject(Base):
    """A project role an invitee gets on accepting."""

    __tablename__ = "invite_projects"

    invite_id: Mapped[str] = mapped_column(ID, ForeignKey("invites.id"), primary_key=True)
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"), primary_key=True)
    role_id: Mapped[str] = mapped_column(ID, ForeignKey("roles.id"))


class ResourceTag(OrganizationOwned, Base):
    """A colored tag projects can carry (`text` unique in the organization)."""

    __tablename__ = "resource_tags"
    __graphql_types__ = ("ResourceTag",)
    __table_args__ = (Index("ux_resource_tags_org_text", "organization_id", "text", unique=True),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    text: Mapped[str] = mapped_column(Str())
    #: Hex RGB without `#` (`ffffff`).
    color: Mapped[str] = mapped_column(Str(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProjectResourceTag(Base):
    """A resource tag on a project."""

    __tablename__ = "project_resource_tags"
    __graphql_types__ = ("ProjectResourceTag",)
    __table_args__ = (
        Index("ux_project_resource_tags", "project_id", "resource_tag_id", unique=True),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"))
    resource_tag_id: Mapped[str] = mapped_column(ID, ForeignKey("resource_tags.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class IAMIntegration(OrganizationOwned, Base):
    """A delegated-access integration (AWS role or GCP service account). The local server
    signs nothing with it; it records it, and datasets name it as their signer."""

    __tablename__ = "iam_integrations"
    __graphql_types__ = ("IAMIntegration",)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(Str())
    #: `AWS` or `GCP`.
    provider: Mapped[str] = mapped_column(Str(16))
    role_arn: Mapped[str | None] = mapped_column(Str())
    service_account_email_id: Mapped[str | None] = mapped_column(Str())
    read_bucket: Mapped[str | None] = mapped_column(Str())
    valid: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    is_org_default: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    last_valid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Webhook(OrganizationOwned, Base):
    """Where to POST the events of a project (or, with no project, of the organization).
    `secret` signs deliveries; the API never returns it."""

    __tablename__ = "webhooks"
    __graphql_types__ = ("Webhook",)
    __table_args__ = (Index("ix_webhooks_org_project", "organization_id", "project_id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    project_id: Mapped[str | None] = mapped_column(ID, ForeignKey("projects.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    url: Mapped[str] = mapped_column(Str())
    secret: Mapped[str] = mapped_column(Str())
    #: The `WebhookTopic` names it is sent (a JSON list).
    topics: Mapped[Any] = mapped_column(JSON)
    #: ACTIVE, INACTIVE or REVOKED.
    status: Mapped[str] = mapped_column(Str(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WebhookDelivery(OrganizationOwned, Base):
    """One event for one webhook: the outbox row the deliverer sends until it is answered
    2xx (DELIVERED) or its time is up (FAILED); CANCELLED when the webhook stopped being
    ACTIVE before it was sent. `body` is the exact JSON text that is signed and sent."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_webhook", "webhook_id", "created_at"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    webhook_id: Mapped[str] = mapped_column(ID, ForeignKey("webhooks.id"))
    topic: Mapped[str] = mapped_column(Str(32))
    body: Mapped[str] = mapped_column(Str())
    #: PENDING, DELIVERED, FAILED or CANCELLED.
    status: Mapped[str] = mapped_column(Str(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: No attempt is made after this instant.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: The deliverer sending it (`host|pid|token`) and until when its claim holds.
    claimed_by: Mapped[str | None] = mapped_column(Str(200))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Str())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WebhookAttempt(Base):
    """One attempt at a delivery: when, the HTTP status (None: no answer) or the error."""

    __tablename__ = "webhook_attempts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    delivery_id: Mapped[str] = mapped_column(ID, ForeignKey("webhook_deliveries.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Str())
    duration_ms: Mapped[float] = mapped_column(Float)
