"""Checked annotations written back as import NDJSON (the layout `annotation_rows` reads),
with every feature named by both `schemaId` and `name`: how predictions are stored and
returned (`Prediction.annotation`)."""

from __future__ import annotations

from typing import Any

from .annotation_rows import Annotation, Answer, ClassificationAnswer, ObjectAnnotation
from .ontology_index import OPTION, Feature


def annotation_ndjson(annotation: Annotation, data_row_id: str) -> dict[str, Any]:
    """The NDJSON row of a top-level annotation of a data row."""
    row: dict[str, Any] = {"uuid": annotation.uuid, "dataRow": {"id": data_row_id}}
    if isinstance(annotation, ObjectAnnotation):
        row.update(_object(annotation))
    else:
        row.update(_classification(annotation))
    return row


def _feature(feature: Feature) -> dict[str, Any]:
    name = feature.value if feature.kind == OPTION else feature.name
    return {"schemaId": feature.feature_schema_id, "name": name}


def _object(annotation: ObjectAnnotation) -> dict[str, Any]:
    item = _feature(annotation.feature)
    geometry = annotation.geometry
    if "data" in geometry:
        item["location"] = dict(geometry["data"]["location"])
    elif "instanceURI" in geometry:
        item["mask"] = {"instanceURI": geometry["instanceURI"], "colorRGB": geometry["colorRGB"]}
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
