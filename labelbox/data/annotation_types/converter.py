"""Typed labels to and from import NDJSON (`NDJsonConverter`), and from label-export rows
(LBV1, `from_lbv1`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from labelbox.data.annotation_types.annotation import ObjectAnnotation
from labelbox.data.annotation_types.classification import (
    Checklist,
    ClassificationAnnotation,
    ClassificationAnswer,
    Radio,
    Text,
)
from labelbox.data.annotation_types.geometry import (
    Line,
    Mask,
    MaskData,
    Point,
    Polygon,
    Rectangle,
)
from labelbox.data.annotation_types.label import DataRowRef, Label
from labelbox.data.annotation_types.ner import TextEntity

Annotation = ObjectAnnotation | ClassificationAnnotation
_EXTRA = ("page", "unit")


class NDJsonConverter:
    """Typed labels to import NDJSON rows and back."""

    @staticmethod
    def serialize(labels: Iterable[Label]) -> Iterator[dict[str, Any]]:
        """One NDJSON row per annotation of every label."""
        for label in labels:
            yield from label.to_ndjson()

    @staticmethod
    def deserialize(rows: Iterable[Mapping[str, Any]]) -> list[Label]:
        """The labels of NDJSON rows: one per data row, in the order the rows first name it
        (`ValueError` for a row that is no annotation)."""
        labels: dict[str, Label] = {}
        for row in rows:
            data_row_id = row["dataRow"]["id"]
            label = labels.setdefault(data_row_id, Label(data=DataRowRef(uid=data_row_id)))
            label.annotations.append(annotation_from_ndjson(row))
        return list(labels.values())


def _feature(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"name": row.get("name"), "feature_schema_id": row.get("schemaId")}


def _geometry(row: Mapping[str, Any]) -> Any:
    if "bbox" in row:
        box = row["bbox"]
        return Rectangle.from_bbox(box["top"], box["left"], box["height"], box["width"])
    if "polygon" in row:
        return Polygon(points=[Point(**p) for p in row["polygon"]])
    if "line" in row:
        return Line(points=[Point(**p) for p in row["line"]])
    if "point" in row:
        return Point(**row["point"])
    if "location" in row:
        return TextEntity(**row["location"])
    if "mask" in row:
        mask = row["mask"]
        color = tuple(mask.get("colorRGB", (255, 255, 255)))
        if "instanceURI" in mask:
            return Mask(mask=MaskData(url=mask["instanceURI"]), color=color)
        import base64

        return Mask(mask=MaskData(im_bytes=base64.b64decode(mask["png"])), color=color)
    return None


def annotation_from_ndjson(row: Mapping[str, Any], *, nested: bool = False) -> Annotation:
    """The typed annotation of one NDJSON row (or nested classification)."""
    geometry = None if nested else _geometry(row)
    if geometry is not None:
        return ObjectAnnotation(
            **_feature(row),
            value=geometry,
            classifications=[_classification(c) for c in row.get("classifications", [])],
            uuid=row.get("uuid"),
            extra={k: row[k] for k in _EXTRA if k in row},
            confidence=row.get("confidence"),
        )
    return _classification(row, uuid=row.get("uuid"))


def _answer(option: Mapping[str, Any]) -> ClassificationAnswer:
    return ClassificationAnswer(
        **_feature(option),
        classifications=[_classification(c) for c in option.get("classifications", [])],
        confidence=option.get("confidence"),
    )


def _classification(row: Mapping[str, Any], uuid: str | None = None) -> ClassificationAnnotation:
    value: Text | Radio | Checklist
    if "answers" in row:
        value = Checklist(answer=[_answer(a) for a in row["answers"]])
    elif isinstance(row.get("answer"), str):
        value = Text(answer=row["answer"], confidence=row.get("confidence"))
    elif isinstance(row.get("answer"), Mapping):
        value = Radio(answer=_answer(row["answer"]))
    elif isinstance(row.get("answer"), list):
        value = Checklist(answer=[_answer(a) for a in row["answer"]])
    else:
        raise ValueError(f"Not an annotation: no geometry and no answer in {dict(row)!r}")
    return ClassificationAnnotation(**_feature(row), value=value, uuid=uuid)


# -- label exports (LBV1) ---------------------------------------------------------------------


def from_lbv1(row: Mapping[str, Any]) -> Label:
    """The typed label of one label-export row (`ID`, `DataRow ID`, `Label`...). Masks come
    without their color in an export (white is assumed)."""
    content = row.get("Label") or {}
    annotations: list[Annotation] = [_lbv1_object(o) for o in content.get("objects", [])]
    annotations += [_lbv1_classification(c) for c in content.get("classifications", [])]
    return Label(
        uid=row.get("ID"),
        data=DataRowRef(
            uid=row["DataRow ID"],
            external_id=row.get("External ID"),
            global_key=row.get("Global Key"),
            url=row.get("Labeled Data"),
        ),
        annotations=annotations,
    )


def _lbv1_feature(item: Mapping[str, Any], *, option: bool = False) -> dict[str, Any]:
    return {
        "name": item.get("value") if option else item.get("title"),
        "feature_schema_id": item.get("schemaId"),
    }


def _lbv1_object(item: Mapping[str, Any]) -> ObjectAnnotation:
    if "instanceURI" in item:
        value: Any = Mask(mask=MaskData(url=item["instanceURI"]), color=(255, 255, 255))
    elif "data" in item and "location" in item["data"]:
        value = TextEntity(**item["data"]["location"])
    else:
        value = _geometry(item)
    return ObjectAnnotation(
        **_lbv1_feature(item),
        value=value,
        classifications=[_lbv1_classification(c) for c in item.get("classifications", [])],
        extra={k: item[k] for k in _EXTRA if k in item},
    )


def _lbv1_answer(option: Mapping[str, Any]) -> ClassificationAnswer:
    return ClassificationAnswer(
        **_lbv1_feature(option, option=True),
        classifications=[_lbv1_classification(c) for c in option.get("classifications", [])],
    )


def _lbv1_classification(item: Mapping[str, Any]) -> ClassificationAnnotation:
    answer = item.get("answer")
    value: Text | Radio | Checklist
    if "answers" in item:
        value = Checklist(answer=[_lbv1_answer(a) for a in item["answers"]])
    elif isinstance(answer, str):
        value = Text(answer=answer)
    elif isinstance(answer, Mapping):
        value = Radio(answer=_lbv1_answer(answer))
    else:
        value = Checklist(answer=[_lbv1_answer(a) for a in answer or []])
    return ClassificationAnnotation(**_lbv1_feature(item), value=value)
