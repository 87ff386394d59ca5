"""Geometries of object annotations: `Point`, `Line`, `Polygon`, `Rectangle`, `Mask`.

Coordinates are pixels from the top-left corner. A `Mask` is a PNG, by URL or by bytes (no
numpy or image library needed); pixels of `color` belong to the object.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator, model_validator


class Geometry(BaseModel):
    """A shape of an object annotation."""

    model_config = ConfigDict(frozen=True)

    def to_ndjson(self) -> dict[str, Any]:
        """The NDJSON key and value of this geometry (`{"bbox": {...}}`, ...)."""
        raise NotImplementedError


class Point(Geometry):
    x: float
    y: float

    def to_ndjson(self) -> dict[str, Any]:
        return {"point": {"x": self.x, "y": self.y}}


def _points(points: list[Point]) -> list[dict[str, float]]:
    return [{"x": p.x, "y": p.y} for p in points]


class Line(Geometry):
    """A polyline of at least 2 points."""

    points: list[Point]

    @field_validator("points")
    @classmethod
    def _enough(cls, points: list[Point]) -> list[Point]:
        if len(points) < 2:
            raise ValueError(f"A line needs at least 2 points, got {len(points)}")
        return points

    def to_ndjson(self) -> dict[str, Any]:
        return {"line": _points(self.points)}


class Polygon(Geometry):
    """A closed shape of at least 3 points."""

    points: list[Point]

    @field_validator("points")
    @classmethod
    def _enough(cls, points: list[Point]) -> list[Point]:
        if len(points) < 3:
            raise ValueError(f"A polygon needs at least 3 points, got {len(points)}")
        return points

    def to_ndjson(self) -> dict[str, Any]:
        return {"polygon": _points(self.points)}


class Rectangle(Geometry):
    """An axis-aligned box from `start` (top-left) to `end` (bottom-right)."""

    start: Point
    end: Point

    @classmethod
    def from_bbox(cls, top: float, left: float, height: float, width: float) -> Rectangle:
        return cls(start=Point(x=left, y=top), end=Point(x=left + width, y=top + height))

    def to_ndjson(self) -> dict[str, Any]:
        left, top = min(self.start.x, self.end.x), min(self.start.y, self.end.y)
        return {
            "bbox": {
                "top": top,
                "left": left,
                "height": abs(self.end.y - self.start.y),
                "width": abs(self.end.x - self.start.x),
            }
        }


class MaskData(BaseModel):
    """A PNG mask: at a `url`, or its bytes (`im_bytes`)."""

    model_config = ConfigDict(frozen=True)
    url: str | None = None
    im_bytes: bytes | None = None

    @model_validator(mode="after")
    def _one(self) -> MaskData:
        if (self.url is None) == (self.im_bytes is None):
            raise ValueError("Give a mask's url or its im_bytes (one of them)")
        return self


class Mask(Geometry):
    """The pixels of `color` (RGB) in a PNG mask."""

    mask: MaskData
    color: tuple[int, int, int]

    @field_validator("color")
    @classmethod
    def _rgb(cls, color: tuple[int, int, int]) -> tuple[int, int, int]:
        if not all(0 <= c <= 255 for c in color):
            raise ValueError(f"colors must be between 0 and 255, got {color}")
        return color

    def to_ndjson(self, mask_url: Callable[[bytes], str] | None = None) -> dict[str, Any]:
        """By URL; a mask given by bytes is uploaded with `mask_url` (import methods do) or
        else sent inline as base64 `png`."""
        url = self.mask.url
        if url is None and mask_url is not None:
            assert self.mask.im_bytes is not None
            url = mask_url(self.mask.im_bytes)
        if url is not None:
            return {"mask": {"instanceURI": url, "colorRGB": list(self.color)}}
        assert self.mask.im_bytes is not None
        png = base64.b64encode(self.mask.im_bytes).decode()
        return {"mask": {"png": png, "colorRGB": list(self.color)}}
