"""`Query.dataset(s)`, `Mutation.createDataset/updateDataset` and the `Dataset` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Dataset, Organization, Project, User
from ..domain import datasets, organizations, projects, users
from ..domain.pagination import ListArgs
from ..graphql.context import Info, request_context
from .common import snake_case_aliases
from .root import mutation, query

dataset_type = snake_case_aliases(
    ObjectType("Dataset"),
    {"createdAt": "created_at", "updatedAt": "updated_at", "rowCount": "row_count"},
)


@query.field("dataset")
def resolve_dataset(_root: Any, info: Info, where: dict[str, Any]) -> Dataset:
    ctx = request_context(info)
    return datasets.get_dataset(ctx.session, ctx.caller, where["id"])


@query.field("datasets")
def resolve_datasets(_root: Any, info: Info, **args: Any) -> Sequence[Dataset]:
    ctx = request_context(info)
    return datasets.list_datasets(ctx.session, ctx.caller, ListArgs.from_graphql(args))


@mutation.field("createDataset")
def resolve_create_dataset(_root: Any, info: Info, data: dict[str, Any]) -> Dataset:
    ctx = request_context(info)
    return datasets.create_dataset(ctx.session, ctx.caller, data)


@mutation.field("updateDataset")
def resolve_update_dataset(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> Dataset:
    ctx = request_context(info)
    return datasets.update_dataset(ctx.session, ctx.caller, where["id"], data)


@dataset_type.field("createdBy")
def resolve_created_by(dataset: Dataset, info: Info) -> User | None:
    return users.user_by_id(request_context(info).session, dataset.created_by_id)


@dataset_type.field("organization")
def resolve_organization(dataset: Dataset, info: Info) -> Organization:
    return organizations.organization_by_id(request_context(info).session, dataset.organization_id)


@dataset_type.field("projects")
def resolve_projects(dataset: Dataset, info: Info, **args: Any) -> Sequence[Project]:
    ctx = request_context(info)
    return projects.list_projects(
        ctx.session, ctx.caller, ListArgs.from_graphql(args), dataset_id=dataset.id
    )


BINDABLES = [dataset_type]
