"""Batches: `Query.batch`, `Query.queryAllDataRowsHaveBeenProcessed`, the batch fields of
`ProjectMutations`, `Project.batches`, `Mutation.exportBatchDataRows` and the `Batch` type."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType

from ..db.models import Batch, Project, User
from ..domain import access, batches, queue_exports, store, users
from .access import owner, requires
from .context import Info, request_context
from .root import mutation, query

batch_type = ObjectType("Batch")
project_type = ObjectType("Project")
project_mutations = ObjectType("ProjectMutations")


@query.field("batch")
@requires(access.MEMBER)
def resolve_batch(_root: Any, info: Info, where: dict[str, Any]) -> Batch:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Batch, where["id"])


@query.field("queryAllDataRowsHaveBeenProcessed")
@requires(access.MEMBER)
def resolve_processed(_root: Any, info: Info, data_row_ids: list[str]) -> dict[str, Any]:
    ctx = request_context(info)
    return batches.processing_status(ctx.session, ctx.caller, data_row_ids)


@project_mutations.field("createBatchV2")
def resolve_create_batch(project: Project, info: Info, input: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return batches.create_batch(ctx.session, ctx.caller, project, input)


@project_mutations.field("createEmptyBatch")
def resolve_create_empty_batch(project: Project, info: Info, input: dict[str, Any]) -> Batch:
    ctx = request_context(info)
    return batches.create_empty_batch(ctx.session, ctx.caller, project, input)


@project_mutations.field("addDataRowsToBatch")
def resolve_add_rows(project: Project, info: Info, input: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return batches.add_data_rows(ctx.session, ctx.caller, project, input)


@project_mutations.field("addDataRowsToBatchAsync")
def resolve_add_rows_async(project: Project, info: Info, input: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return batches.add_data_rows_task(ctx.session, ctx.caller, project, input)


@project_mutations.field("removeQueuedDataRowsFromBatch")
def resolve_remove_queued(project: Project, info: Info, batch_id: str) -> Batch:
    ctx = request_context(info)
    return batches.remove_queued_data_rows(ctx.session, ctx.caller, project, batch_id)


@project_mutations.field("deleteBatch")
def resolve_delete_batch(project: Project, info: Info, batch_id: str) -> dict[str, Any]:
    ctx = request_context(info)
    return batches.delete_batch(ctx.session, ctx.caller, project, batch_id)


@project_type.field("batches")
def resolve_batches(
    project: Project,
    info: Info,
    after: str | None = None,
    first: int | None = None,
    where: dict[str, Any] | None = None,
) -> dict[str, Any]:
    ctx = request_context(info)
    return batches.batches_page(
        ctx.session, ctx.caller, project, after=after, first=first, where=where
    )


@mutation.field("exportBatchDataRows")
@requires(access.MANAGE_PROJECT, project=owner(Batch, "data", "batch_id"))
def resolve_export_batch(_root: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return queue_exports.export_batch_data_rows(ctx.session, ctx.caller, ctx.storage, data)


@batch_type.field("project")
def resolve_batch_project(batch: Batch, info: Info) -> Project:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Project, batch.project_id, deleted=True)


@batch_type.field("user")
def resolve_batch_user(batch: Batch, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, batch.created_by_id)
