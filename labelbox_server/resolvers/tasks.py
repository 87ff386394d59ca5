"""Tasks and imports: `Query.task`, `User.createdTasks`, `Mutation.appendRowsToDataset(Sync)`,
`Mutation.exportDatasetDataRows` and the `Task` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Dataset, Organization, Task, User
from ..domain import access, exports, imports, organizations, tasks, users
from ..domain.pagination import ListArgs
from .access import requires
from .context import Info, request_context
from .root import mutation, query, reads_only_context
from .users import user_type

task_type = ObjectType("Task")


@query.field("task")
@requires(access.MEMBER)
def resolve_task(_root: Any, info: Info, where: dict[str, Any]) -> Task:
    ctx = request_context(info)
    return tasks.get_task(ctx.session, ctx.caller, where["id"])


@user_type.field("createdTasks")
def resolve_created_tasks(user: User, info: Info, **args: Any) -> Sequence[Task]:
    ctx = request_context(info)
    return tasks.list_created_tasks(ctx.session, ctx.caller, user.id, ListArgs.from_args(args))


@task_type.field("result")
@reads_only_context
def resolve_result(task: Task, info: Info) -> str | None:
    return tasks.result_url(request_context(info).storage, task)


@task_type.field("createdBy")
def resolve_created_by(task: Task, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, task.created_by_id)


@task_type.field("organization")
def resolve_organization(_task: Task, info: Info) -> Organization:
    ctx = request_context(info)
    return organizations.get_organization(ctx.session, ctx.caller)


@mutation.field("appendRowsToDataset")
@requires(access.EDIT_CATALOG)
def resolve_append_rows(_root: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    task = imports.append_rows(ctx.session, ctx.caller, ctx.storage, data)
    return {"task_id": task.id, "accepted": True, "error_message": None}


@mutation.field("appendRowsToDatasetSync")
@requires(access.EDIT_CATALOG)
def resolve_append_rows_sync(_root: Any, info: Info, data: dict[str, Any]) -> dict[str, Dataset]:
    ctx = request_context(info)
    return {"dataset": imports.append_rows_sync(ctx.session, ctx.caller, ctx.storage, data)}


@mutation.field("exportDatasetDataRows")
@requires(access.READ_CATALOG)
def resolve_export(_root: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return exports.export_dataset_data_rows(ctx.session, ctx.caller, ctx.storage, data)
