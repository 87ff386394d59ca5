"""A model run's data rows: `Query.annotationGroups`, the registration and split tasks and
their status queries, `Mutation.deleteModelRunDataRows`, the `ModelRunDataRow` type, and
`Mutation.exportModelRunAnnotations`."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType

from ..db.models import DataRow, ModelRunDataRow
from ..domain import access, model_run_exports, store
from ..domain import model_run_data_rows as rows
from ..domain.tasks import TaskKind
from .access import requires
from .context import Info, request_context
from .root import mutation, query, reads_only_context

model_run_data_row_type = ObjectType("ModelRunDataRow")


@query.field("annotationGroups")
@requires(access.READ_CATALOG)
def resolve_annotation_groups(
    _root: Any,
    info: Info,
    where: dict[str, Any],
    after: str | None = None,
    first: int | None = None,
) -> dict[str, Any]:
    ctx = request_context(info)
    return rows.page(ctx.session, ctx.caller, where["model_run_id"]["id"], after, first)


def _status(info: Info, kind: TaskKind, where: dict[str, Any]) -> dict[str, Any] | None:
    ctx = request_context(info)
    return rows.task_status(ctx.session, ctx.caller, kind, where["id"])


@query.field("MEALabelRegistrationTaskStatus")
@requires(access.READ_CATALOG)
def resolve_label_task(_root: Any, info: Info, where: dict[str, Any]) -> dict[str, Any] | None:
    return _status(info, rows.REGISTER_LABELS, where)


@query.field("MEADataRowRegistrationTaskStatus")
@requires(access.READ_CATALOG)
def resolve_row_task(_root: Any, info: Info, where: dict[str, Any]) -> dict[str, Any] | None:
    return _status(info, rows.REGISTER_DATA_ROWS, where)


@query.field("assignDataRowsToDataSplitTaskStatus")
@requires(access.READ_CATALOG)
def resolve_split_task(_root: Any, info: Info, where: dict[str, Any]) -> dict[str, Any] | None:
    return _status(info, rows.ASSIGN_SPLITS, where)


@mutation.field("createMEAModelRunLabelRegistrationTask")
@requires(access.EDIT_CATALOG)
def resolve_register_labels(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> str:
    ctx = request_context(info)
    return rows.register_labels(ctx.session, ctx.caller, where["id"], data["label_ids"])


@mutation.field("createMEAModelRunDataRowRegistrationTask")
@requires(access.EDIT_CATALOG)
def resolve_register_data_rows(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> str:
    ctx = request_context(info)
    return rows.register_data_rows(ctx.session, ctx.caller, where["id"], data["data_row_ids"])


@mutation.field("deleteModelRunDataRows")
@requires(access.EDIT_CATALOG)
def resolve_delete_data_rows(_root: Any, info: Info, where: dict[str, Any]) -> int:
    ctx = request_context(info)
    return rows.delete_data_rows(
        ctx.session, ctx.caller, where["model_run_id"], where["data_row_ids"]
    )


@mutation.field("createAssignDataRowsToDataSplitTask")
@requires(access.EDIT_CATALOG)
def resolve_assign_splits(
    _root: Any, info: Info, model_run: dict[str, Any], data: dict[str, Any]
) -> str:
    ctx = request_context(info)
    return rows.assign_splits(ctx.session, ctx.caller, model_run["id"], data["assignments"])


@mutation.field("exportModelRunAnnotations")
@requires(access.READ_CATALOG)
def resolve_export(_root: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return model_run_exports.export_model_run(
        ctx.session, ctx.caller, ctx.storage, data["model_run_id"]
    )


@model_run_data_row_type.field("dataRow")
@reads_only_context
def resolve_data_row(row: ModelRunDataRow, info: Info) -> DataRow | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, DataRow, row.data_row_id, deleted=True)
