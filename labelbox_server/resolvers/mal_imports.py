"""`Query.modelAssistedLabelingPredictionImport`, `Mutation.createModelAssistedLabelingPredictionImport`,
the `MALPredictionImport` and `Prediction` types, and `Project.predictions`."""

from __future__ import annotations

import json
from typing import Any

from ariadne import ObjectType

from ..db.models import AnnotationImport, DataRow, Prediction, Project, User
from ..domain import access, annotation_imports, predictions, store, users
from ..domain.pagination import ListArgs
from ..domain.predictions import MAL_IMPORT
from .access import argument, requires
from .context import Info, request_context
from .projects import project_type
from .root import mutation, query, reads_only_context

mal_import_type = ObjectType("MALPredictionImport")
prediction_type = ObjectType("Prediction")


def bind_import_files(bindable: ObjectType) -> None:
    """Resolve the file URLs, `createdBy` and `project` of an import type into a project."""

    @bindable.field("inputFileUrl")
    @reads_only_context
    def resolve_input_file_url(record: AnnotationImport, info: Info) -> str | None:
        return annotation_imports.input_file_url(request_context(info).storage, record)

    @bindable.field("statusFileUrl")
    @reads_only_context
    def resolve_status_file_url(record: AnnotationImport, info: Info) -> str | None:
        storage = request_context(info).storage
        return annotation_imports.result_file_url(storage, record, record.status_key)

    @bindable.field("errorFileUrl")
    @reads_only_context
    def resolve_error_file_url(record: AnnotationImport, info: Info) -> str | None:
        storage = request_context(info).storage
        return annotation_imports.result_file_url(storage, record, record.error_key)

    @bindable.field("createdBy")
    def resolve_created_by(record: AnnotationImport, info: Info) -> User | None:
        ctx = request_context(info)
        return users.creator(ctx.session, ctx.caller, record.created_by_id)

    @bindable.field("project")
    @reads_only_context
    def resolve_project(record: AnnotationImport, info: Info) -> Project | None:
        ctx = request_context(info)
        return store.find(ctx.session, ctx.caller, Project, record.parent_id, deleted=True)


bind_import_files(mal_import_type)


@query.field("modelAssistedLabelingPredictionImport")
@requires(access.MEMBER)
def resolve_mal_import(_root: Any, info: Info, where: dict[str, Any]) -> AnnotationImport:
    ctx = request_context(info)
    return annotation_imports.find_import(
        ctx.session, ctx.caller, MAL_IMPORT, where["project_id"], where["name"]
    )


@mutation.field("createModelAssistedLabelingPredictionImport")
@requires(access.LABEL, project=argument("data", "project_id"))
def resolve_create_mal_import(_root: Any, info: Info, data: dict[str, Any]) -> AnnotationImport:
    ctx = request_context(info)
    return annotation_imports.create_import(
        ctx.session, ctx.caller, ctx.storage, MAL_IMPORT, data["project_id"], data
    )


@project_type.field("predictions")
def resolve_project_predictions(project: Project, info: Info, **args: Any) -> list[Prediction]:
    ctx = request_context(info)
    found = predictions.project_predictions(
        ctx.session, ctx.caller, project.id, ListArgs.from_args(args)
    )
    return list(found)


@prediction_type.field("dataRow")
def resolve_prediction_data_row(prediction: Prediction, info: Info) -> DataRow | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, DataRow, prediction.data_row_id, deleted=True)


@prediction_type.field("annotation")
def resolve_prediction_annotation(prediction: Prediction, _info: Info) -> Any:
    return json.loads(prediction.annotation)
