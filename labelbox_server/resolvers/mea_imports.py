"""Model-run prediction imports: `Query.modelErrorAnalysisPredictionImport`,
`meaToMalPredictionImport`, their create mutations, and the `MEAPredictionImport` /
`MEAToMALPredictionImport` types (their file URLs resolve as label imports' do)."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType

from ..db.models import AnnotationImport, Project, User
from ..domain import access, annotation_imports, mea_imports, store, users
from .access import requires
from .context import Info, request_context
from .root import mutation, query, reads_only_context

mea_import_type = ObjectType("MEAPredictionImport")
mea_to_mal_import_type = ObjectType("MEAToMALPredictionImport")


@query.field("modelErrorAnalysisPredictionImport")
@requires(access.READ_CATALOG)
def resolve_mea_import(_root: Any, info: Info, where: dict[str, Any]) -> AnnotationImport:
    ctx = request_context(info)
    return annotation_imports.find_import(
        ctx.session, ctx.caller, mea_imports.MEA_IMPORT, where["model_run_id"], where["name"]
    )


@query.field("meaToMalPredictionImport")
@requires(access.MEMBER)
def resolve_mea_to_mal_import(_root: Any, info: Info, where: dict[str, Any]) -> AnnotationImport:
    ctx = request_context(info)
    return annotation_imports.find_import(
        ctx.session, ctx.caller, mea_imports.MEA_TO_MAL_IMPORT, where["project_id"], where["name"]
    )


@mutation.field("createModelErrorAnalysisPredictionImport")
@requires(access.EDIT_CATALOG)
def resolve_create_mea_import(_root: Any, info: Info, data: dict[str, Any]) -> AnnotationImport:
    ctx = request_context(info)
    return mea_imports.create_mea_import(ctx.session, ctx.caller, ctx.storage, data)


@mutation.field("createMalPredictionImportForModelRunDataRows")
@requires(access.EDIT_CATALOG)
def resolve_create_mea_to_mal_import(
    _root: Any, info: Info, data: dict[str, Any]
) -> AnnotationImport:
    ctx = request_context(info)
    return mea_imports.create_mea_to_mal_import(ctx.session, ctx.caller, ctx.storage, data)


@reads_only_context
def _input_file_url(record: AnnotationImport, info: Info) -> str | None:
    return annotation_imports.input_file_url(request_context(info).storage, record)


@reads_only_context
def _status_file_url(record: AnnotationImport, info: Info) -> str | None:
    storage = request_context(info).storage
    return annotation_imports.result_file_url(storage, record, record.status_key)


@reads_only_context
def _error_file_url(record: AnnotationImport, info: Info) -> str | None:
    storage = request_context(info).storage
    return annotation_imports.result_file_url(storage, record, record.error_key)


def _created_by(record: AnnotationImport, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, record.created_by_id)


for _type in (mea_import_type, mea_to_mal_import_type):
    _type.set_field("inputFileUrl", _input_file_url)
    _type.set_field("statusFileUrl", _status_file_url)
    _type.set_field("errorFileUrl", _error_file_url)
    _type.set_field("createdBy", _created_by)


@mea_import_type.field("modelRunId")
@reads_only_context
def resolve_model_run_id(record: AnnotationImport, _info: Info) -> str:
    return record.parent_id


@mea_to_mal_import_type.field("project")
@reads_only_context
def resolve_project(record: AnnotationImport, info: Info) -> Project | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, Project, record.parent_id, deleted=True)
