"""Checks of text the SDK sends: a bottom module (it imports nothing of the SDK).

A Python `str` may hold what no JSON text or database can: lone surrogates (`"\\ud800"`,
from broken decoding or slicing an escaped string) encode to no UTF-8 at all, and NUL
characters are refused by PostgreSQL. Inputs are checked with these before anything is sent,
so the error names the item and the field instead of failing on the server.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str, *, nul: bool = False) -> str | None:
    """Why `text` cannot be sent (a lone surrogate; a NUL character, with `nul`), or None."""
    found = _SURROGATE.search(text)
    if found is not None:
        return (
            f"contains a lone surrogate (U+{ord(found.group()):04X}) at position "
            f"{found.start()}, which is not valid Unicode text"
        )
    if nul and "\x00" in text:
        return f"contains a NUL character at position {text.index(chr(0))}"
    return None


def find_text_problem(value: Any, path: str) -> tuple[str, str] | None:
    """The first string (or key) in a nested value that cannot be sent, as (path, reason)."""
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            problem = text_problem(item, nul=True)
            if problem:
                return where, problem
        elif isinstance(item, Mapping):
            children = []
            for key, child in item.items():
                if isinstance(key, str):
                    problem = text_problem(key, nul=True)
                    if problem:
                        return where, f"a key {problem}"
                children.append((f"{where}.{key}", child))
            stack.extend(reversed(children))
        elif isinstance(item, (list, tuple)):
            stack.extend(reversed([(f"{where}[{i}]", child) for i, child in enumerate(item)]))
    return None
