"""Resource tags: colored labels for projects (`text` unique in the organization).

`createResourceTag` (and `updateResourceTag`) stores `color` without a leading `#` (`#ffffff` → `ffffff`), as
Labelbox does; it must be 3, 6 or 8 hex digits. `updateProjectResourceTags` replaces a
project's tags with the given ones (each a tag of the organization). Deleting a tag takes
it off every project.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.models import Project, ProjectResourceTag, ResourceTag
from ..errors import MalformedRequest, ResourceConflict
from . import clock, ids, pagination, store
from .context import Caller

HEX_COLOR = re.compile(r"^(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")


def create_tag(session: Session, caller: Caller, text: str, color: str) -> ResourceTag:
    """A new tag (`RESOURCE_CONFLICT` if the organization has one with this text)."""
    now = clock.now()
    tag = ResourceTag(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        text=_checked_text(text),
        color=_checked_color(color),
        created_at=now,
        updated_at=now,
    )
    _save(session, tag.text, lambda: session.add(tag))
    return tag


def get_tag(session: Session, caller: Caller, tag_id: str) -> ResourceTag:
    """One of the organization's tags (`RESOURCE_NOT_FOUND` for any other id)."""
    return store.get(session, caller, ResourceTag, tag_id)


def update_tag(
    session: Session, caller: Caller, tag_id: str, data: Mapping[str, Any]
) -> ResourceTag:
    """Change a tag's `text` and/or `color` (checked as on create; `RESOURCE_CONFLICT` if
    another tag of the organization has the new text). Omitted or null fields stay."""
    tag = get_tag(session, caller, tag_id)
    changes: dict[str, Any] = {}
    if data.get("text") is not None:
        changes["text"] = _checked_text(data["text"])
    if data.get("color") is not None:
        changes["color"] = _checked_color(data["color"])
    if changes:

        def apply() -> None:
            store.set_columns(tag, {**changes, "updated_at": clock.now()})
            session.flush()

        _save(session, changes.get("text", tag.text), apply)
    return tag


def _checked_text(text: str) -> str:
    if not text.strip():
        raise MalformedRequest("text: a resource tag needs a text")
    return text


def _checked_color(color: str) -> str:
    color = color.removeprefix("#")
    if not HEX_COLOR.match(color):
        raise MalformedRequest(f"color: {color!r} is not a hex RGB color like ffffff")
    return color


def _save(session: Session, text: str, change: Callable[[], None]) -> None:
    """Run `change` in a savepoint; a duplicate `text` is `RESOURCE_CONFLICT`."""
    try:
        with session.begin_nested():
            change()
    except IntegrityError:
        raise ResourceConflict(f'A resource tag with text "{text}" already exists') from None


def list_tags(session: Session, caller: Caller) -> Sequence[ResourceTag]:
    """The organization's tags, oldest first."""
    stmt = store.scoped(caller, ResourceTag).order_by(ResourceTag.created_at, ResourceTag.id)
    return session.scalars(stmt).all()


def delete_tag(session: Session, caller: Caller, tag_id: str) -> ResourceTag:
    """Delete a tag (and take it off every project)."""
    tag = store.get(session, caller, ResourceTag, tag_id)
    session.execute(delete(ProjectResourceTag).where(ProjectResourceTag.resource_tag_id == tag.id))
    session.delete(tag)
    session.flush()
    return tag


def tag_links(
    session: Session,
    caller: Caller,
    tag: ResourceTag,
    *,
    skip: int | None = None,
    first: int | None = None,
) -> Sequence[ProjectResourceTag]:
    """One page of the tag's links to projects, oldest first: those of projects the caller
    can see (not deleted, and for a project-based user, their projects)."""
    visible = (
        store.scoped(caller, Project)
        .where(Project.deleted.is_(False))
        .with_only_columns(Project.id)
    )
    stmt = (
        select(ProjectResourceTag)
        .where(
            ProjectResourceTag.resource_tag_id == tag.id,
            ProjectResourceTag.project_id.in_(visible),
        )
        .order_by(ProjectResourceTag.created_at, ProjectResourceTag.id)
    )
    return session.scalars(pagination.page(stmt, skip, first)).all()


def project_tags(session: Session, project_id: str) -> Sequence[ResourceTag]:
    """A project's tags, in the order they were put on it."""
    return session.scalars(
        select(ResourceTag)
        .join(ProjectResourceTag, ProjectResourceTag.resource_tag_id == ResourceTag.id)
        .where(ProjectResourceTag.project_id == project_id)
        .order_by(ProjectResourceTag.created_at, ProjectResourceTag.id)
    ).all()


def set_project_tags(
    session: Session, caller: Caller, project: Project, tag_ids: Sequence[str]
) -> Sequence[ResourceTag]:
    """Replace the project's tags; unknown ids are `RESOURCE_NOT_FOUND` (nothing changes)."""
    wanted = [store.get(session, caller, ResourceTag, tag_id) for tag_id in dict.fromkeys(tag_ids)]
    current = {
        link.resource_tag_id: link
        for link in session.scalars(
            select(ProjectResourceTag).where(ProjectResourceTag.project_id == project.id)
        )
    }
    keep = {tag.id for tag in wanted}
    for tag_id, link in current.items():
        if tag_id not in keep:
            session.delete(link)
    now = clock.now()
    for tag in wanted:
        if tag.id not in current:
            session.add(
                ProjectResourceTag(
                    id=ids.new_id(), project_id=project.id, resource_tag_id=tag.id, created_at=now
                )
            )
    session.flush()
    return project_tags(session, project.id)
