"""`Query.bulkImportRequest(s)`, `Mutation.createBulkImportRequest` /
`deleteBulkImportRequest` and the `BulkImportRequest` type."""

from __future__ import annotations

from typing import Any

from ariadne import ObjectType

from ..db.models import AnnotationImport
from ..domain import access, annotation_imports, predictions
from ..domain.pagination import ListArgs
from ..domain.predictions import BULK_IMPORT
from .access import argument, requires
from .context import Info, request_context
from .mal_imports import bind_import_files
from .root import mutation, query

bulk_import_request_type = ObjectType("BulkImportRequest")
bind_import_files(bulk_import_request_type)


@query.field("bulkImportRequest")
@requires(access.MEMBER)
def resolve_bulk_import_request(_root: Any, info: Info, where: dict[str, Any]) -> AnnotationImport:
    ctx = request_context(info)
    return predictions.find_bulk_import(ctx.session, ctx.caller, where)


@query.field("bulkImportRequests")
@requires(access.MEMBER)
def resolve_bulk_import_requests(
    _root: Any, info: Info, where: dict[str, Any], **args: Any
) -> list[AnnotationImport]:
    ctx = request_context(info)
    found = predictions.bulk_imports(
        ctx.session, ctx.caller, where["project_id"], ListArgs.from_args(args)
    )
    return list(found)


@mutation.field("createBulkImportRequest")
@requires(access.LABEL, project=argument("data", "project_id"))
def resolve_create_bulk_import_request(
    _root: Any, info: Info, data: dict[str, Any]
) -> AnnotationImport:
    ctx = request_context(info)
    return annotation_imports.create_import(
        ctx.session, ctx.caller, ctx.storage, BULK_IMPORT, data["project_id"], data
    )


@mutation.field("deleteBulkImportRequest")
@requires(access.LABEL)
def resolve_delete_bulk_import_request(
    _root: Any, info: Info, where: dict[str, Any]
) -> AnnotationImport:
    ctx = request_context(info)
    return predictions.delete_bulk_import(ctx.session, ctx.caller, where["id"])
