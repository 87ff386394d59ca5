"""Checks of arguments shared by the public methods; each failure is a typed SDK error
naming the argument, raised before anything is sent."""

from __future__ import annotations

import math
from typing import Any

from labelbox._text import text_problem
from labelbox.exceptions import InvalidAttributeError


def check_seconds(owner: Any, name: str, value: object, *, positive: bool = False) -> float:
    """`value` as seconds: a finite number >= 0 (> 0 with `positive`);
    `InvalidAttributeError` naming `owner` and `name` otherwise."""
    seconds: float | None = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            seconds = float(value)
        except OverflowError:
            seconds = None
    if seconds is None or not math.isfinite(seconds) or seconds < 0 or (positive and not seconds):
        bound = "> 0" if positive else ">= 0"
        raise InvalidAttributeError(
            owner, name, f"must be a finite number of seconds {bound}, not {value!r}"
        )
    return seconds


def check_text(owner: Any, name: str, value: object, *, optional: bool = False) -> str | None:
    """`value` if it is a string that can be sent (see `labelbox._text`);
    `InvalidAttributeError` naming `owner` and `name` otherwise. None passes with `optional`."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise InvalidAttributeError(owner, name, f"must be a string, not {type(value).__name__}")
    problem = text_problem(value, nul=True)
    if problem:
        raise InvalidAttributeError(owner, name, problem)
    return value
