"""Labeling frontends. Every organization gets the `Editor` when it is created.

Names compare case-insensitively in filters (`name: "editor"` finds `Editor`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from ..db.models import LabelingFrontend, Organization
from . import clock, ids, store
from .context import Caller
from .pagination import ListArgs, apply_list_args

EDITOR_NAME = "Editor"
EDITOR_DESCRIPTION = "Labelbox's default labeling editor"
EDITOR_IFRAME_URL_PATH = "https://editor.labelbox.com"


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
    stmt = apply_list_args(
        store.scoped(caller, LabelingFrontend),
        args,
        LabelingFrontend,
        default_order=[LabelingFrontend.created_at],
    )
    return store.rows(session, stmt)
