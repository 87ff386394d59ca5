"""Typed annotations against a real server: every import method takes `Label`s (a mask given
by bytes is uploaded and imported by URL); `project.label_generator()` gives the labels back
as the same typed model."""

from __future__ import annotations

from typing import Any

import pytest

import labelbox as lb
from labelbox.data.annotation_types import (
    Checklist,
    ClassificationAnnotation,
    ClassificationAnswer,
    Label,
    Line,
    Mask,
    MaskData,
    ObjectAnnotation,
    Point,
    Polygon,
    Radio,
    Rectangle,
    Text,
    TextEntity,
)
from labelbox.schema.annotation_import import LabelImport, MALPredictionImport
from labelbox.schema.bulk_import_request import BulkImportRequest

from .labeling import Setup, set_up
from .mal import predictions
from .test_label_imports import IMAGE, TEXT

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def setup(client: lb.Client) -> Setup:
    return set_up(client, [IMAGE, TEXT])


def _labels(s: Setup) -> list[Label]:
    shades = ClassificationAnnotation(
        name="shades", value=Checklist(answer=[ClassificationAnswer(name="matte")])
    )
    image = Label(
        data=s.rows[0].uid,
        annotations=[
            ObjectAnnotation(
                name="box",
                value=Rectangle(start=Point(x=20, y=10), end=Point(x=60, y=40)),
                classifications=[
                    ClassificationAnnotation(
                        name="color",
                        value=Radio(
                            answer=ClassificationAnswer(name="black", classifications=[shades])
                        ),
                    )
                ],
            ),
            ObjectAnnotation(
                feature_schema_id=s.schema_id("polygon"),
                value=Polygon(points=[Point(x=1, y=1), Point(x=5, y=1), Point(x=3, y=4)]),
            ),
            ObjectAnnotation(name="line", value=Line(points=[Point(x=0, y=0), Point(x=9, y=3)])),
            ObjectAnnotation(name="point", value=Point(x=7, y=8)),
            ObjectAnnotation(
                name="mask", value=Mask(mask=MaskData(im_bytes=PNG), color=(255, 0, 0))
            ),
            ClassificationAnnotation(
                name="mood",
                value=Radio(
                    answer=ClassificationAnswer(
                        name="happy",
                        classifications=[
                            ClassificationAnnotation(name="why", value=Text(answer="sun"))
                        ],
                    )
                ),
            ),
            ClassificationAnnotation(
                name="tags",
                value=Checklist(
                    answer=[ClassificationAnswer(name="fat"), ClassificationAnswer(name="cute")]
                ),
            ),
        ],
    )
    text = Label(
        data=s.rows[1].uid,
        annotations=[
            ObjectAnnotation(name="entity", value=TextEntity(start=2, end=5)),
            ClassificationAnnotation(name="note", value=Text(answer="short")),
        ],
    )
    return [image, text]


def _count(labels: list[Label]) -> int:
    return sum(len(label.annotations) for label in labels)


def test_every_import_method_takes_typed_labels(client: lb.Client, setup: Setup) -> None:
    s = setup
    labels = _labels(s)
    mal = MALPredictionImport.create_from_objects(client, s.project.uid, "typed", labels)
    mal.wait_until_done(sleep_time_seconds=1)
    assert [st["status"] for st in mal.statuses] == ["SUCCESS"] * _count(labels), mal.errors
    (mask,) = [row for row in mal.inputs if "mask" in row]
    uploaded = mask["mask"]["instanceURI"]
    assert uploaded.startswith("http") and client._gateway.http.get(uploaded).content == PNG
    stored = predictions(client, s.project)
    assert len(stored) == _count(labels)

    bulk = BulkImportRequest.create_from_objects(client, s.project.uid, "typed", labels)
    bulk.wait_until_done(sleep_time_seconds=1)
    assert [st["status"] for st in bulk.statuses] == ["SUCCESS"] * _count(labels), bulk.errors
    assert s.project.upload_annotations("typed again", labels, validate=True).uid

    label_import = LabelImport.create_from_objects(client, s.project.uid, "typed", labels)
    label_import.wait_until_done(sleep_time_seconds=1)
    assert label_import.errors == []
    (label_mask,) = [row["mask"]["instanceURI"] for row in label_import.inputs if "mask" in row]

    # The labels come back as the same typed model, annotation by annotation.
    back = {label.data.uid: label for label in s.project.label_generator()}
    assert set(back) == {label.data.uid for label in labels}
    for sent in labels:
        got = back[sent.data.uid]
        assert got.uid is not None
        assert _shape(got) == _shape(sent, label_mask)


def _shape(label: Label, mask_url: str | None = None) -> list[Any]:
    """What an annotation says, without what an export cannot keep (uuids, mask colors) and
    naming every feature by name."""

    def answer(a: ClassificationAnswer) -> Any:
        return (a.name, [classification(c) for c in a.classifications])

    def classification(c: ClassificationAnnotation) -> Any:
        v = c.value
        if isinstance(v, Text):
            return (c.name, v.answer)
        if isinstance(v, Radio):
            return (c.name, answer(v.answer))
        return (c.name, [answer(a) for a in v.answer])

    found: list[Any] = []
    for a in label.annotations:
        if isinstance(a, ObjectAnnotation):
            value: Any = a.value
            if isinstance(value, Mask):
                value = value.mask.url or mask_url
            name = a.name or "polygon"
            found.append((name, value, [classification(c) for c in a.classifications]))
        else:
            found.append(classification(a))
    return sorted(found, key=repr)
