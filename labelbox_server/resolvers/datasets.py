"""`Query.dataset(s)`, `Mutation.createDataset/updateDataset` and the `Dataset` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Dataset, Organization, Project, User
from ..domain import access, datasets, organizations, projects, store, users
from ..domain.pagination import ListArgs
from .access import requires
from .context import Info, request_context
from .root import mutation, query

dataset_type = ObjectType("Dataset")


@query.field("dataset")
@requires(access.READ_CATALOG)
def resolve_dataset(_root: Any, info: Info, where: dict[str, Any]) -> Dataset:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Dataset, where["id"])


@query.field("datasets")
@requires(access.READ_CATALOG)
def resolve_datasets(_root: Any, info: Info, **args: Any) -> Sequence[Dataset]:
    ctx = request_context(info)
    return datasets.list_datasets(ctx.session, ctx.caller, ListArgs.from_args(args))


@mutation.field("createDataset")
@requires(access.EDIT_CATALOG)
def resolve_create_dataset(_root: Any, info: Info, data: dict[str, Any]) -> Dataset:
    ctx = request_context(info)
    return datasets.create_dataset(ctx.session, ctx.caller, data)


@mutation.field("updateDataset")
@requires(access.EDIT_CATALOG)
def resolve_update_dataset(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> Dataset:
    ctx = request_context(info)
    return datasets.update_dataset(ctx.session, ctx.caller, where["id"], data)


@dataset_type.field("createdBy")
def resolve_created_by(dataset: Dataset, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, dataset.created_by_id)


@dataset_type.field("organization")
def resolve_organization(_dataset: Dataset, info: Info) -> Organization:
    ctx = request_context(info)
    return organizations.get_organization(ctx.session, ctx.caller)


@dataset_type.field("projects")
def resolve_projects(dataset: Dataset, info: Info, **args: Any) -> Sequence[Project]:
    ctx = request_context(info)
    return projects.list_projects(
        ctx.session, ctx.caller, ListArgs.from_args(args), dataset_id=dataset.id
    )
