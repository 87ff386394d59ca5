"""Project setup: labeling frontend options, the project's ontology, instructions.

* `create_frontend_options` (`createLabelingFrontendOptions`) stores the options text as
  given. When it is the JSON of an ontology (an object with `tools` / `classifications`)
  and the project has no ontology of its own yet, the project gets a new ontology made from
  it (named after the project, `derived`); invalid ontology JSON is rejected.
* `connect_ontology` makes an ontology the project's; a derived ontology it replaces is
  deleted once no project uses it.
* `set_instructions` adds `projectInstructions: <url>` to the normalized JSON of the
  project's ontology, leaving the rest unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.orm import Session

from ..db.models import LabelingFrontend, LabelingFrontendOptions, Ontology, Project
from ..errors import MalformedRequest
from . import clock, ids, ontologies, store
from .context import Caller
from .ontology_json import INSTRUCTIONS
from .pagination import ListArgs, apply_list_args


def create_frontend_options(
    session: Session, caller: Caller, data: Mapping[str, Any]
) -> LabelingFrontendOptions:
    """New frontend options for a project (and the project's ontology, see the module doc)."""
    project = store.get(session, caller, Project, data["project"]["connect"]["id"])
    frontend = store.get(
        session, caller, LabelingFrontend, data["labeling_frontend"]["connect"]["id"]
    )
    text: str = data["customization_options"]
    ontology_json = _ontology_json(text)
    now = clock.now()
    if ontology_json is not None and _has_own_ontology(session, caller, project) is False:
        derived = ontologies.create_ontology(
            session, caller, name=project.name, normalized=ontology_json, derived=True
        )
        _replace_ontology(session, caller, project, derived)
    options = LabelingFrontendOptions(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        project_id=project.id,
        labeling_frontend_id=frontend.id,
        customization_options=text,
        created_at=now,
    )
    session.add(options)
    project.updated_at = now
    session.flush()
    return options


def connect_ontology(
    session: Session, caller: Caller, project: Project, ontology_id: str
) -> Project:
    """Make the ontology the project's."""
    ontology = store.get(session, caller, Ontology, ontology_id)
    _replace_ontology(session, caller, project, ontology)
    project.updated_at = clock.now()
    session.flush()
    return project


def set_instructions(session: Session, caller: Caller, project_id: str, url: str) -> Project:
    """Attach instructions (a URL) to the project's ontology."""
    project = store.get(session, caller, Project, project_id)
    ontology = store.find(session, caller, Ontology, project.ontology_id)
    if ontology is None:
        raise MalformedRequest("The project has no ontology: set the project up first")
    if not url:
        raise MalformedRequest("instructionsUrl: expected a URL")
    now = clock.now()
    ontology.normalized = {**ontology.normalized, INSTRUCTIONS: url}
    ontology.updated_at = now
    project.updated_at = now
    session.flush()
    return project


def list_frontend_options(
    session: Session, caller: Caller, project_id: str, args: ListArgs
) -> Sequence[LabelingFrontendOptions]:
    """The project's frontend options, oldest first."""
    stmt = store.scoped(caller, LabelingFrontendOptions).where(
        LabelingFrontendOptions.project_id == project_id
    )
    stmt = apply_list_args(
        stmt, args, LabelingFrontendOptions, default_order=[LabelingFrontendOptions.created_at]
    )
    return session.scalars(stmt).all()


def _ontology_json(text: str) -> dict[str, Any] | None:
    """The ontology object `text` holds, or None when it holds no ontology."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if isinstance(value, dict) and ("tools" in value or "classifications" in value):
        return value
    return None


def _has_own_ontology(session: Session, caller: Caller, project: Project) -> bool:
    current = store.find(session, caller, Ontology, project.ontology_id)
    return current is not None and not current.derived


def _replace_ontology(session: Session, caller: Caller, project: Project, new: Ontology) -> None:
    previous = store.find(session, caller, Ontology, project.ontology_id)
    project.ontology_id = new.id
    session.flush()
    replaced = previous is not None and previous.id != new.id and previous.derived
    if previous is not None and replaced and ontologies.projects_using(session, previous.id) == 0:
        previous.deleted = True
        previous.updated_at = clock.now()
