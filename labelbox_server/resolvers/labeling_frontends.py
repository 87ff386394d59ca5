"""`Query.labelingFrontends` and the `LabelingFrontend` type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import LabelingFrontend, Project
from ..domain import labeling_frontends, projects
from ..domain.pagination import ListArgs
from ..graphql.context import Info, request_context
from .common import snake_case_aliases
from .root import query

labeling_frontend_type = snake_case_aliases(
    ObjectType("LabelingFrontend"), {"iframeUrlPath": "iframe_url_path"}
)


@query.field("labelingFrontends")
def resolve_labeling_frontends(_root: Any, info: Info, **args: Any) -> Sequence[LabelingFrontend]:
    ctx = request_context(info)
    return labeling_frontends.list_labeling_frontends(
        ctx.session, ctx.caller, ListArgs.from_graphql(args)
    )


@labeling_frontend_type.field("projects")
def resolve_projects(frontend: LabelingFrontend, info: Info, **args: Any) -> Sequence[Project]:
    ctx = request_context(info)
    return projects.list_projects(
        ctx.session, ctx.caller, ListArgs.from_graphql(args), labeling_frontend_id=frontend.id
    )


BINDABLES = [labeling_frontend_type]
