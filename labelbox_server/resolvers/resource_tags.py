"""Resource tags: `Mutation.createResourceTag/deleteResourceTag`,
`ProjectMutations.updateProjectResourceTags`, `Organization.resourceTag` and
`Project.resourceTags`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..db.models import Organization, Project, ResourceTag
from ..domain import access, resource_tags
from .access import requires
from .context import Info, request_context
from .organizations import organization_type
from .project_setup import project_mutations
from .projects import project_type
from .root import mutation


@mutation.field("createResourceTag")
@requires(access.MANAGE_ORGANIZATION)
def resolve_create_resource_tag(_root: Any, info: Info, input: dict[str, Any]) -> ResourceTag:
    ctx = request_context(info)
    return resource_tags.create_tag(ctx.session, ctx.caller, input["text"], input["color"])


@mutation.field("deleteResourceTag")
@requires(access.MANAGE_ORGANIZATION)
def resolve_delete_resource_tag(_root: Any, info: Info, input: dict[str, Any]) -> ResourceTag:
    ctx = request_context(info)
    return resource_tags.delete_tag(ctx.session, ctx.caller, input["id"])


@project_mutations.field("updateProjectResourceTags")
def resolve_update_project_resource_tags(
    project: Project, info: Info, input: dict[str, Any]
) -> Sequence[ResourceTag]:
    ctx = request_context(info)
    return resource_tags.set_project_tags(
        ctx.session, ctx.caller, project, input.get("resource_tag_ids") or []
    )


@organization_type.field("resourceTag")
def resolve_organization_tags(_organization: Organization, info: Info) -> Sequence[ResourceTag]:
    ctx = request_context(info)
    return resource_tags.list_tags(ctx.session, ctx.caller)


@project_type.field("resourceTags")
def resolve_project_tags(project: Project, info: Info) -> Sequence[ResourceTag]:
    return resource_tags.project_tags(request_context(info).session, project.id)
