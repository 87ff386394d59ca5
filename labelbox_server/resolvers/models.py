"""Models and model runs: `Query.model`, `models`, `modelRun`, `trainingPipeline`, the
model and model-run mutations, and the `Model` / `ModelRun` types."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ariadne import ObjectType

from ..db.models import Model, ModelRun, User
from ..domain import access, model_runs, models, store, users
from ..domain.pagination import ListArgs
from .access import requires
from .context import Info, request_context
from .root import mutation, query, reads_only_context

model_type = ObjectType("Model")
model_run_type = ObjectType("ModelRun")


@query.field("model")
@requires(access.READ_CATALOG)
def resolve_model(_root: Any, info: Info, where: dict[str, Any]) -> Model:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Model, where["id"])


@query.field("models")
@requires(access.READ_CATALOG)
def resolve_models(_root: Any, info: Info, **args: Any) -> Sequence[Model]:
    ctx = request_context(info)
    return models.list_models(ctx.session, ctx.caller, ListArgs.from_args(args))


@query.field("modelRun")
@requires(access.READ_CATALOG)
def resolve_model_run(_root: Any, info: Info, where: dict[str, Any]) -> ModelRun:
    ctx = request_context(info)
    return model_runs.get_run(ctx.session, ctx.caller, where["id"])


@query.field("trainingPipeline")
@requires(access.READ_CATALOG)
def resolve_training_pipeline(_root: Any, info: Info, where: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return model_runs.training_pipeline(model_runs.get_run(ctx.session, ctx.caller, where["id"]))


@mutation.field("createModel")
@requires(access.EDIT_CATALOG)
def resolve_create_model(_root: Any, info: Info, data: dict[str, Any]) -> Model:
    ctx = request_context(info)
    return models.create_model(ctx.session, ctx.caller, data)


@mutation.field("deleteModels")
@requires(access.EDIT_CATALOG)
def resolve_delete_models(_root: Any, info: Info, where: dict[str, Any]) -> int:
    ctx = request_context(info)
    return models.delete_models(ctx.session, ctx.caller, where["ids"])


@mutation.field("createModelRun")
@requires(access.EDIT_CATALOG)
def resolve_create_model_run(_root: Any, info: Info, data: dict[str, Any]) -> ModelRun:
    ctx = request_context(info)
    return model_runs.create_model_run(ctx.session, ctx.caller, data)


@mutation.field("deleteModelRuns")
@requires(access.EDIT_CATALOG)
def resolve_delete_model_runs(_root: Any, info: Info, where: dict[str, Any]) -> int:
    ctx = request_context(info)
    return model_runs.delete_model_runs(ctx.session, ctx.caller, where["ids"])


@mutation.field("updateTrainingPipeline")
@requires(access.EDIT_CATALOG)
def resolve_update_training_pipeline(
    _root: Any, info: Info, model_run: dict[str, Any], data: dict[str, Any]
) -> dict[str, Any]:
    ctx = request_context(info)
    run = model_runs.update_training_pipeline(ctx.session, ctx.caller, model_run["id"], data)
    return model_runs.training_pipeline(run)


@mutation.field("updateModelRunConfig")
@requires(access.EDIT_CATALOG)
def resolve_update_config(
    _root: Any, info: Info, model_run: dict[str, Any], data: dict[str, Any]
) -> ModelRun:
    ctx = request_context(info)
    return model_runs.set_config(ctx.session, ctx.caller, model_run["id"], data.get("config"))


@mutation.field("resetModelRunConfig")
@requires(access.EDIT_CATALOG)
def resolve_reset_config(_root: Any, info: Info, model_run: dict[str, Any]) -> ModelRun:
    ctx = request_context(info)
    return model_runs.set_config(ctx.session, ctx.caller, model_run["id"], None)


@model_type.field("createdBy")
def resolve_model_created_by(model: Model, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, model.created_by_id)


@model_type.field("modelRuns")
def resolve_model_runs(model: Model, info: Info, **args: Any) -> Sequence[ModelRun]:
    ctx = request_context(info)
    return model_runs.list_model_runs(ctx.session, ctx.caller, model, ListArgs.from_args(args))


@model_run_type.field("createdBy")
@reads_only_context
def resolve_run_created_by(run: ModelRun, _info: Info) -> str | None:
    return run.created_by_id
