"""`Query.label`, `Mutation.updateLabel/deleteLabels`, `Project.labels` and the `Label` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import DataRow, Label, Project, Review, User
from ..domain import access, labels, reviews, store, users
from ..domain.pagination import ListArgs
from .access import owner, requires
from .context import Info, request_context
from .projects import project_type
from .root import mutation, query

label_type = ObjectType("Label")


@query.field("label")
@requires(access.MEMBER)
def resolve_label(_root: Any, info: Info, where: dict[str, Any]) -> Label:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Label, where["id"])


@mutation.field("updateLabel")
@requires(access.LABEL, project=owner(Label, "where", "id"))
def resolve_update_label(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> Label:
    ctx = request_context(info)
    return labels.update_label(ctx.session, ctx.caller, where["id"], data)


@mutation.field("deleteLabels")
@requires(access.LABEL, project=owner(Label, "label_ids"))
def resolve_delete_labels(_root: Any, info: Info, label_ids: list[str]) -> list[Label]:
    ctx = request_context(info)
    return labels.delete_labels(ctx.session, ctx.caller, label_ids)


@project_type.field("labels")
def resolve_project_labels(project: Project, info: Info, **args: Any) -> Sequence[Label]:
    ctx = request_context(info)
    return labels.list_project_labels(ctx.session, ctx.caller, project.id, ListArgs.from_args(args))


@label_type.field("dataRow")
def resolve_data_row(label: Label, info: Info) -> DataRow | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, DataRow, label.data_row_id, deleted=True)


@label_type.field("createdBy")
def resolve_created_by(label: Label, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, label.created_by_id)


@label_type.field("project")
def resolve_project(label: Label, info: Info) -> Project | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, Project, label.project_id, deleted=True)


@label_type.field("reviews")
def resolve_reviews(label: Label, info: Info, **args: Any) -> Sequence[Review]:
    ctx = request_context(info)
    return reviews.reviews_of(ctx.session, ctx.caller, label.id, ListArgs.from_args(args))
