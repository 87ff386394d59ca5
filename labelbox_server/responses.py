"""JSON responses rendered with orjson.

The bodies are what `json.dumps(..., ensure_ascii=False, separators=(",", ":"))` writes, but
for the spelling of small floats (orjson writes `1e-7` where `json` writes `1e-07`: the same
number). A body orjson refuses (integers past 64 bits, lone surrogates)
is rendered by `json`, lone surrogates escaped.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from starlette.responses import JSONResponse


def render_json(content: Any) -> bytes:
    """`content` as compact JSON (UTF-8)."""
    try:
        return orjson.dumps(content)
    except TypeError:
        pass
    try:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(content, separators=(",", ":")).encode("ascii")


class FastJSONResponse(JSONResponse):
    """A `JSONResponse` rendered by `render_json`."""

    def render(self, content: Any) -> bytes:
        return render_json(content)
