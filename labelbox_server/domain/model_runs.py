"""Model runs: creation (the training config's top-level keys camel-cased, as Labelbox
does), deletion, the training pipeline's status and the config.

A run's data rows (`model_run_data_rows`), its predictions (`mea_imports`) and its exports
(`model_run_exports`) have their own modules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..db.models import Model, ModelRun
from ..errors import MalformedRequest
from . import clock, ids, store
from .context import Caller
from .pagination import ListArgs, apply_list_args

PIPELINE_STATUSES = frozenset(
    {"EXPORTING_DATA", "PREPARING_DATA", "TRAINING_MODEL", "COMPLETE", "FAILED"}
)


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def camel_keys(config: Any) -> Any:
    """A training config as Labelbox stores it at creation: top-level keys camel-cased."""
    if not isinstance(config, Mapping):
        return config
    return {_camel(str(key)): value for key, value in config.items()}


def get_run(session: Session, caller: Caller, run_id: str) -> ModelRun:
    """A live model run of the caller's organization (`RESOURCE_NOT_FOUND` otherwise)."""
    return store.get(session, caller, ModelRun, run_id)


def create_model_run(session: Session, caller: Caller, data: Mapping[str, Any]) -> ModelRun:
    """A new run of a model (`ModelRunCreateInput`)."""
    model = store.get(session, caller, Model, data["model_id"])
    name = data["name"]
    if not name.strip():
        raise MalformedRequest("name must not be empty")
    now = clock.now()
    run = ModelRun(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        model_id=model.id,
        name=name,
        created_by_id=caller.user_id,
        training_metadata=camel_keys(data.get("training_metadata")),
        created_at=now,
        updated_at=now,
    )
    session.add(run)
    session.flush()
    return run


def list_model_runs(
    session: Session, caller: Caller, model: Model, args: ListArgs
) -> Sequence[ModelRun]:
    """The model's live runs, oldest first."""
    stmt = store.scoped(caller, ModelRun).where(ModelRun.model_id == model.id)
    stmt = apply_list_args(stmt, args, ModelRun, default_order=[ModelRun.created_at])
    return session.scalars(stmt).all()


def delete_model_runs(session: Session, caller: Caller, run_ids: Sequence[str]) -> int:
    """Delete the caller's runs among `run_ids`; how many there were."""
    found = list(store.find_many(session, caller, ModelRun, run_ids))
    if found:
        session.execute(
            update(ModelRun)
            .where(ModelRun.id.in_(found))
            .values(deleted=True, updated_at=clock.now())
            .execution_options(synchronize_session=False)
        )
        session.expire_all()
    return len(found)


def update_training_pipeline(
    session: Session, caller: Caller, run_id: str, data: Mapping[str, Any]
) -> ModelRun:
    """Record the pipeline's status; an error message given replaces the last one, metadata
    given is merged into the earlier metadata."""
    run = get_run(session, caller, run_id)
    status = data["status"]
    if status not in PIPELINE_STATUSES:
        raise MalformedRequest(f"status must be one of {sorted(PIPELINE_STATUSES)}")
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, Mapping):
        raise MalformedRequest("metadata must be a JSON object")
    run.pipeline_status = status
    if data.get("error_message") is not None:
        run.pipeline_error_message = data["error_message"]
    if metadata:
        run.pipeline_metadata = {**(run.pipeline_metadata or {}), **metadata}
    run.updated_at = clock.now()
    session.flush()
    return run


def training_pipeline(run: ModelRun) -> dict[str, Any]:
    """`TrainingPipeline`: `{status, error_message, metadata}`."""
    return {
        "status": run.pipeline_status,
        "error_message": run.pipeline_error_message,
        "metadata": run.pipeline_metadata,
    }


def set_config(session: Session, caller: Caller, run_id: str, config: Any) -> ModelRun:
    """Replace the run's training config (stored exactly as given; None clears it)."""
    if config is not None and not isinstance(config, Mapping):
        raise MalformedRequest("config must be a JSON object")
    run = get_run(session, caller, run_id)
    run.training_metadata = dict(config) if config is not None else None
    run.updated_at = clock.now()
    session.flush()
    return run
