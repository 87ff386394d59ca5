"""`Query.review`, `Mutation.createReview/updateReview`, `Project.reviewMetrics` and the
`Review` type."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType

from ..db.models import Label, Organization, Project, Review, User
from ..domain import access, organizations, reviews, store, users
from .access import argument, owner, requires
from .context import Info, request_context
from .projects import project_type
from .root import mutation, query

review_type = ObjectType("Review")
review_metrics_type = ObjectType("ProjectReviewMetrics")


@query.field("review")
@requires(access.MEMBER)
def resolve_review(_root: Any, info: Info, where: dict[str, Any]) -> Review:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Review, where["id"])


@mutation.field("createReview")
@requires(access.REVIEW, project=argument("data", "project", "connect", "id"))
def resolve_create_review(_root: Any, info: Info, data: dict[str, Any]) -> Review:
    ctx = request_context(info)
    return reviews.create_review(ctx.session, ctx.caller, data)


@mutation.field("updateReview")
@requires(access.REVIEW, project=owner(Review, "where", "id"))
def resolve_update_review(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> Review:
    ctx = request_context(info)
    return reviews.update_review(ctx.session, ctx.caller, where["id"], data)


@review_type.field("createdBy")
def resolve_created_by(review: Review, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, review.created_by_id)


@review_type.field("organization")
def resolve_organization(_review: Review, info: Info) -> Organization:
    ctx = request_context(info)
    return organizations.get_organization(ctx.session, ctx.caller)


@review_type.field("project")
def resolve_project(review: Review, info: Info) -> Project | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, Project, review.project_id, deleted=True)


@review_type.field("label")
def resolve_label(review: Review, info: Info) -> Label | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, Label, review.label_id, deleted=True)


@project_type.field("reviewMetrics")
def resolve_review_metrics(project: Project, _info: Info) -> Project:
    return project


@review_metrics_type.field("labelAggregate")
def resolve_label_aggregate(
    project: Project, info: Info, net_score: str | None = None
) -> dict[str, int]:
    ctx = request_context(info)
    count = reviews.label_aggregate(ctx.session, ctx.caller, project.id, net_score or "None")
    return {"count": count}
