"""Models: named, against an ontology, with runs (`model_runs`). Deleting a model deletes
its runs (soft deletes: ids stop resolving)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..db.models import Model, ModelRun, Ontology
from ..errors import MalformedRequest
from . import clock, ids, store
from .context import Caller
from .pagination import ListArgs, apply_list_args


def create_model(session: Session, caller: Caller, data: Mapping[str, Any]) -> Model:
    """A new model of the caller's organization (`CreateModelInput`)."""
    name = data["name"]
    if not name.strip():
        raise MalformedRequest("name must not be empty")
    ontology = store.get(session, caller, Ontology, data["ontology_id"])
    now = clock.now()
    model = Model(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        name=name,
        ontology_id=ontology.id,
        created_by_id=caller.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(model)
    session.flush()
    return model


def list_models(session: Session, caller: Caller, args: ListArgs) -> Sequence[Model]:
    """The organization's live models matching `args`, oldest first."""
    stmt = apply_list_args(
        store.scoped(caller, Model), args, Model, default_order=[Model.created_at]
    )
    return session.scalars(stmt).all()


def delete_models(session: Session, caller: Caller, model_ids: Sequence[str]) -> int:
    """Delete the caller's models among `model_ids`, with their runs; how many there were."""
    found = list(store.find_many(session, caller, Model, model_ids))
    if not found:
        return 0
    now = clock.now()
    session.execute(
        update(Model)
        .where(Model.id.in_(found))
        .values(deleted=True, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(ModelRun)
        .where(ModelRun.model_id.in_(found), ModelRun.deleted.is_(False))
        .values(deleted=True, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    session.expire_all()
    return len(found)
