"""JSON encoding of GraphQL variables."""

from __future__ import annotations

import enum
import json
from datetime import date, datetime, timezone
from typing import Any


def format_datetime(value: datetime) -> str:
    """UTC, ISO-8601 with a `Z`; naive datetimes are taken as local time."""
    utc = value.astimezone(timezone.utc)
    text = utc.replace(tzinfo=None).isoformat(timespec="milliseconds")
    return f"{text}Z"


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if hasattr(value, "model_dump"):  # a pydantic input model
        return value.model_dump(by_alias=True, exclude_unset=True)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dumps(value: Any) -> str:
    """Serialize a request body or variables; datetimes and enums included."""
    return json.dumps(value, default=_default, separators=(",", ":"))
