"""Checked annotations (`annotation_rows`) written back out as JSON.

A format (`lbv1` for labels, `ndjson_annotations` for predictions) says how a feature is
named and how an object is written; classifications and their answers, nested to any depth,
are written alike in every format.
"""

from __future__ import annotations

from typing import Any

from .annotation_rows import Answer, ClassificationAnswer, ObjectAnnotation
from .ontology_index import Feature


class AnnotationJson:
    """The JSON of one format; subclasses give `feature` and `object`."""

    def feature(self, feature: Feature) -> dict[str, Any]:
        """How a tool, classification or option is named."""
        raise NotImplementedError

    def object(self, annotation: ObjectAnnotation) -> dict[str, Any]:
        """An object annotation, its geometry and nested classifications."""
        raise NotImplementedError

    def classification(self, annotation: ClassificationAnswer) -> dict[str, Any]:
        """A classification with its answer: text, an option, or a list of options
        (`answers` for a checklist, `answer` for a dropdown)."""
        item = self.feature(annotation.feature)
        answer = annotation.answer
        if isinstance(answer, str):
            item["answer"] = answer
        elif isinstance(answer, Answer):
            item["answer"] = self.answer(answer)
        elif annotation.feature.kind == "checklist":
            item["answers"] = [self.answer(a) for a in answer]
        else:
            item["answer"] = [self.answer(a) for a in answer]
        return item

    def answer(self, answer: Answer) -> dict[str, Any]:
        """A chosen option, with the classifications nested under it."""
        item = self.feature(answer.feature)
        if answer.classifications:
            item["classifications"] = [self.classification(c) for c in answer.classifications]
        return item
