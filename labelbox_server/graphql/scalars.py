"""Custom scalars of the schema.

* `DateTime`: written `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC, exactly three fractional digits);
  read from any ISO-8601 string (`Z`, `+00:00` or other offsets, with or without a fraction;
  no offset means UTC), kept at millisecond precision; an instant outside years 1 to 9999
  in UTC (e.g. `0001-01-01T00:00:00+14:00`) is invalid.
* `Json`: any JSON value, passed through.
* `PageSize`: a positive integer.
* `Upload`: a file part of a multipart request (ariadne's `upload_scalar`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ariadne import ScalarType, upload_scalar
from graphql import IntValueNode, StringValueNode, ValueNode, value_from_ast_untyped

from ..domain.clock import iso_millis, truncate_to_millis

#: Instants rendered recently (rows written together share them): each is rendered once.
_RENDERED: dict[datetime, str] = {}
RENDERED_ENTRIES = 4096


def serialize_datetime(value: Any) -> str:
    """`datetime` (naive = UTC) → `YYYY-MM-DDTHH:MM:SS.sssZ`."""
    if type(value) is datetime:
        rendered = _RENDERED.get(value)
        if rendered is None:
            rendered = iso_millis(value)
            if len(_RENDERED) >= RENDERED_ENTRIES:
                _RENDERED.clear()
            _RENDERED[value] = rendered
        return rendered
    if isinstance(value, str):
        value = parse_datetime(value)
    if not isinstance(value, datetime):
        raise TypeError(f"DateTime cannot represent {value!r}")
    return iso_millis(value)


def parse_datetime(value: Any) -> datetime:
    """An ISO-8601 string → aware UTC `datetime` at millisecond precision."""
    if not isinstance(value, str):
        raise ValueError("DateTime must be an ISO-8601 string")
    text = value.strip()
    if text[-1:] in ("z", "Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("DateTime must be an ISO-8601 string") from None
    try:
        return truncate_to_millis(parsed)
    except OverflowError:
        raise ValueError("DateTime is out of range (years 1 to 9999 in UTC)") from None


def parse_datetime_literal(node: ValueNode, _variables: dict[str, Any] | None = None) -> datetime:
    if not isinstance(node, StringValueNode):
        raise ValueError("DateTime must be an ISO-8601 string")
    return parse_datetime(node.value)


def serialize_json(value: Any) -> Any:
    return value


def parse_json(value: Any) -> Any:
    return value


def parse_json_literal(node: ValueNode, variables: dict[str, Any] | None = None) -> Any:
    return value_from_ast_untyped(node, variables)


def serialize_page_size(value: Any) -> int:
    return int(value)


def parse_page_size(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("PageSize must be a positive integer")
    return value


def parse_page_size_literal(node: ValueNode, _variables: dict[str, Any] | None = None) -> int:
    if not isinstance(node, IntValueNode):
        raise ValueError("PageSize must be a positive integer")
    return parse_page_size(int(node.value))


datetime_scalar = ScalarType(
    "DateTime",
    serializer=serialize_datetime,
    value_parser=parse_datetime,
    literal_parser=parse_datetime_literal,
)
json_scalar = ScalarType(
    "Json", serializer=serialize_json, value_parser=parse_json, literal_parser=parse_json_literal
)
page_size_scalar = ScalarType(
    "PageSize",
    serializer=serialize_page_size,
    value_parser=parse_page_size,
    literal_parser=parse_page_size_literal,
)

SCALARS = [datetime_scalar, json_scalar, page_size_scalar, upload_scalar]
