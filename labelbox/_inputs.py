"""Checks of arguments shared by the public methods; each failure is a typed SDK error
naming the argument, raised before anything is sent."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
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


#: Schemes of URLs given as row data (never taken for local paths).
URL_SCHEMES = ("http://", "https://", "gs://", "s3://")
#: Longest text taken for a path (Linux's PATH_MAX); longer text is never a local file.
MAX_PATH_LENGTH = 4096


def local_file_at(value: str | os.PathLike[str]) -> Path | None:
    """The existing local file `value` names, or None: a URL, inline text, or a path that is
    too long, has a NUL or a line break, or cannot be looked at is not one."""
    try:
        text = os.fspath(value)
    except TypeError:
        return None
    if (
        not isinstance(text, str)
        or not text
        or text.startswith(URL_SCHEMES)
        or len(text) > MAX_PATH_LENGTH
        or any(char in text for char in "\x00\n\r")
    ):
        return None
    try:
        path = Path(text)
        return path if path.is_file() else None
    except (OSError, ValueError):  # ENAMETOOLONG (a name over 255 bytes), EACCES, ...
        return None


def check_text_list(owner: Any, name: str, value: object) -> list[str]:
    """`value` as a list of strings: a list, tuple or other sequence (not a lone `str`),
    each item checked as by `check_text`; `InvalidAttributeError` otherwise."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InvalidAttributeError(owner, name, f"pass a list, not a {type(value).__name__}")
    return [str(check_text(owner, name, item)) for item in value]
