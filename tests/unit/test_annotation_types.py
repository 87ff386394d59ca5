"""Typed annotations and their NDJSON (no server): every kind converts to the import rows a
hand-written import would send, and back to equal objects; bad shapes are refused."""

from __future__ import annotations

import base64
import subprocess
import sys

import pydantic
import pytest

from labelbox.data.annotation_types import (
    Checklist,
    ClassificationAnnotation,
    ClassificationAnswer,
    Label,
    Line,
    Mask,
    MaskData,
    NDJsonConverter,
    ObjectAnnotation,
    Point,
    Polygon,
    Radio,
    Rectangle,
    Text,
    TextEntity,
    from_lbv1,
)

ROW = "c" + "1" * 24
U = [f"00000000-0000-4000-8000-{i:012}" for i in range(20)]


def _label() -> Label:
    shades = ClassificationAnnotation(
        name="shades", value=Checklist(answer=[ClassificationAnswer(name="matte")])
    )
    return Label(
        data=ROW,
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
                uuid=U[0],
            ),
            ObjectAnnotation(
                feature_schema_id="poly-id",
                value=Polygon(points=[Point(x=1, y=1), Point(x=5, y=1), Point(x=3, y=4)]),
                uuid=U[1],
            ),
            ObjectAnnotation(
                name="line", value=Line(points=[Point(x=0, y=0), Point(x=9.5, y=3.25)]), uuid=U[2]
            ),
            ObjectAnnotation(name="point", value=Point(x=7, y=8), uuid=U[3]),
            ObjectAnnotation(
                name="mask",
                value=Mask(mask=MaskData(url="https://x.example/m.png"), color=(255, 0, 0)),
                uuid=U[4],
            ),
            ObjectAnnotation(name="entity", value=TextEntity(start=2, end=5), uuid=U[5]),
            ClassificationAnnotation(
                name="mood",
                value=Radio(answer=ClassificationAnswer(feature_schema_id="happy-id")),
                uuid=U[6],
            ),
            ClassificationAnnotation(
                name="tags",
                value=Checklist(
                    answer=[ClassificationAnswer(name="fat"), ClassificationAnswer(name="cute")]
                ),
                uuid=U[7],
            ),
            ClassificationAnnotation(name="note", value=Text(answer="short"), uuid=U[8]),
        ],
    )


def test_every_kind_becomes_the_import_rows() -> None:
    rows = list(NDJsonConverter.serialize([_label()]))
    data_row = {"dataRow": {"id": ROW}}
    assert rows == [
        {
            "uuid": U[0],
            **data_row,
            "name": "box",
            "bbox": {"top": 10, "left": 20, "height": 30, "width": 40},
            "classifications": [
                {
                    "name": "color",
                    "answer": {
                        "name": "black",
                        "classifications": [{"name": "shades", "answers": [{"name": "matte"}]}],
                    },
                }
            ],
        },
        {
            "uuid": U[1],
            **data_row,
            "schemaId": "poly-id",
            "polygon": [{"x": 1, "y": 1}, {"x": 5, "y": 1}, {"x": 3, "y": 4}],
        },
        {
            "uuid": U[2],
            **data_row,
            "name": "line",
            "line": [{"x": 0, "y": 0}, {"x": 9.5, "y": 3.25}],
        },
        {"uuid": U[3], **data_row, "name": "point", "point": {"x": 7, "y": 8}},
        {
            "uuid": U[4],
            **data_row,
            "name": "mask",
            "mask": {"instanceURI": "https://x.example/m.png", "colorRGB": [255, 0, 0]},
        },
        {"uuid": U[5], **data_row, "name": "entity", "location": {"start": 2, "end": 5}},
        {"uuid": U[6], **data_row, "name": "mood", "answer": {"schemaId": "happy-id"}},
        {"uuid": U[7], **data_row, "name": "tags", "answers": [{"name": "fat"}, {"name": "cute"}]},
        {"uuid": U[8], **data_row, "name": "note", "answer": "short"},
    ]
    assert NDJsonConverter.deserialize(rows) == [_label()]


def test_uuids_are_made_when_missing_and_masks_by_bytes() -> None:
    png = b"\x89PNG\r\n\x1a\nfake"
    label = Label(
        data=ROW,
        annotations=[
            ObjectAnnotation(name="mask", value=Mask(mask=MaskData(im_bytes=png), color=(1, 2, 3)))
        ],
    )
    (inline,) = label.to_ndjson()
    assert inline["mask"] == {"png": base64.b64encode(png).decode(), "colorRGB": [1, 2, 3]}
    assert len(inline["uuid"]) == 36
    uploaded: list[bytes] = []

    def upload(data: bytes) -> str:
        uploaded.append(data)
        return "https://x.example/uploaded.png"

    (by_url,) = label.to_ndjson(upload)
    assert uploaded == [png] and by_url["mask"]["instanceURI"] == "https://x.example/uploaded.png"
    assert by_url["uuid"] != inline["uuid"]


