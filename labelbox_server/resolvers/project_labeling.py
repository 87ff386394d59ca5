"""What a project's labeling adds to it: `Project.members/labelerPerformance/issueExportUrl`,
`ProjectMutations.showPredictionsToLabelers/deleteBatchLabels` and `Mutation.exportLabels`."""

from __future__ import annotations

from typing import Any

from ..db.models import Project
from ..domain import (
    access,
    batch_labels,
    label_exports,
    labeler_performance,
    model_assisted_labeling,
)
from ..domain.labeler_performance import Performance
from ..domain.project_members import Member, list_members
from .access import argument, requires
from .context import Info, request_context
from .project_setup import project_mutations
from .projects import project_type
from .root import mutation, writes


@project_type.field("members")
def resolve_members(
    project: Project, info: Info, skip: int | None = None, first: int | None = None
) -> list[Member]:
    ctx = request_context(info)
    return list_members(ctx.session, ctx.caller, project.id, skip, first)


@project_type.field("labelerPerformance")
def resolve_labeler_performance(
    project: Project, info: Info, skip: int | None = None, first: int | None = None
) -> list[Performance]:
    ctx = request_context(info)
    return labeler_performance.labeler_performance(ctx.session, ctx.caller, project.id, skip, first)


@project_type.field("issueExportUrl")
@writes
def resolve_issue_export_url(
    project: Project, info: Info, where: dict[str, Any] | None = None
) -> str:
    ctx = request_context(info)
    status = (where or {}).get("status")
    return label_exports.issue_export_url(ctx.session, ctx.caller, ctx.storage, project, status)


@project_mutations.field("showPredictionsToLabelers")
def resolve_show_predictions(project: Project, info: Info, show: bool) -> Project:
    ctx = request_context(info)
    return model_assisted_labeling.show_predictions_to_labelers(
        ctx.session, ctx.caller, project.id, show
    )


@project_mutations.field("deleteBatchLabels")
def resolve_delete_batch_labels(
    project: Project, info: Info, batch_id: str, data: dict[str, Any]
) -> dict[str, list[str]]:
    ctx = request_context(info)
    deleted = batch_labels.delete_batch_labels(
        ctx.session, ctx.caller, project, batch_id, data["type"]
    )
    return {"deleted_label_ids": deleted}


@mutation.field("exportLabels")
@requires(access.MANAGE_PROJECT, project=argument("data", "project_id"))
def resolve_export_labels(_root: Any, info: Info, data: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return label_exports.export_labels(ctx.session, ctx.caller, ctx.storage, data)
