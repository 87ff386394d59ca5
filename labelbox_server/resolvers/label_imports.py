"""`Query.labelImport`, `Mutation.createLabelImport` and the `LabelImport` type."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType

from ..db.models import AnnotationImport, Project, User
from ..domain import access, annotation_imports, store, users
from ..domain.label_imports import LABEL_IMPORT
from .access import argument, requires
from .context import Info, request_context
from .root import mutation, query, reads_only_context

label_import_type = ObjectType("LabelImport")


@query.field("labelImport")
@requires(access.MEMBER)
def resolve_label_import(_root: Any, info: Info, where: dict[str, Any]) -> AnnotationImport:
    ctx = request_context(info)
    return annotation_imports.find_import(
        ctx.session, ctx.caller, LABEL_IMPORT, where["project_id"], where["name"]
    )


@mutation.field("createLabelImport")
@requires(access.LABEL, project=argument("data", "project_id"))
def resolve_create_label_import(_root: Any, info: Info, data: dict[str, Any]) -> AnnotationImport:
    ctx = request_context(info)
    return annotation_imports.create_import(
        ctx.session, ctx.caller, ctx.storage, LABEL_IMPORT, data["project_id"], data
    )


@label_import_type.field("inputFileUrl")
@reads_only_context
def resolve_input_file_url(record: AnnotationImport, info: Info) -> str | None:
    return annotation_imports.input_file_url(request_context(info).storage, record)


@label_import_type.field("statusFileUrl")
@reads_only_context
def resolve_status_file_url(record: AnnotationImport, info: Info) -> str | None:
    storage = request_context(info).storage
    return annotation_imports.result_file_url(storage, record, record.status_key)


@label_import_type.field("errorFileUrl")
@reads_only_context
def resolve_error_file_url(record: AnnotationImport, info: Info) -> str | None:
    storage = request_context(info).storage
    return annotation_imports.result_file_url(storage, record, record.error_key)


@label_import_type.field("createdBy")
def resolve_created_by(record: AnnotationImport, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, record.created_by_id)


@label_import_type.field("project")
@reads_only_context
def resolve_project(record: AnnotationImport, info: Info) -> Project | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, Project, record.parent_id, deleted=True)
