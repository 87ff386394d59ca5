"""Resource tags: `Query.resourceTag`, `Mutation.createResourceTag/updateResourceTag/
deleteResourceTag`, `ProjectMutations.updateProjectResourceTags`, `Organization.resourceTag`,
`Project.resourceTags` and `ResourceTag.projectResourceTag`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Organization, Project, ProjectResourceTag, ResourceTag
from ..domain import access, resource_tags
from .access import requires
from .context import Info, request_context
from .organizations import organization_type
from .project_setup import project_mutations
from .projects import project_type
from .root import mutation, query

resource_tag_type = ObjectType("ResourceTag")


@query.field("resourceTag")
@requires(access.MEMBER)
def resolve_resource_tag(_root: Any, info: Info, where: dict[str, Any]) -> ResourceTag:
    ctx = request_context(info)
    return resource_tags.get_tag(ctx.session, ctx.caller, where["id"])


@mutation.field("createResourceTag")
@requires(access.MANAGE_ORGANIZATION)
def resolve_create_resource_tag(_root: Any, info: Info, input: dict[str, Any]) -> ResourceTag:
    ctx = request_context(info)
    return resource_tags.create_tag(ctx.session, ctx.caller, input["text"], input["color"])


@mutation.field("updateResourceTag")
@requires(access.MANAGE_ORGANIZATION)
def resolve_update_resource_tag(
    _root: Any, info: Info, where: dict[str, Any], data: dict[str, Any]
) -> ResourceTag:
    ctx = request_context(info)
    return resource_tags.update_tag(ctx.session, ctx.caller, where["id"], data)


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


@resource_tag_type.field("projectResourceTag")
def resolve_tag_links(tag: ResourceTag, info: Info, **args: Any) -> Sequence[ProjectResourceTag]:
    ctx = request_context(info)
    return resource_tags.tag_links(
        ctx.session, ctx.caller, tag, skip=args.get("skip"), first=args.get("first")
    )
