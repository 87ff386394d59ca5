"""Checks of what callers pass: schema names, lists of rows, raw fields, data row ids."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from labelbox._text import text_problem
from labelbox.exceptions import InvalidMetadataError
from labelbox.schema._metadata.models import DataRowMetadataField


def check_name(name: object, field: str) -> str:
    if not isinstance(name, str):
        raise InvalidMetadataError(f"must be a string, not {type(name).__name__}", field=field)
    problem = text_problem(name, nul=True)
    if problem:
        raise InvalidMetadataError(problem, field=field)
    stripped = name.strip()
    if not 1 <= len(stripped) <= 100:
        raise InvalidMetadataError("must have 1 to 100 characters (spaces stripped)", field=field)
    return stripped


def check_unique(names: Sequence[str], field: str) -> None:
    seen: set[str] = set()
    for position, name in enumerate(names):
        if name in seen:
            raise InvalidMetadataError(f"{name!r} is given twice", field=f"{field}[{position}]")
        seen.add(name)


def check_rows(rows: Any, field: str, what: str = "a list") -> Iterable[Any]:
    """`rows` if it is a list-like of rows; `InvalidMetadataError` naming `field` otherwise."""
    if isinstance(rows, (str, bytes, Mapping, BaseModel)) or not isinstance(rows, Iterable):
        raise InvalidMetadataError(f"pass {what}, not a {type(rows).__name__}", field=field)
    return rows


def fields_of(fields: Any, index: int | None) -> list[Mapping[str, Any]]:
    """Fields as the API returns them (`{"schemaId": ..., "value": ...}`), checked."""
    checked = []
    for position, item in enumerate(check_rows(fields, "fields")):
        if not isinstance(item, Mapping) or not isinstance(item.get("schemaId"), str):
            raise InvalidMetadataError(
                "expected a dict with a string 'schemaId'", field=f"fields[{position}]", index=index
            )
        checked.append(item)
    return checked


def check_data_row_id(data_row_id: object, field: str, index: int | None) -> None:
    if not isinstance(data_row_id, str) or not data_row_id:
        raise InvalidMetadataError(f"not a data row id: {data_row_id!r}", field=field, index=index)
    problem = text_problem(data_row_id, nul=True)
    if problem:
        raise InvalidMetadataError(problem, field=field, index=index)


_FIELD_KEYS = frozenset({"schema_id", "schemaId", "name", "value", "kind"})


def as_field(raw: object, where: str, index: int | None) -> DataRowMetadataField:
    if isinstance(raw, DataRowMetadataField):
        return _checked_field(raw, where, index)
    if not isinstance(raw, Mapping):
        raise InvalidMetadataError(
            f"expected a DataRowMetadataField or a dict, not {type(raw).__name__}",
            field=where,
            index=index,
        )
    unknown = sorted(str(key) for key in raw if key not in _FIELD_KEYS)
    if unknown:
        raise InvalidMetadataError(
            f"unknown key(s) {', '.join(map(repr, unknown))}; use schema_id or name, and value",
            field=where,
            index=index,
        )
    if "value" not in raw:
        raise InvalidMetadataError("has no 'value'", field=where, index=index)
    schema_id = raw.get("schema_id")
    camel_id = raw.get("schemaId")
    if schema_id is not None and camel_id is not None and schema_id != camel_id:
        raise InvalidMetadataError(
            "'schema_id' and 'schemaId' differ", field=f"{where}.schema_id", index=index
        )
    schema_id = schema_id if schema_id is not None else camel_id
    name = raw.get("name")
    return _checked_field(
        DataRowMetadataField.model_construct(schema_id=schema_id, name=name, value=raw["value"]),
        where,
        index,
    )


def _checked_field(
    field: DataRowMetadataField, where: str, index: int | None
) -> DataRowMetadataField:
    """`field` if its schema id and name are text that can be sent."""
    for key in ("schema_id", "name"):
        value = getattr(field, key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InvalidMetadataError(
                f"must be a string, not {type(value).__name__}", field=f"{where}.{key}", index=index
            )
        problem = text_problem(value, nul=True)
        if problem:
            raise InvalidMetadataError(problem, field=f"{where}.{key}", index=index)
    return field
