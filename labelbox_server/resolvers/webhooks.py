"""Webhooks: `Query.webhook`, `Mutation.createWebhook/updateWebhook`, `Project.webhooks`,
`Organization.webhooks` and the `Webhook` type (its `secret` is never a field)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Organization, Project, User, Webhook
from ..domain import access, organizations, store, users, webhooks
from .access import optional_argument, owner, requires
from .context import Info, request_context
from .organizations import organization_type
from .projects import project_type
from .root import mutation, query

webhook_type = ObjectType("Webhook")


@query.field("webhook")
@requires(access.MANAGE_PROJECT, project=owner(Webhook, "where", "id"))
def resolve_webhook(_root: Any, info: Info, where: dict[str, Any]) -> Webhook:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Webhook, where["id"])


@mutation.field("createWebhook")
@requires(access.MANAGE_PROJECT, project=optional_argument("data", "project", "id"))
def resolve_create_webhook(_root: Any, info: Info, data: dict[str, Any]) -> Webhook:
    ctx = request_context(info)
    return webhooks.create_webhook(ctx.session, ctx.caller, data)


@mutation.field("updateWebhook")
@requires(access.MANAGE_PROJECT, project=owner(Webhook, "where", "id"))
def resolve_update_webhook(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> Webhook:
    ctx = request_context(info)
    return webhooks.update_webhook(ctx.session, ctx.caller, where["id"], data)


@project_type.field("webhooks")
def resolve_project_webhooks(project: Project, info: Info, **args: Any) -> Sequence[Webhook]:
    ctx = request_context(info)
    return webhooks.list_webhooks(
        ctx.session,
        ctx.caller,
        project_id=project.id,
        skip=args.get("skip"),
        first=args.get("first"),
    )


@organization_type.field("webhooks")
def resolve_organization_webhooks(
    _organization: Organization, info: Info, **args: Any
) -> Sequence[Webhook]:
    ctx = request_context(info)
    return webhooks.list_webhooks(
        ctx.session, ctx.caller, skip=args.get("skip"), first=args.get("first")
    )


@webhook_type.field("createdBy")
def resolve_created_by(webhook: Webhook, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, webhook.created_by_id)


@webhook_type.field("organization")
def resolve_organization(_webhook: Webhook, info: Info) -> Organization:
    ctx = request_context(info)
    return organizations.get_organization(ctx.session, ctx.caller)


@webhook_type.field("project")
def resolve_project(webhook: Webhook, info: Info) -> Project | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, Project, webhook.project_id, deleted=True)
