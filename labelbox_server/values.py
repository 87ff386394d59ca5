"""Values every database can store: the rules checked wherever outside data comes in.

Every string must be valid Unicode without NUL characters (PostgreSQL stores neither lone
surrogates nor NUL), every integer must fit in 64 bits (SQLite's and PostgreSQL's largest
integer), every number must be finite, and JSON values may nest objects and lists only so
deep. Each function returns why a value is not acceptable, or None. GraphQL requests are
checked by `graphql.inputs`, import files by `domain.import_descriptors`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, TypeGuard

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
#: Nesting allowed in JSON values that come from files (import descriptors).
DEFAULT_MAX_DEPTH = 32
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def string_problem(value: str) -> str | None:
    """Why a string cannot be stored, or None."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    if found.group() == "\x00":
        return "strings must not contain NUL characters"
    return "strings must be valid Unicode (no lone surrogates)"


def number_problem(value: int | float) -> str | None:
    """Why a number cannot be stored, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            return "integers must fit in 64 bits"
        return None
    if not math.isfinite(value):
        return "numbers must be finite"
    return None


def is_number(value: Any) -> TypeGuard[int | float]:
    """Whether `value` is a finite JSON number (not a bool; an int beyond any float is not)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def value_problem(value: Any, max_depth: int = DEFAULT_MAX_DEPTH) -> str | None:
    """Why a decoded JSON value (keys included) is not acceptable, or None."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        problem: str | None = None
        if isinstance(item, str):
            problem = string_problem(item)
        elif isinstance(item, int | float):
            problem = number_problem(item)
        elif isinstance(item, Mapping | list | tuple):
            if depth >= max_depth:
                return f"values must not nest deeper than {max_depth} levels"
            if isinstance(item, Mapping):
                stack.extend((key, depth) for key in item if isinstance(key, str))
                stack.extend((child, depth + 1) for child in item.values())
            else:
                stack.extend((child, depth + 1) for child in item)
        if problem is not None:
            return problem
    return None
