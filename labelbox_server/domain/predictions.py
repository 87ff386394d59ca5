"""Predictions as import NDJSON rows (what `model_predictions` stores and exports give):
`uuid`, `dataRow {id}`, the feature by `schemaId` and `name`, its geometry or answer, and
nested `classifications`, rebuilt from a checked annotation."""

from __future__ import annotations

import uuid as uuid_module
from typing import Any

from .annotation_rows import Annotation, Answer, ClassificationAnswer, ObjectAnnotation
from .ontology_index import Feature


def prediction_row(annotation: Annotation, data_row_id: str) -> dict[str, Any]:
    """The annotation as an import row of the data row, with a new `uuid`."""
    row: dict[str, Any] = {"uuid": str(uuid_module.uuid4()), "dataRow": {"id": data_row_id}}
    row.update(_annotation(annotation))
    return row


def _feature(feature: Feature) -> dict[str, Any]:
    return {"schemaId": feature.feature_schema_id, "name": feature.name}


def _annotation(annotation: Annotation) -> dict[str, Any]:
    if isinstance(annotation, ObjectAnnotation):
        return _object(annotation)
    return _classification(annotation)


def _object(annotation: ObjectAnnotation) -> dict[str, Any]:
    item = _feature(annotation.feature)
    geometry = annotation.geometry
    if "data" in geometry:  # a text entity: {"data": {"location": ...}}
        item["location"] = geometry["data"]["location"]
    elif "instanceURI" in geometry:
        item["mask"] = dict(geometry)
    else:
        item.update(geometry)
    item.update(annotation.extra)
    if annotation.classifications:
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
