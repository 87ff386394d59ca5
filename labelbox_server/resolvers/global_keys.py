"""Global-key jobs: assign, look up (a query, as in Labelbox's API), clear, and results."""

from __future__ import annotations

from typing import Any

from ..domain import access
from ..domain import global_key_tasks as global_keys
from ..domain.tasks import TaskKind
from .access import requires
from .context import Info, request_context
from .root import mutation, query, writes


@mutation.field("assignGlobalKeysToDataRows")
@requires(access.EDIT_CATALOG)
def resolve_assign(_root: Any, info: Info, data: dict[str, Any]) -> dict[str, str]:
    ctx = request_context(info)
    return {"job_id": global_keys.assign(ctx.session, ctx.caller, data["assign_inputs"])}


@query.field("dataRowsForGlobalKeys")
@requires(access.READ_CATALOG)
@writes
def resolve_lookup(_root: Any, info: Info, where: dict[str, Any]) -> dict[str, str]:
    ctx = request_context(info)
    return {"job_id": global_keys.lookup(ctx.session, ctx.caller, where["ids"])}


@mutation.field("clearGlobalKeys")
@requires(access.EDIT_CATALOG)
def resolve_clear(_root: Any, info: Info, where: dict[str, Any]) -> dict[str, str]:
    ctx = request_context(info)
    return {"job_id": global_keys.clear(ctx.session, ctx.caller, where["ids"])}


def _result(info: Info, kind: TaskKind, job_id: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(info)
    return global_keys.job_result(ctx.session, ctx.caller, kind, job_id["id"])


@query.field("assignGlobalKeysToDataRowsResult")
@requires(access.READ_CATALOG)
def resolve_assign_result(_root: Any, info: Info, job_id: dict[str, Any]) -> dict[str, Any]:
    return _result(info, global_keys.ASSIGN, job_id)


@query.field("dataRowsForGlobalKeysResult")
@requires(access.READ_CATALOG)
def resolve_lookup_result(_root: Any, info: Info, job_id: dict[str, Any]) -> dict[str, Any]:
    return _result(info, global_keys.LOOKUP, job_id)


@query.field("clearGlobalKeysResult")
@requires(access.READ_CATALOG)
def resolve_clear_result(_root: Any, info: Info, job_id: dict[str, Any]) -> dict[str, Any]:
    return _result(info, global_keys.CLEAR, job_id)
