"""A `Label`: the annotations of one data row."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel, Field, field_validator

from labelbox.data.annotation_types.annotation import ObjectAnnotation
from labelbox.data.annotation_types.classification import ClassificationAnnotation


class DataRowRef(BaseModel):
    """The data row annotated: its id (`uid`), and what else is known of it."""

    uid: str
    external_id: str | None = None
    global_key: str | None = None
    url: str | None = None


#: Labelbox's SDK names the data by its kind; all of them refer to a data row here.
ImageData = TextData = DataRowRef


class Label(BaseModel):
    """The annotations of one data row (`data`: a `DataRowRef`, or the data row's id).

    >>> Label(data="<data row id>", annotations=[
    ...     ObjectAnnotation(name="box", value=Rectangle.from_bbox(10, 20, 30, 40)),
    ...     ClassificationAnnotation(name="mood", value=Radio(answer=ClassificationAnswer(name="happy"))),
    ... ])
    """

    data: DataRowRef
    annotations: list[ObjectAnnotation | ClassificationAnnotation] = Field(default_factory=list)
    #: Kept from an export (the label's id); not imported.
    uid: str | None = None

    @field_validator("data", mode="before")
    @classmethod
    def _data_row_id(cls, value: Any) -> Any:
        return {"uid": value} if isinstance(value, str) else value

    @property
    def object_annotations(self) -> list[ObjectAnnotation]:
        return [a for a in self.annotations if isinstance(a, ObjectAnnotation)]

    @property
    def classification_annotations(self) -> list[ClassificationAnnotation]:
        return [a for a in self.annotations if isinstance(a, ClassificationAnnotation)]

    def to_ndjson(self, mask_url: Callable[[bytes], str] | None = None) -> Iterator[dict[str, Any]]:
        """One import NDJSON row per annotation (a new `uuid` for those without one); masks
        given by bytes are uploaded with `mask_url` when given."""
        for annotation in self.annotations:
            fields = (
                annotation.to_ndjson(mask_url)
                if isinstance(annotation, ObjectAnnotation)
                else annotation.to_ndjson()
            )
            yield {
                "uuid": annotation.uuid or str(uuid.uuid4()),
                "dataRow": {"id": self.data.uid},
                **fields,
            }
