"""Classification answers: `Text`, `Radio` (one option), `Checklist` (several), each option
with its nested classifications."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from labelbox.data.annotation_types.feature import FeatureSchema
from labelbox.data.mixins import ConfidenceMixin


class ClassificationAnswer(FeatureSchema, ConfidenceMixin):
    """A chosen option, with the answers to its nested classifications."""

    classifications: list[ClassificationAnnotation] = Field(default_factory=list)

    def to_ndjson(self) -> dict[str, Any]:
        found = {**self._feature_ndjson(), **self._confidence_ndjson()}
        if self.classifications:
            found["classifications"] = [c.to_ndjson() for c in self.classifications]
        return found


class Text(ConfidenceMixin):
    answer: str

    def to_ndjson(self) -> dict[str, Any]:
        return {"answer": self.answer, **self._confidence_ndjson()}


class Radio(BaseModel):
    answer: ClassificationAnswer

    def to_ndjson(self) -> dict[str, Any]:
        return {"answer": self.answer.to_ndjson()}


class Checklist(BaseModel):
    answer: list[ClassificationAnswer] = Field(min_length=1)

    def to_ndjson(self) -> dict[str, Any]:
        return {"answers": [a.to_ndjson() for a in self.answer]}


class ClassificationAnnotation(FeatureSchema):
    """The answer to a classification (top level, or nested in an object or an option)."""

    value: Text | Radio | Checklist
    #: Kept from an import row or an export; a new one is made when None.
    uuid: str | None = None

    def to_ndjson(self) -> dict[str, Any]:
        return {**self._feature_ndjson(), **self.value.to_ndjson()}


ClassificationAnswer.model_rebuild()
