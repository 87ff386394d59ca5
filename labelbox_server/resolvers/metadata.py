"""Data-row metadata: the ontology, schema upsert/delete, value upsert/delete/read."""

from __future__ import annotations

from typing import Any

from ..domain import access, metadata_schemas, row_metadata
from .access import requires
from .context import Info, request_context
from .root import mutation, query


@query.field("customMetadataOntology")
@requires(access.MEMBER)
def resolve_ontology(_root: Any, info: Info) -> list[metadata_schemas.SchemaView]:
    ctx = request_context(info)
    return metadata_schemas.list_schemas(ctx.session, ctx.caller)


@query.field("dataRowCustomMetadata")
@requires(access.READ_CATALOG)
def resolve_data_row_metadata(
    _root: Any, info: Info, where: dict[str, Any]
) -> list[row_metadata.RowMetadata]:
    ctx = request_context(info)
    return row_metadata.data_row_metadata(ctx.session, ctx.caller, where["data_row_ids"])


@mutation.field("upsertCustomMetadataSchema")
@requires(access.EDIT_CATALOG)
def resolve_upsert_schema(
    _root: Any, info: Info, data: dict[str, Any]
) -> metadata_schemas.SchemaView:
    ctx = request_context(info)
    return metadata_schemas.upsert_schema(ctx.session, ctx.caller, data)


@mutation.field("deleteCustomMetadataSchema")
@requires(access.EDIT_CATALOG)
def resolve_delete_schema(_root: Any, info: Info, schema: dict[str, Any]) -> dict[str, bool]:
    ctx = request_context(info)
    return {"success": metadata_schemas.delete_schema(ctx.session, ctx.caller, schema["id"])}


@mutation.field("upsertDataRowCustomMetadata")
@requires(access.EDIT_CATALOG)
def resolve_upsert_values(
    _root: Any, info: Info, data: list[dict[str, Any]]
) -> list[row_metadata.RowMetadata]:
    ctx = request_context(info)
    return row_metadata.upsert_data_row_metadata(ctx.session, ctx.caller, data)


@mutation.field("deleteDataRowCustomMetadata")
@requires(access.EDIT_CATALOG)
def resolve_delete_values(
    _root: Any, info: Info, data: list[dict[str, Any]]
) -> list[row_metadata.RowMetadata]:
    ctx = request_context(info)
    return row_metadata.delete_data_row_metadata(ctx.session, ctx.caller, data)
