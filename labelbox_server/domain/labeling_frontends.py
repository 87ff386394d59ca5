"""Labeling frontends. Every organization gets the `Editor` when it is created.

Names compare case-insensitively in filters (`name: "editor"` finds `Editor`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import LabelingFrontend, Organization
from ..errors import ResourceNotFound
from . import clock, ids
from .context import Caller
from .filters import FieldMap, FilterField
from .listing import apply_list_args
from .pagination import ListArgs

EDITOR_NAME = "Editor"
EDITOR_DESCRIPTION = "Labelbox's default labeling editor"
EDITOR_IFRAME_URL_PATH = "https://editor.labelbox.com"

FIELDS: FieldMap = {
    "id": FilterField(LabelingFrontend.id),
    "name": FilterField(LabelingFrontend.name, case_insensitive=True),
    "description": FilterField(LabelingFrontend.description),
    "iframeUrlPath": FilterField(LabelingFrontend.iframe_url_path),
    "deleted": FilterField(LabelingFrontend.deleted),
}


def create_default_frontends(session: Session, organization: Organization) -> LabelingFrontend:
    """Add the `Editor` frontend to a new organization."""
    now = clock.now()
    editor = LabelingFrontend(
        id=ids.new_id(),
        organization_id=organization.id,
        name=EDITOR_NAME,
        description=EDITOR_DESCRIPTION,
        iframe_url_path=EDITOR_IFRAME_URL_PATH,
        created_at=now,
        updated_at=now,
        deleted=False,
    )
    session.add(editor)
    return editor


def list_labeling_frontends(
    session: Session, caller: Caller, args: ListArgs
) -> Sequence[LabelingFrontend]:
    """The caller's organization's frontends matching `args`."""
    stmt = select(LabelingFrontend).where(
        LabelingFrontend.organization_id == caller.organization_id
    )
    stmt = apply_list_args(
        stmt,
        args,
        FIELDS,
        deleted=LabelingFrontend.deleted,
        default_order=[LabelingFrontend.created_at],
        id_column=LabelingFrontend.id,
    )
    return session.scalars(stmt).all()


def find_labeling_frontend(
    session: Session, caller: Caller, frontend_id: str | None
) -> LabelingFrontend | None:
    """The caller's organization's frontend with this id, None if missing or deleted."""
    if frontend_id is None:
        return None
    frontend = session.get(LabelingFrontend, frontend_id)
    if frontend is None or frontend.deleted or frontend.organization_id != caller.organization_id:
        return None
    return frontend


def get_labeling_frontend(session: Session, caller: Caller, frontend_id: str) -> LabelingFrontend:
    """Like `find_labeling_frontend`, but raises `RESOURCE_NOT_FOUND`."""
    frontend = find_labeling_frontend(session, caller, frontend_id)
    if frontend is None:
        raise ResourceNotFound.for_id("LabelingFrontend", frontend_id)
    return frontend
