"""Model-assisted labeling settings of a project (the predictions shown to labelers)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..db.models import Project
from . import clock, store
from .context import Caller


def show_predictions_to_labelers(
    session: Session, caller: Caller, project_id: str, show: bool
) -> Project:
    """Show (or hide) model-assisted labeling predictions to the project's labelers."""
    project = store.get(session, caller, Project, project_id)
    project.showing_predictions_to_labelers = show
    project.updated_at = clock.now()
    session.flush()
    return project
