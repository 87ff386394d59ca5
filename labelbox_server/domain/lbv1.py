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
from typing import Any

from ..db.models import DataRow, Label, Review, User
from . import clock, ids
from .annotation_rows import Annotation, Answer, ClassificationAnswer, ObjectAnnotation
from .ontology_index import Feature


def label_json(annotations: Sequence[Annotation]) -> dict[str, Any]:
    """The LBV1 `Label` object of a data row's annotations."""
    return {
        "objects": [_object(a) for a in annotations if isinstance(a, ObjectAnnotation)],
        "classifications": [
            _classification(a) for a in annotations if isinstance(a, ClassificationAnswer)
        ],
    }


def _feature(feature: Feature) -> dict[str, Any]:
    return {
        "featureId": ids.new_id(),
        "schemaId": feature.feature_schema_id,
        "title": feature.name,
        "value": feature.value,
    }


def _object(annotation: ObjectAnnotation) -> dict[str, Any]:
    item = _feature(annotation.feature)
    item["color"] = annotation.feature.color
    geometry = dict(annotation.geometry)
    if "data" in geometry:  # a text entity
        geometry.update(format="text.location", version=1)
    geometry.pop("colorRGB", None)
    item.update(geometry)
    item.update(annotation.extra)
    item["classifications"] = [_classification(c) for c in annotation.classifications]
    return item


def _classification(annotation: ClassificationAnswer) -> dict[str, Any]:
    item = _feature(annotation.feature)
    answer = annotation.answer
    if isinstance(answer, str):
        item["answer"] = answer
    elif isinstance(answer, Answer):
        item["answer"] = _answer(answer)
    elif annotation.feature.kind == "checklist":
        item["answers"] = [_answer(a) for a in answer]
    else:
        item["answer"] = [_answer(a) for a in answer]
    return item


def _answer(answer: Answer) -> dict[str, Any]:
    item = _feature(answer.feature)
    if answer.classifications:
        item["classifications"] = [_classification(c) for c in answer.classifications]
    return item


@dataclass(frozen=True)
class ExportContext:
    """What export rows refer to, loaded once per page of labels."""

    project_name: str
    data_rows: Mapping[str, DataRow]
    dataset_names: Mapping[str, str]
    users: Mapping[str, User]
    reviews: Mapping[str, Sequence[Review]]
    benchmarks: Mapping[str, str]
    metadata: Mapping[str, list[dict[str, Any]]]


def _email(users: Mapping[str, User], user_id: str | None) -> str | None:
    user = users.get(user_id or "")
    return user.email if user is not None else None


def export_row(label: Label, context: ExportContext) -> dict[str, Any]:
    """One LBV1 export row of a label (its data row loaded in `context`)."""
    row = context.data_rows[label.data_row_id]
    media_type = (row.media_type or "").lower() or None
    return {
        "ID": label.id,
        "DataRow ID": row.id,
        "Labeled Data": row.row_data,
        "Label": _label_object(label.label),
        "Created By": _email(context.users, label.created_by_id),
        "Project Name": context.project_name,
        "Created At": clock.iso_millis(label.created_at),
        "Updated At": clock.iso_millis(label.updated_at),
        "Seconds to Label": label.seconds_to_label,
        "External ID": row.external_id,
        "Global Key": row.global_key,
        "Agreement": label.agreement,
        "Benchmark Agreement": label.benchmark_agreement,
        "Benchmark ID": context.benchmarks.get(label.id),
        "Dataset Name": context.dataset_names.get(row.dataset_id),
        "Reviews": [
            {
                "score": review.score,
                "id": review.id,
                "createdAt": clock.iso_millis(review.created_at),
                "createdBy": _email(context.users, review.created_by_id),
                "labelId": label.id,
            }
            for review in context.reviews.get(label.id, ())
        ],
        "View Label": None,
        "Has Open Issues": 0,
        "Skipped": False,
        "media_type": media_type,
        "Data Split": None,
        "Media Attributes": row.media_attributes or {},
        "DataRow Metadata": context.metadata.get(row.id, []),
    }


def _label_object(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return {"objects": [], "classifications": []}
