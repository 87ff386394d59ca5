"""The LBV1 format: a label's annotation JSON, and the rows of a label export (spec §1.9).

A label's `label` is an LBV1 `Label` object, `{"objects": [...], "classifications": [...]}`.
Every feature in it has a `featureId` (the annotation's own id), the ontology's `schemaId`,
a `title` (the tool or classification name, the option label) and a `value` (the name as a
slug, the option value). Objects carry their geometry (`bbox`, `polygon`, `line`, `point`,
`instanceURI` for masks, `data.location` for text entities) and nested `classifications`;
classifications carry `answer` (text, or an option), `answers` (checklist) or `answer` as a
list (dropdown); options may carry nested `classifications`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from ..db.models import Review
from . import clock, ids
from .annotation_json import AnnotationJson
from .annotation_rows import Annotation, ClassificationAnswer, ObjectAnnotation
from .ontology_index import Feature


class _Lbv1(AnnotationJson):
    def feature(self, feature: Feature) -> dict[str, Any]:
        return {
            "featureId": ids.new_id(),
            "schemaId": feature.feature_schema_id,
            "title": feature.name,
            "value": feature.value,
        }

    def object(self, annotation: ObjectAnnotation) -> dict[str, Any]:
        item = self.feature(annotation.feature)
        item["color"] = annotation.feature.color
        geometry = dict(annotation.geometry)
        if "data" in geometry:  # a text entity
            geometry.update(format="text.location", version=1)
        geometry.pop("colorRGB", None)
        item.update(geometry)
        item.update(annotation.extra)
        item["classifications"] = [self.classification(c) for c in annotation.classifications]
        return item


_LBV1 = _Lbv1()


def label_json(annotations: Sequence[Annotation]) -> dict[str, Any]:
    """The LBV1 `Label` object of a data row's annotations."""
    return {
        "objects": [_LBV1.object(a) for a in annotations if isinstance(a, ObjectAnnotation)],
        "classifications": [
            _LBV1.classification(a) for a in annotations if isinstance(a, ClassificationAnswer)
        ],
    }


class ExportedLabel(NamedTuple):
    """A label as an export reads it: its columns and its data row's."""

    id: str
    label: str
    created_at: datetime
    updated_at: datetime
    seconds_to_label: float | None
    agreement: float | None
    benchmark_agreement: float | None
    created_by: str | None
    data_row_id: str
    row_data: str
    external_id: str | None
    global_key: str | None
    media_type: str | None
    media_attributes: Any
    dataset_name: str


@dataclass(frozen=True)
class ExportContext:
    """What export rows refer to besides their label and data row, loaded once per page."""

    reviewer_emails: Mapping[str, str]
    reviews: Mapping[str, Sequence[Review]]
    benchmarks: Mapping[str, str]
    metadata: Mapping[str, list[dict[str, Any]]]


def export_line(label: ExportedLabel, project_name: str, context: ExportContext) -> bytes:
    """One LBV1 export row, as JSON. The label's annotation JSON is written as stored."""
    row = {
        "ID": label.id,
        "DataRow ID": label.data_row_id,
        "Labeled Data": label.row_data,
        "Label": None,
        "Created By": label.created_by,
        "Project Name": project_name,
        "Created At": clock.iso_millis(label.created_at),
        "Updated At": clock.iso_millis(label.updated_at),
        "Seconds to Label": label.seconds_to_label,
        "External ID": label.external_id,
        "Global Key": label.global_key,
        "Agreement": label.agreement,
        "Benchmark Agreement": label.benchmark_agreement,
        "Benchmark ID": context.benchmarks.get(label.id),
        "Dataset Name": label.dataset_name,
        "Reviews": [
            {
                "score": review.score,
                "id": review.id,
                "createdAt": clock.iso_millis(review.created_at),
                "createdBy": context.reviewer_emails.get(review.created_by_id or ""),
                "labelId": label.id,
            }
            for review in context.reviews.get(label.id, ())
        ],
        "View Label": None,
        "Has Open Issues": 0,
        "Skipped": False,
        "media_type": (label.media_type or "").lower() or None,
        "Data Split": None,
        "Media Attributes": label.media_attributes or {},
        "DataRow Metadata": context.metadata.get(label.data_row_id, []),
    }
    # `"Label": null` cannot occur earlier: JSON escapes the quotes of strings.
    text = json.dumps(row).replace('"Label": null', f'"Label": {_label_text(label.label)}', 1)
    return text.encode()


def _label_text(text: str) -> str:
    """The stored annotation JSON (an object), or an empty label if it is not one."""
    stripped = text.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        return stripped
    return json.dumps({"objects": [], "classifications": []})
