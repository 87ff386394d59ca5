"""The labeling queue beyond batches: labeling parameter overrides, the queue mode's legacy
name, `Project.dataRowsNotInProject`, `Mutation.exportQueuedDataRows`,
`Mutation.upsertReviewQueue` and `Mutation.extendReservations`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import DataRow, LabelingParameterOverride, Project, ReviewQueue
from ..domain import access, queue, queue_exports, review_queues, store
from ..domain import labeling_parameter_overrides as overrides
from ..domain.pagination import ListArgs
from ..errors import MalformedRequest
from .access import argument, requires
from .context import Info, request_context
from .root import mutation, reads_only_context

project_type = ObjectType("Project")
project_mutations = ObjectType("ProjectMutations")
override_type = ObjectType("LabelingParameterOverride")

TAG_SET_STATUS = {"BATCH": "ENABLED", "DATA_SET": "DISABLED"}
QUEUE_MODES = {status: mode for mode, status in TAG_SET_STATUS.items()}


@project_type.field("labelingParameterOverrides")
def resolve_overrides(
    project: Project, info: Info, **args: Any
) -> Sequence[LabelingParameterOverride]:
    ctx = request_context(info)
    found = overrides.list_overrides(ctx.session, ctx.caller, project.id, ListArgs.from_args(args))
    # Load the data rows together (and note them, so their metadata loads in one query).
    rows = store.find_many(
        ctx.session, ctx.caller, DataRow, [o.data_row_id for o in found], deleted=True
    )
    ctx.loaders.note_data_rows(list(rows.values()))
    return found


@project_type.field("tagSetStatus")
def resolve_tag_set_status(project: Project, _info: Info) -> str:
    return TAG_SET_STATUS[project.queue_mode]


@project_type.field("dataRowsNotInProject")
def resolve_rows_not_in_project(project: Project, info: Info, data_row_ids: list[str]) -> list[str]:
    ctx = request_context(info)
    present = queue.rows_in_project(ctx.session, project, data_row_ids)
    return [row_id for row_id in dict.fromkeys(data_row_ids) if row_id not in present]


@project_mutations.field("setLabelingParameterOverrides")
def resolve_set_overrides(
    project: Project, info: Info, data: list[dict[str, Any]]
) -> dict[str, bool]:
    ctx = request_context(info)
    return {"success": overrides.set_overrides(ctx.session, ctx.caller, project, data)}


@project_mutations.field("unsetLabelingParameterOverrides")
def resolve_unset_overrides(
    project: Project, info: Info, data: list[dict[str, Any]]
) -> dict[str, bool]:
    ctx = request_context(info)
    return {"success": overrides.unset_overrides(ctx.session, ctx.caller, project, data)}


@project_mutations.field("setTagSetStatus")
def resolve_set_tag_set_status(project: Project, info: Info, input: dict[str, Any]) -> Project:
    mode = QUEUE_MODES.get(input["tag_set_status"])
    if mode is None:
        raise MalformedRequest(f"Unknown tagSetStatus {input['tag_set_status']!r}")
    project.queue_mode = mode
    request_context(info).session.flush()
    return project


@override_type.field("dataRow")
@reads_only_context
def resolve_override_data_row(override: LabelingParameterOverride, info: Info) -> DataRow:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, DataRow, override.data_row_id, deleted=True)


@mutation.field("exportQueuedDataRows")
@requires(access.MANAGE_PROJECT, project=argument("data", "project_id"))
def resolve_export_queued(_root: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return queue_exports.export_queued_data_rows(ctx.session, ctx.caller, ctx.storage, data)


@mutation.field("upsertReviewQueue")
@requires(access.MANAGE_PROJECT, project=argument("where", "project", "id"))
def resolve_upsert_review_queue(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> ReviewQueue:
    ctx = request_context(info)
    return review_queues.upsert_review_queue(
        ctx.session, ctx.caller, where["project"]["id"], data["quota_factor"]
    )


@mutation.field("extendReservations")
@requires(access.LABEL, project=argument("project_id"))
def resolve_extend_reservations(_root: Any, info: Info, project_id: str, queue_type: str) -> int:
    ctx = request_context(info)
    return review_queues.extend_reservations(ctx.session, ctx.caller, project_id, queue_type)
