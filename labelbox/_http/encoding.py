"""JSON encoding of GraphQL variables.

Whatever is passed, encoding either gives valid JSON of valid Unicode text or raises
`InvalidQueryError` naming where in the variables the bad value is, before anything is sent.
"""

from __future__ import annotations

import enum
import json
import math
from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import Any

from labelbox._text import text_problem
from labelbox.exceptions import InvalidQueryError

#: How deeply variables may nest (far beyond any operation's inputs).
MAX_DEPTH = 64


def format_datetime(value: datetime) -> str:
    """UTC, ISO-8601 with a `Z`; naive datetimes are taken as local time.

    Raises `OverflowError` / `ValueError` for a moment that has no UTC time
    (`datetime.min` with a positive offset, say).
    """
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
    """Serialize a request body or variables; datetimes and enums included.

    Raises `InvalidQueryError` for what cannot be sent: a value JSON has no form for
    (bytes, objects, NaN, infinities), a moment without a UTC time, a string that is not
    valid Unicode (a lone surrogate), or nesting deeper than `MAX_DEPTH`.
    """
    try:
        text = json.dumps(value, default=_default, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError, OverflowError, RecursionError) as error:
        raise _invalid(value, error) from None
    # Escaped surrogates appear only for characters beyond the BMP or for lone surrogates;
    # only then is the value searched for the latter.
    if "\\ud" in text:
        problem = find_problem(value)
        if problem is not None:
            raise InvalidQueryError(f"{problem[0]}: {problem[1]}")
    return text


def _invalid(value: Any, error: BaseException) -> InvalidQueryError:
    problem = find_problem(value)
    if problem is not None:
        return InvalidQueryError(f"{problem[0]}: {problem[1]}")
    if isinstance(error, RecursionError):
        return InvalidQueryError("the variables are nested too deeply to send")
    return InvalidQueryError(f"the variables cannot be sent as JSON: {error}")


def find_problem(value: Any, path: str = "variables", depth: int = 0) -> tuple[str, str] | None:
    """The first value that cannot be sent, as (path, reason), or None."""
    if depth > MAX_DEPTH:
        return path, f"nested more than {MAX_DEPTH} levels deep"
    if isinstance(value, str):
        problem = text_problem(value)
        return (path, problem) if problem else None
    if value is None or isinstance(value, (bool, int)):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else (path, f"{value} is not a JSON number")
    if isinstance(value, enum.Enum):
        return find_problem(value.value, path, depth + 1)
    if isinstance(value, datetime):
        try:
            format_datetime(value)
        except (OverflowError, ValueError) as error:
            return path, f"{value!r} has no UTC time ({error})"
        return None
    if isinstance(value, date):
        return None
    if hasattr(value, "model_dump"):
        try:
            dumped = value.model_dump(by_alias=True, exclude_unset=True)
        except Exception as error:  # a broken input model: say which
            return path, f"{type(value).__name__} cannot be serialized ({error})"
        return find_problem(dumped, path, depth + 1)
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                return path, f"key {key!r} is not a string"
            problem = text_problem(key) if isinstance(key, str) else None
            if problem:
                return path, f"a key {problem}"
            found = find_problem(item, f"{path}.{key}", depth + 1)
            if found:
                return found
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        for index, item in enumerate(value):
            found = find_problem(item, f"{path}[{index}]", depth + 1)
            if found:
                return found
        return None
    return path, f"{type(value).__name__} is not a JSON value"
