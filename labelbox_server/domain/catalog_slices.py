"""Catalog slices: saved filters over the organization's data rows, evaluated when their
data-row ids are asked for (`getDataRowIdsBySavedQuery`), so a slice follows the catalog.

A filter is a list of conditions, all of which a (live) data row meets:

* `{type: "dataset" | "project", operator: "is" | "is_not", ids: [...]}`: in (or not in)
  one of the datasets, or one of the projects (their batches or attached datasets);
* `{type: "external_id" | "global_key" | "row_data", operator: "is" | "is_not" |
  "contains" | "starts_with", value: "..."}`;
* `{type: "media_type", operator: "is" | "is_not", values: ["IMAGE", ...]}`;
* `{type: "created_at", operator: "after" | "before", value: "<ISO 8601 instant>"}`.

Filters are checked when the slice is saved: an unknown type or operator, or a value of
the wrong kind, is a `MALFORMED_REQUEST` naming the condition and the key. Text conditions
use the data-row `where` machinery (`filters`), so they compare as every other filter does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import ColumnElement, and_, func, not_, or_, select
from sqlalchemy.orm import Session

from ..db.models import BatchDataRow, CatalogSlice, DataRow, ProjectDataset
from ..errors import MalformedRequest
from . import clock, ids, store
from .context import Caller
from .filters import build_condition, model_fields

TEXT_FIELDS = ("external_id", "global_key", "row_data")
TEXT_OPERATORS = {
    "is": "",
    "is_not": "_not",
    "contains": "_contains",
    "starts_with": "_starts_with",
}
MAX_PAGE = 1000


def _problem(index: int, key: str, reason: str) -> MalformedRequest:
    return MalformedRequest(f"filter[{index}].{key}: {reason}")


def _strings(value: Any, index: int, key: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise _problem(index, key, "must be a non-empty list of strings")
    return value


def _instant(value: Any, index: int) -> datetime:
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)
            return parsed.astimezone(timezone.utc)
    raise _problem(index, "value", "must be an ISO 8601 instant")


def _operator(condition: Mapping[str, Any], index: int, allowed: Sequence[str]) -> str:
    operator = condition.get("operator")
    if operator not in allowed:
        raise _problem(index, "operator", f"must be one of {list(allowed)}, got {operator!r}")
    return str(operator)


def _condition(condition: Any, index: int) -> ColumnElement[bool]:
    """The SQL condition of one filter item (raising `MALFORMED_REQUEST` if it is bad)."""
    if not isinstance(condition, Mapping):
        raise MalformedRequest(f"filter[{index}]: must be an object")
    kind = condition.get("type")
    fields = model_fields(DataRow)
    if kind in ("dataset", "project"):
        negate = _operator(condition, index, ("is", "is_not")) == "is_not"
        wanted = _strings(condition.get("ids"), index, "ids")
        if kind == "dataset":
            matched: ColumnElement[bool] = DataRow.dataset_id.in_(wanted)
        else:
            in_batches = select(BatchDataRow.data_row_id).where(BatchDataRow.project_id.in_(wanted))
            in_datasets = select(ProjectDataset.dataset_id).where(
                ProjectDataset.project_id.in_(wanted)
            )
            matched = or_(DataRow.id.in_(in_batches), DataRow.dataset_id.in_(in_datasets))
        return not_(matched) if negate else matched
    if kind in TEXT_FIELDS:
        operator = _operator(condition, index, tuple(TEXT_OPERATORS))
        value = condition.get("value")
        if not isinstance(value, str):
            raise _problem(index, "value", "must be a string")
        return build_condition({f"{kind}{TEXT_OPERATORS[operator]}": value}, fields)
    if kind == "media_type":
        negate = _operator(condition, index, ("is", "is_not")) == "is_not"
        values = _strings(condition.get("values"), index, "values")
        return build_condition({"media_type_not_in" if negate else "media_type_in": values}, fields)
    if kind == "created_at":
        operator = _operator(condition, index, ("after", "before"))
        instant = _instant(condition.get("value"), index)
        suffix = "_gt" if operator == "after" else "_lt"
        return build_condition({f"created_at{suffix}": instant}, fields)
    known = ["dataset", "project", *TEXT_FIELDS, "media_type", "created_at"]
    raise _problem(index, "type", f"must be one of {known}, got {kind!r}")


def check_filter(filter_: Any) -> list[ColumnElement[bool]]:
    """The conditions of a slice filter (a list; `MALFORMED_REQUEST` if it is bad)."""
    if not isinstance(filter_, list):
        raise MalformedRequest("filter must be a list of conditions")
    return [_condition(item, index) for index, item in enumerate(filter_)]


def create_slice(session: Session, caller: Caller, data: Mapping[str, Any]) -> CatalogSlice:
    """A new slice of the caller's organization (`CreateCatalogSliceInput`)."""
    name = data["name"]
    if not isinstance(name, str) or not name.strip():
        raise MalformedRequest("name must not be empty")
    check_filter(data["filter"])
    now = clock.now()
    saved = CatalogSlice(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        name=name,
        description=data.get("description"),
        filter=data["filter"],
        created_by_id=caller.user_id or None,
        created_at=now,
        updated_at=now,
    )
    session.add(saved)
    session.flush()
    return saved


def data_row_ids(
    session: Session, caller: Caller, slice_id: str, after: str | None, first: int
) -> dict[str, Any]:
    """`DataRowIdPage`: the ids of the live data rows the slice matches, by id, after the
    cursor (the last id of the previous page)."""
    saved = store.get(session, caller, CatalogSlice, slice_id, name="CatalogSlice")
    if not 1 <= first <= MAX_PAGE:
        raise MalformedRequest(f"first must be between 1 and {MAX_PAGE}")
    conditions = and_(
        store.in_scope(caller, DataRow), DataRow.deleted.is_(False), *check_filter(saved.filter)
    )
    total = (
        session.scalar(select(func.count(DataRow.id)).select_from(DataRow).where(conditions)) or 0
    )
    stmt = select(DataRow.id).where(conditions)
    if after:
        stmt = stmt.where(DataRow.id > after)
    nodes = list(session.scalars(stmt.order_by(DataRow.id).limit(first + 1)))
    more = len(nodes) > first
    nodes = nodes[:first]
    return {
        "total_count": total,
        "nodes": nodes,
        "page_info": {
            "has_next_page": more,
            "start_cursor": nodes[0] if nodes else None,
            "end_cursor": nodes[-1] if more else None,
        },
    }
