"""Checked annotations written back as import NDJSON, as predictions store them (no server
needed): every feature named by both `schemaId` and `name`, the rest as given, and the
result reads back to the same annotation."""

from __future__ import annotations

from typing import Any

from labelbox_server.domain.annotation_rows import check_row
from labelbox_server.domain.ndjson_annotations import annotation_ndjson

from .test_annotation_rows import ONTOLOGY, ROW, UUID


def _row(**fields: Any) -> dict[str, Any]:
    return {"uuid": UUID, "dataRow": {"id": ROW}, **fields}


CASES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        _row(
            schemaId="box",
            bbox={"top": 1, "left": 2, "height": 3, "width": 4},
            classifications=[{"name": "color", "answer": {"schemaId": "black"}}],
        ),
        _row(
            schemaId="box",
            name="Cat Box",
            bbox={"top": 1, "left": 2, "height": 3, "width": 4},
            classifications=[
                {
                    "schemaId": "box-color",
                    "name": "color",
                    "answer": {"schemaId": "black", "name": "black"},
                }
            ],
        ),
    ),
    (
        _row(name="polygon", polygon=[{"x": 0, "y": 0}, {"x": 1, "y": 0}, {"x": 1, "y": 1}]),
        _row(
            schemaId="poly",
            name="polygon",
            polygon=[{"x": 0, "y": 0}, {"x": 1, "y": 0}, {"x": 1, "y": 1}],
        ),
    ),
    (
        _row(name="line", line=[{"x": 0, "y": 0}, {"x": 2.5, "y": 1}], page=2, unit="POINTS"),
        _row(
            schemaId="line",
            name="line",
            line=[{"x": 0, "y": 0}, {"x": 2.5, "y": 1}],
            page=2,
            unit="POINTS",
        ),
    ),
    (
        _row(name="point", point={"x": 3, "y": 4}),
        _row(schemaId="point", name="point", point={"x": 3, "y": 4}),
    ),
    (
        _row(name="mask", mask={"instanceURI": "https://x.example/m.png", "colorRGB": [1, 2, 3]}),
        _row(
            schemaId="mask",
            name="mask",
            mask={"instanceURI": "https://x.example/m.png", "colorRGB": [1, 2, 3]},
        ),
    ),
    (
        _row(name="entity", location={"start": 2, "end": 5}),
        _row(schemaId="entity", name="entity", location={"start": 2, "end": 5}),
    ),
    (
        _row(
            name="mood",
            answer={
                "name": "happy",
                "classifications": [{"name": "why", "answers": [{"name": "sun"}]}],
            },
        ),
        _row(
            schemaId="mood",
            name="mood",
            answer={
                "schemaId": "happy",
                "name": "happy",
                "classifications": [
                    {
                        "schemaId": "why",
                        "name": "why",
                        "answers": [{"schemaId": "sun", "name": "sun"}],
                    }
                ],
            },
        ),
    ),
    (
        _row(schemaId="tags", answers=[{"schemaId": "a"}, {"name": "b"}]),
        _row(
            schemaId="tags",
            name="tags",
            answers=[{"schemaId": "a", "name": "a"}, {"schemaId": "b", "name": "b"}],
        ),
    ),
    (_row(name="note", answer="hi"), _row(schemaId="note", name="note", answer="hi")),
]


def test_every_kind_is_written_back_with_both_feature_keys() -> None:
    for given, expected in CASES:
        checked = check_row(given, ONTOLOGY)
        assert checked.ok and checked.annotation is not None, checked.errors
        assert checked.annotation.uuid == UUID
        written = annotation_ndjson(checked.annotation, ROW)
        assert written == expected
        again = check_row(written, ONTOLOGY)
        assert again.ok and again.annotation == checked.annotation
