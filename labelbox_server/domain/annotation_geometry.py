"""The geometry of an object annotation row (`annotation_rows`), checked and put in the
LBV1 layout: `bbox` → `{"bbox": {top, left, height, width}}`, `polygon` / `line` (at least 3
/ 2 `{x, y}` points), `point`, `location {start, end}` → `{"data": {"location": ...}}`, `mask`
by URL → `{"instanceURI", "colorRGB"}`. Each check reports what is wrong through `add(name,
message)` and returns None then."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..values import is_number

#: Reports one error of the row: `add(name, message)`.
Add = Callable[[str, str], None]
_Check = Callable[[Any, Add], dict[str, Any] | None]
#: The geometry key each tool takes.
GEOMETRY = {
    "rectangle": "bbox",
    "polygon": "polygon",
    "line": "line",
    "point": "point",
    "named-entity": "location",
    "superpixel": "mask",
    "raster-segmentation": "mask",
}


def _point(value: Any) -> dict[str, float] | None:
    if isinstance(value, Mapping) and is_number(value.get("x")) and is_number(value.get("y")):
        return {"x": value["x"], "y": value["y"]}
    return None


def _check_bbox(value: Any, add: Add) -> dict[str, Any] | None:
    keys = ("top", "left", "height", "width")
    if not isinstance(value, Mapping) or not all(is_number(value.get(k)) for k in keys):
        add("InvalidGeometry", "`bbox` must have numbers top, left, height, width")
        return None
    if value["height"] < 0 or value["width"] < 0:
        add("InvalidGeometry", "`bbox` height and width must not be negative")
        return None
    return {"bbox": {k: value[k] for k in keys}}


def _points(name: str, minimum: int) -> _Check:
    def check(value: Any, add: Add) -> dict[str, Any] | None:
        points = [_point(p) for p in value] if isinstance(value, list) else None
        if points is None or any(p is None for p in points):
            add("InvalidGeometry", f"`{name}` must be a list of {{x, y}} points")
            return None
        if len(points) < minimum:
            add(
                "InvalidGeometry",
                f"`{name}` needs at least {minimum} points, got {len(points)}",
            )
            return None
        return {name: points}

    return check


def _check_point(value: Any, add: Add) -> dict[str, Any] | None:
    point = _point(value)
    if point is None:
        add("InvalidGeometry", "`point` must be {x, y} numbers")
        return None
    return {"point": point}


def _check_location(value: Any, add: Add) -> dict[str, Any] | None:
    if not isinstance(value, Mapping) or not all(
        isinstance(value.get(k), int) and not isinstance(value.get(k), bool)
        for k in ("start", "end")
    ):
        add("InvalidGeometry", "`location` must have integers start and end")
        return None
    start, end = value["start"], value["end"]
    if start < 0 or start > end:
        add("InvalidGeometry", f"`location` needs 0 <= start <= end, got {start}..{end}")
        return None
    return {"data": {"location": {"start": start, "end": end}}}


def _check_mask(value: Any, add: Add) -> dict[str, Any] | None:
    if not isinstance(value, Mapping):
        add("InvalidGeometry", "`mask` must be an object")
        return None
    if "instanceURI" not in value:
        add("UnsupportedMask", "masks are imported by URL: give `mask.instanceURI` and `colorRGB`")
        return None
    url, color = value.get("instanceURI"), value.get("colorRGB")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        add("InvalidGeometry", "`mask.instanceURI` must be an http(s) URL")
        return None
    rgb = _rgb(color)
    if rgb is None:
        add("InvalidGeometry", "`mask.colorRGB` must be 3 integers between 0 and 255")
        return None
    return {"instanceURI": url, "colorRGB": rgb}


def _rgb(value: Any) -> list[int] | None:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 3:
        return None
    if all(isinstance(c, int) and not isinstance(c, bool) and 0 <= c <= 255 for c in value):
        return list(value)
    return None


_CHECKS: dict[str, _Check] = {
    "bbox": _check_bbox,
    "polygon": _points("polygon", 3),
    "line": _points("line", 2),
    "point": _check_point,
    "location": _check_location,
    "mask": _check_mask,
}


def check_geometry(key: str, value: Any, add: Add) -> dict[str, Any] | None:
    """The geometry given under `key` (the key `GEOMETRY` names for the tool) in the LBV1 layout."""
    return _CHECKS[key](value, add)
