"""Catalog slices: saved filters over the organization's data rows, evaluated when their
data-row ids are asked for (`getDataRowIdsBySavedQuery`), so a slice follows the catalog.

A filter is a list of conditions, all of which a (live) data row meets:

* `{type: "dataset" | "project", operator: "is" | "is_not", ids: [...]}`: in (or not in)
  one of the datasets, or one of the projects (their batches or attached datasets);
* `{type: "external_id" | "global_key" | "row_data", operator: "is" | "is_not" |
  "contains" | "starts_with", value: "..."}`;
* `{type: "media_type", operator: "is" | "is_not", values: ["IMAGE", ...]}`;
* `{type: "created_at", operator: "after" | "before", value: "<ISO 8601 instant>"}`;
* `{type: "metadata", schemaId: "<metadata schema id>", operator, value | values}`: a
  metadata field, by the schema's kind: string `is` | `is_not` | `contains` | `starts_with`
  (`value`: a string); number `equals` | `not_equals` | `greater_than` | `less_than`
  (`value`: a number); datetime `after` | `before` (`value`: an ISO 8601 instant, UTC if no
  offset); enum `is` | `is_not` (`values`: option ids, any of). A reserved schema may be
  named instead (`schemaId: "split"`), and so may its options (`values: ["train"]`). A row
  without the field matches no positive operator and matches `is_not` / `not_equals`.

Filters are checked when the slice is saved: an unknown type or operator, or a value of
the wrong kind, is a `MALFORMED_REQUEST` naming the condition and the key; so is a metadata
schema that is neither reserved nor the organization's, or is an embedding, or an operator
its kind does not have. Text conditions use the data-row `where` machinery (`filters`), so
they compare as every other filter does (string metadata too). Metadata conditions are
subqueries on the stored values; a schema deleted after the slice was saved has no values.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, func, literal, not_, or_, select
from sqlalchemy.orm import Session

from ..db.models import BatchDataRow, CatalogSlice, DataRow, DataRowMetadataValue, ProjectDataset
from ..db.types import ByteOrder
from ..errors import MalformedRequest
from ..values import is_number
from . import clock, ids, store
from .context import Caller
from .filters import FilterField, build_condition, model_fields
from .metadata_ontology import (
    DATETIME,
    ENUM,
    NUMBER,
    OPTION,
    STRING,
    Ontology,
    SchemaInfo,
    load_ontology,
)
from .metadata_values import MetadataError, normalize_datetime

TEXT_FIELDS = ("external_id", "global_key", "row_data")
TEXT_OPERATORS = {
    "is": "",
    "is_not": "_not",
    "contains": "_contains",
    "starts_with": "_starts_with",
}
MAX_PAGE = 1000
#: The operators of a metadata condition, by the kind of its schema.
METADATA_OPERATORS = {
    STRING: ("is", "is_not", "contains", "starts_with"),
    NUMBER: ("equals", "not_equals", "greater_than", "less_than"),
    DATETIME: ("after", "before"),
    ENUM: ("is", "is_not"),
}
#: Negative operators match the rows the positive one does not, rows without the field too.
POSITIVE = {"is_not": "is", "not_equals": "equals"}


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


def _operator(
    condition: Mapping[str, Any], index: int, allowed: Sequence[str], of: str = ""
) -> str:
    operator = condition.get("operator")
    if operator not in allowed:
        reason = f"must be one of {list(allowed)}{of}, got {operator!r}"
        raise _problem(index, "operator", reason)
    return str(operator)


def _schema(condition: Mapping[str, Any], index: int, ontology: Ontology) -> SchemaInfo:
    """The filterable schema a metadata condition names (by id, or a reserved one by name)."""
    wanted = condition.get("schemaId")
    schema = ontology.by_id.get(wanted) if isinstance(wanted, str) else None
    if schema is None and isinstance(wanted, str):
        named = ontology.by_name.get(wanted)
        schema = named if named is not None and named.reserved else None
    if schema is None:
        reason = f"no metadata schema {wanted!r} in this organization"
        reason += " (give a schema id, or the name of a reserved schema)"
        raise _problem(index, "schemaId", reason)
    if schema.kind == OPTION:
        reason = f"{schema.name} is an enum option: give its enum, and the option in values"
        raise _problem(index, "schemaId", reason)
    if schema.kind not in METADATA_OPERATORS:
        reason = f"{schema.name} is a {schema.kind}; slices filter {list(METADATA_OPERATORS)}"
        raise _problem(index, "schemaId", reason)
    return schema


def _options(
    condition: Mapping[str, Any], index: int, enum: SchemaInfo, ontology: Ontology
) -> list[str]:
    """The option ids of an enum condition's `values` (a reserved enum's options by name too)."""
    options = {s.id: s for s in ontology.by_id.values() if s.parent_id == enum.id}
    by_name = {s.name: s.id for s in options.values() if s.reserved}
    values = _strings(condition.get("values"), index, "values")
    found = [value if value in options else by_name.get(value) for value in values]
    unknown = [value for value, option in zip(values, found, strict=True) if option is None]
    if unknown:
        what = "option ids (or names)" if enum.reserved else "option ids"
        raise _problem(index, "values", f"must be {what} of {enum.name}; not {unknown}")
    return [option for option in found if option is not None]


def _stored_datetime_key(text: ColumnElement[str]) -> ColumnElement[str]:
    """`YYYY-MM-DDTHH:MM:SS[.ffffff]Z` (as stored) → `YYYY-MM-DDTHH:MM:SS.ffffff`, which
    sorts as the instants do."""
    fraction = case((func.length(text) == 20, literal(".000000")), else_=func.substr(text, 20, 7))
    return ByteOrder(func.substr(text, 1, 19, type_=String()).concat(fraction))


def _metadata_value(
    condition: Mapping[str, Any], index: int, schema: SchemaInfo, operator: str
) -> ColumnElement[bool]:
    """Which stored values of a string, number or datetime schema the operator matches."""
    value = condition.get("value")
    stored = DataRowMetadataValue.value[()]
    if schema.kind == STRING:
        if not isinstance(value, str):
            raise _problem(index, "value", "must be a string")
        fields = {"value": FilterField(stored.as_string())}
        return build_condition({f"value{TEXT_OPERATORS[operator]}": value}, fields)
    if schema.kind == NUMBER:
        if not is_number(value):
            raise _problem(index, "value", "must be a number")
        # Only this schema's values are cast: PostgreSQL may test rows of others first.
        number: ColumnElement[float] = case(
            (DataRowMetadataValue.schema_id == schema.id, stored.as_float())
        )
        threshold = float(value)
        if operator == "greater_than":
            return number > threshold
        return number < threshold if operator == "less_than" else number == threshold
    try:
        instant = normalize_datetime(value)
    except MetadataError:
        raise _problem(index, "value", "must be an ISO 8601 instant") from None
    bound = instant[:19] + (instant[19:26] if len(instant) > 20 else ".000000")
    key = _stored_datetime_key(stored.as_string())
    return key > bound if operator == "after" else key < bound


def _metadata(condition: Mapping[str, Any], index: int, ontology: Ontology) -> ColumnElement[bool]:
    """A metadata condition: rows with (or, negated, without) a matching value."""
    schema = _schema(condition, index, ontology)
    operator = _operator(condition, index, METADATA_OPERATORS[schema.kind], f" for {schema.name}")
    positive = POSITIVE.get(operator, operator)
    values = select(DataRowMetadataValue.data_row_id)
    if schema.kind == ENUM:
        options = _options(condition, index, schema, ontology)
        values = values.where(DataRowMetadataValue.schema_id.in_(options))
    else:
        values = values.where(
            DataRowMetadataValue.schema_id == schema.id,
            _metadata_value(condition, index, schema, positive),
        )
    matched = DataRow.id.in_(values)
    return matched if positive == operator else not_(matched)


def _condition(condition: Any, index: int, ontology: Callable[[], Ontology]) -> ColumnElement[bool]:
    """The SQL condition of one filter item (raising `MALFORMED_REQUEST` if it is bad)."""
    if not isinstance(condition, Mapping):
        raise MalformedRequest(f"filter[{index}]: must be an object")
    kind = condition.get("type")
    if kind == "metadata":
        return _metadata(condition, index, ontology())
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
    known = ["dataset", "project", *TEXT_FIELDS, "media_type", "created_at", "metadata"]
    raise _problem(index, "type", f"must be one of {known}, got {kind!r}")


def check_filter(
    session: Session, caller: Caller, filter_: Any, *, saving: bool
) -> list[ColumnElement[bool]]:
    """The conditions of a slice filter (a list; `MALFORMED_REQUEST` if it is bad).

    Saving, a metadata condition must name a live schema. Evaluating, the schemas deleted
    since count too: no row has their values any more (so `is_not` matches every row)."""
    if not isinstance(filter_, list):
        raise MalformedRequest("filter must be a list of conditions")
    ontology = functools.cache(lambda: load_ontology(session, caller, deleted=not saving))
    return [_condition(item, index, ontology) for index, item in enumerate(filter_)]


def create_slice(session: Session, caller: Caller, data: Mapping[str, Any]) -> CatalogSlice:
    """A new slice of the caller's organization (`CreateCatalogSliceInput`)."""
    name = data["name"]
    if not isinstance(name, str) or not name.strip():
        raise MalformedRequest("name must not be empty")
    check_filter(session, caller, data["filter"], saving=True)
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
        store.in_scope(caller, DataRow),
        DataRow.deleted.is_(False),
        *check_filter(session, caller, saved.filter, saving=False),
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