def test_bad_shapes_are_refused() -> None:
    with pytest.raises(pydantic.ValidationError):
        Polygon(points=[Point(x=1, y=1), Point(x=2, y=2)])
    with pytest.raises(pydantic.ValidationError):
        Line(points=[Point(x=1, y=1)])
    with pytest.raises(pydantic.ValidationError):
        TextEntity(start=5, end=2)
    with pytest.raises(pydantic.ValidationError):
        Mask(mask=MaskData(url="https://x"), color=(256, 0, 0))
    with pytest.raises(pydantic.ValidationError):
        MaskData()
    with pytest.raises(pydantic.ValidationError):
        ObjectAnnotation(value=Point(x=1, y=1))  # no feature
    with pytest.raises(pydantic.ValidationError):
        Checklist(answer=[])
    with pytest.raises(ValueError):
        NDJsonConverter.deserialize([{"uuid": U[0], "dataRow": {"id": ROW}, "name": "x"}])


def test_confidences_go_where_the_rows_take_them_and_come_back() -> None:
    answer = ClassificationAnswer(name="black", confidence=0.7)
    box = ObjectAnnotation(
        name="box",
        value=Point(x=1, y=2),
        confidence=0.9,
        classifications=[ClassificationAnnotation(name="color", value=Radio(answer=answer))],
        uuid=U[0],
    )
    note = ClassificationAnnotation(name="note", value=Text(answer="ok", confidence=0), uuid=U[1])
    tags = ClassificationAnnotation(
        name="tags", value=Checklist(answer=[ClassificationAnswer(name="cute", confidence=1)])
    )
    label = Label(data=ROW, annotations=[box, note, tags.model_copy(update={"uuid": U[2]})])
    rows = list(NDJsonConverter.serialize([label]))
    assert rows[0]["confidence"] == 0.9
    assert rows[0]["classifications"][0]["answer"] == {"name": "black", "confidence": 0.7}
    assert rows[1] == {
        "uuid": U[1],
        "dataRow": {"id": ROW},
        "name": "note",
        "answer": "ok",
        "confidence": 0,
    }
    assert rows[2]["answers"] == [{"name": "cute", "confidence": 1}]
    assert NDJsonConverter.deserialize(rows) == [label]
    plain = Label(data=ROW, annotations=[ObjectAnnotation(name="box", value=Point(x=1, y=2))])
    assert "confidence" not in str(list(NDJsonConverter.serialize([plain])))


@pytest.mark.parametrize("bad", [1.5, -0.1, float("nan"), "high"])
def test_a_confidence_outside_0_to_1_is_refused(bad: object) -> None:
    with pytest.raises(pydantic.ValidationError, match="confidence"):
        ObjectAnnotation(name="box", value=Point(x=1, y=2), confidence=bad)
    with pytest.raises(pydantic.ValidationError, match="confidence"):
        Text(answer="ok", confidence=bad)


def test_label_export_rows_become_labels() -> None:
    row = {
        "ID": "label-1",
        "DataRow ID": ROW,
        "External ID": "r0",
        "Labeled Data": "https://x.example/i.jpg",
        "Label": {
            "objects": [
                {
                    "featureId": "f1",
                    "schemaId": "box-id",
                    "title": "box",
                    "value": "box",
                    "bbox": {"top": 1, "left": 2, "height": 3, "width": 4},
                    "classifications": [
                        {
                            "featureId": "f2",
                            "schemaId": "c-id",
                            "title": "color",
                            "value": "color",
                            "answer": {
                                "featureId": "f3",
                                "schemaId": "o-id",
                                "title": "Black",
                                "value": "black",
                            },
                        }
                    ],
                },
                {
                    "featureId": "f4",
                    "schemaId": "e-id",
                    "title": "entity",
                    "value": "entity",
                    "data": {"location": {"start": 0, "end": 3}},
                    "format": "text.location",
                    "version": 1,
                    "classifications": [],
                },
                {
                    "featureId": "f5",
                    "schemaId": "m-id",
                    "title": "mask",
                    "value": "mask",
                    "instanceURI": "https://x.example/m.png",
                    "classifications": [],
                },
            ],
            "classifications": [
                {
                    "featureId": "f6",
                    "schemaId": "t-id",
                    "title": "tags",
                    "value": "tags",
                    "answers": [
                        {"featureId": "f7", "schemaId": "cute-id", "title": "Cute", "value": "cute"}
                    ],
                },
                {
                    "featureId": "f8",
                    "schemaId": "n-id",
                    "title": "note",
                    "value": "note",
                    "answer": "hi",
                },
            ],
        },
    }
    label = from_lbv1(row)
    assert label.uid == "label-1" and label.data.uid == ROW and label.data.external_id == "r0"
    box, entity, mask = label.object_annotations
    assert (box.name, box.feature_schema_id) == ("box", "box-id")
    assert box.value == Rectangle.from_bbox(1, 2, 3, 4)
    (color,) = box.classifications
    assert isinstance(color.value, Radio) and color.value.answer.name == "black"
    assert entity.value == TextEntity(start=0, end=3)
    assert isinstance(mask.value, Mask) and mask.value.mask.url == "https://x.example/m.png"
    tags, note = label.classification_annotations
    assert isinstance(tags.value, Checklist) and [a.name for a in tags.value.answer] == ["cute"]
    assert note.value == Text(answer="hi")


def test_no_numpy_or_image_library_is_imported() -> None:
    code = (
        "import sys, labelbox.data.annotation_types as t, labelbox.schema.bulk_import_request;"
        "t.Label(data='x', annotations=[]);"
        "print(sorted(m for m in ('numpy', 'PIL', 'cv2') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
