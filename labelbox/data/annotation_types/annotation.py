"""Object annotations: a geometry (or text entity) drawn with a tool, with nested
classifications."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import Field

from labelbox.data.annotation_types.classification import ClassificationAnnotation
from labelbox.data.annotation_types.feature import FeatureSchema
from labelbox.data.annotation_types.geometry import Line, Mask, Point, Polygon, Rectangle
from labelbox.data.annotation_types.ner import TextEntity
from labelbox.data.mixins import ConfidenceMixin


class ObjectAnnotation(FeatureSchema, ConfidenceMixin):
    """An object drawn with the tool named by `name` / `feature_schema_id`."""

    value: Rectangle | Polygon | Line | Point | Mask | TextEntity
    classifications: list[ClassificationAnnotation] = Field(default_factory=list)
    #: Kept from an import row or an export; a new one is made when None.
    uuid: str | None = None
    #: More NDJSON keys, such as `page` and `unit` for documents.
    extra: dict[str, Any] = Field(default_factory=dict)

    def to_ndjson(self, mask_url: Callable[[bytes], str] | None = None) -> dict[str, Any]:
        """The annotation's NDJSON keys (without `uuid` and `dataRow`)."""
        value = self.value
        geometry = value.to_ndjson(mask_url) if isinstance(value, Mask) else value.to_ndjson()
        found = {**self._feature_ndjson(), **geometry, **self.extra, **self._confidence_ndjson()}
        if self.classifications:
            found["classifications"] = [c.to_ndjson() for c in self.classifications]
        return found
