"""Typed annotations, for building imports without hand-writing NDJSON and for reading
labels back (pydantic 2; no numpy or image library needed).

    >>> from labelbox.data.annotation_types import *
    >>> label = Label(data=data_row.uid, annotations=[
    ...     ObjectAnnotation(name="box", value=Rectangle(start=Point(x=20, y=10), end=Point(x=60, y=40)),
    ...                      classifications=[ClassificationAnnotation(
    ...                          name="color", value=Radio(answer=ClassificationAnswer(name="black")))]),
    ...     ClassificationAnnotation(name="tags", value=Checklist(answer=[ClassificationAnswer(name="cute")])),
    ... ])
    >>> MALPredictionImport.create_from_objects(client, project.uid, "pre-labels", [label])

Every import method takes `Label`s as well as NDJSON dicts; `NDJsonConverter` converts both
ways, and `project.label_generator()` yields a project's labels as `Label`s.
"""

from labelbox.data.annotation_types.annotation import ObjectAnnotation
from labelbox.data.annotation_types.classification import (
    Checklist,
    ClassificationAnnotation,
    ClassificationAnswer,
    Radio,
    Text,
)
from labelbox.data.annotation_types.converter import NDJsonConverter, from_lbv1
from labelbox.data.annotation_types.feature import FeatureSchema
from labelbox.data.annotation_types.geometry import (
    Geometry,
    Line,
    Mask,
    MaskData,
    Point,
    Polygon,
    Rectangle,
)
from labelbox.data.annotation_types.label import DataRowRef, ImageData, Label, TextData
from labelbox.data.annotation_types.ner import TextEntity

__all__ = [
    "Checklist",
    "ClassificationAnnotation",
    "ClassificationAnswer",
    "DataRowRef",
    "FeatureSchema",
    "Geometry",
    "ImageData",
    "Label",
    "Line",
    "Mask",
    "MaskData",
    "NDJsonConverter",
    "ObjectAnnotation",
    "Point",
    "Polygon",
    "Radio",
    "Rectangle",
    "Text",
    "TextData",
    "TextEntity",
    "from_lbv1",
]
