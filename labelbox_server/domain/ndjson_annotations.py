"""Checked annotations written back as import NDJSON (the layout `annotation_rows` reads),
with every feature named by both `schemaId` and `name`: how predictions are stored and
returned (`Prediction.annotation`). A `confidence` the annotation kept (model-run
predictions) is written where the row gave it: on the row, a nested classification or an
answer."""

from __future__ import annotations

from typing import Any

from .annotation_json import AnnotationJson
from .annotation_rows import Annotation, Answer, ClassificationAnswer, ObjectAnnotation
from .ontology_index import OPTION, Feature


class _Ndjson(AnnotationJson):
    def feature(self, feature: Feature) -> dict[str, Any]:
        name = feature.value if feature.kind == OPTION else feature.name
        return {"schemaId": feature.feature_schema_id, "name": name}

    def object(self, annotation: ObjectAnnotation) -> dict[str, Any]:
        item = self.feature(annotation.feature)
        geometry = annotation.geometry
        if "data" in geometry:
            item["location"] = dict(geometry["data"]["location"])
        elif "instanceURI" in geometry:
            item["mask"] = {
                "instanceURI": geometry["instanceURI"],
                "colorRGB": geometry["colorRGB"],
            }
        else:
            item.update(geometry)
        item.update(annotation.extra)
        if annotation.classifications:
            item["classifications"] = [self.classification(c) for c in annotation.classifications]
        return _with_confidence(item, annotation.confidence)

    def classification(self, annotation: ClassificationAnswer) -> dict[str, Any]:
        return _with_confidence(super().classification(annotation), annotation.confidence)

    def answer(self, answer: Answer) -> dict[str, Any]:
        return _with_confidence(super().answer(answer), answer.confidence)


def _with_confidence(item: dict[str, Any], confidence: float | None) -> dict[str, Any]:
    if confidence is not None:
        item["confidence"] = confidence
    return item


_NDJSON = _Ndjson()


def annotation_ndjson(annotation: Annotation, data_row_id: str) -> dict[str, Any]:
    """The NDJSON row of a top-level annotation of a data row."""
    row: dict[str, Any] = {"uuid": annotation.uuid, "dataRow": {"id": data_row_id}}
    if isinstance(annotation, ObjectAnnotation):
        row.update(_NDJSON.object(annotation))
    else:
        row.update(_NDJSON.classification(annotation))
    return row
