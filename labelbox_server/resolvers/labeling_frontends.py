"""`Query.labelingFrontends` and the `LabelingFrontend` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import LabelingFrontend, Project
from ..domain import access, labeling_frontends, projects
from ..domain.pagination import ListArgs
from .access import requires
from .context import Info, request_context
from .root import query

labeling_frontend_type = ObjectType("LabelingFrontend")


@query.field("labelingFrontends")
@requires(access.MEMBER)
def resolve_labeling_frontends(_root: Any, info: Info, **args: Any) -> Sequence[LabelingFrontend]:
    ctx = request_context(info)
    return labeling_frontends.list_labeling_frontends(
        ctx.session, ctx.caller, ListArgs.from_args(args)
    )


@labeling_frontend_type.field("projects")
def resolve_projects(frontend: LabelingFrontend, info: Info, **args: Any) -> Sequence[Project]:
    ctx = request_context(info)
    return projects.list_projects(
        ctx.session, ctx.caller, ListArgs.from_args(args), labeling_frontend_id=frontend.id
    )
