"""Catalog slices: `Query.getSavedQuery`, `getDataRowIdsBySavedQuery` and
`Mutation.createCatalogSlice` (beyond Labelbox's API)."""

from __future__ import annotations

from typing import Any

from ..db.models import CatalogSlice
from ..domain import access, catalog_slices, store
from .access import requires
from .context import Info, request_context
from .root import mutation, query


@query.field("getSavedQuery")
@requires(access.READ_CATALOG)
def resolve_saved_query(_root: Any, info: Info, id: str) -> CatalogSlice:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, CatalogSlice, id, name="CatalogSlice")


@query.field("getDataRowIdsBySavedQuery")
@requires(access.READ_CATALOG)
def resolve_data_row_ids(_root: Any, info: Info, input: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return catalog_slices.data_row_ids(
        ctx.session, ctx.caller, input["saved_query_id"], input.get("after"), input["first"]
    )


@mutation.field("createCatalogSlice")
@requires(access.EDIT_CATALOG)
def resolve_create_slice(_root: Any, info: Info, data: dict[str, Any]) -> CatalogSlice:
    ctx = request_context(info)
    return catalog_slices.create_slice(ctx.session, ctx.caller, data)
