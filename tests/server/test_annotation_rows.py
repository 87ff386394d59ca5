"""Annotation rows checked against an ontology, and their LBV1 form (no server needed)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from labelbox_server.domain.annotation_imports import read_rows
from labelbox_server.domain.annotation_rows import (
    Answer,
    ClassificationAnswer,
    ObjectAnnotation,
    check_row,
)
from labelbox_server.domain.lbv1 import label_json
from labelbox_server.domain.ontology_index import OntologyIndex, slug

ROW = "cdatarow00000000000000001"
UUID = "8a1d2e3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b"


def _option(schema_id: str, value: str, *nested: dict[str, Any]) -> dict[str, Any]:
    return {
        "schemaNodeId": f"n-{schema_id}",
        "featureSchemaId": schema_id,
        "label": value.title(),
        "value": value,
        "options": list(nested),
    }


def _classification(schema_id: str, kind: str, name: str, *options: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "instructions": name,
        "name": name,
        "required": False,
        "options": list(options),
        "schemaNodeId": f"n-{schema_id}",
        "featureSchemaId": schema_id,
    }


def _tool(schema_id: str, kind: str, name: str, *classifications: Any) -> dict[str, Any]:
    return {
        "tool": kind,
        "name": name,
        "required": False,
        "color": "#ff0000",
        "classifications": list(classifications),
        "schemaNodeId": f"n-{schema_id}",
        "featureSchemaId": schema_id,
    }


NORMALIZED = {
    "tools": [
        _tool(
            "box",
            "rectangle",
            "Cat Box",
            _classification("box-color", "radio", "color", _option("black", "black")),
        ),
        _tool("poly", "polygon", "polygon"),
        _tool("line", "line", "line"),
        _tool("point", "point", "point"),
        _tool("mask", "superpixel", "mask"),
        _tool("entity", "named-entity", "entity"),
    ],
    "classifications": [
        _classification(
            "mood",
            "radio",
            "mood",
            _option(
                "happy",
                "happy",
                _classification("why", "checklist", "why", _option("sun", "sun")),
            ),
            _option("sad", "sad"),
        ),
        _classification("tags", "checklist", "tags", _option("a", "a"), _option("b", "b")),
        _classification("note", "text", "note"),
    ],
}
ONTOLOGY = OntologyIndex.from_normalized(NORMALIZED)


def _row(**fields: Any) -> dict[str, Any]:
    return {"uuid": UUID, "dataRow": {"id": ROW}, **fields}


def _errors(row: Any) -> list[str]:
    checked = check_row(row, ONTOLOGY)
    assert checked.annotation is None
    return [error["name"] for error in checked.errors]


def test_every_tool_kind_parses_by_schema_id_or_name() -> None:
    cases: dict[str, dict[str, Any]] = {
        "box": {"bbox": {"top": 1, "left": 2, "height": 3, "width": 4}},
        "poly": {"polygon": [{"x": 0, "y": 0}, {"x": 1, "y": 0}, {"x": 1, "y": 1}]},
        "line": {"line": [{"x": 0, "y": 0}, {"x": 2.5, "y": 1}]},
        "point": {"point": {"x": 3, "y": 4}},
        "mask": {"mask": {"instanceURI": "https://x.example/m.png", "colorRGB": [1, 2, 3]}},
        "entity": {"location": {"start": 2, "end": 5}},
    }
    for schema_id, geometry in cases.items():
        by_id = check_row(_row(schemaId=schema_id, **geometry), ONTOLOGY)
        assert by_id.ok, by_id.errors
        assert isinstance(by_id.annotation, ObjectAnnotation)
        assert by_id.annotation.feature.feature_schema_id == schema_id
        name = by_id.annotation.feature.name
        by_name = check_row(_row(name=name, **geometry), ONTOLOGY)
        assert by_name.ok and by_name.annotation == by_id.annotation


def test_classifications_with_nested_answers() -> None:
    radio = check_row(
        _row(
            name="mood",
            answer={
                "name": "happy",
                "classifications": [{"name": "why", "answers": [{"name": "sun"}]}],
            },
        ),
        ONTOLOGY,
    )
    assert radio.ok, radio.errors
    assert isinstance(radio.annotation, ClassificationAnswer)
    answer = radio.annotation.answer
    assert isinstance(answer, Answer) and answer.feature.feature_schema_id == "happy"
    (why,) = answer.classifications
    assert isinstance(why.answer, list) and [a.feature.value for a in why.answer] == ["sun"]
    checklist = check_row(
        _row(schemaId="tags", answers=[{"schemaId": "a"}, {"name": "b"}]), ONTOLOGY
    )
    assert checklist.ok, checklist.errors
    text = check_row(_row(name="note", answer="a cat"), ONTOLOGY)
    assert text.ok and isinstance(text.annotation, ClassificationAnswer)
    assert text.annotation.answer == "a cat"
    nested_tool = check_row(
        _row(
            schemaId="box",
            bbox={"top": 0, "left": 0, "height": 1, "width": 1},
            classifications=[{"schemaId": "box-color", "answer": {"name": "black"}}],
        ),
        ONTOLOGY,
    )
    assert nested_tool.ok, nested_tool.errors


@pytest.mark.parametrize(
    ("row", "names"),
    [
        ([1, 2], ["InvalidRow"]),
        ({"dataRow": {"id": ROW}, "name": "note", "answer": "x"}, ["InvalidUuid"]),
        (_row(name="note", answer="x") | {"uuid": "not-a-uuid"}, ["InvalidUuid"]),
        ({"uuid": UUID, "name": "note", "answer": "x"}, ["InvalidDataRow"]),
        (_row(answer="x"), ["MissingFeature"]),
        (_row(schemaId="nope", answer="x"), ["FeatureNotFound"]),
        (_row(schemaId="note", name="mood", answer="x"), ["FeatureMismatch"]),
        (_row(name="note", answer=3), ["InvalidAnswer"]),
        (_row(name="mood", answer={"name": "angry"}), ["FeatureNotFound"]),
        (_row(name="tags", answers=[]), ["InvalidAnswer"]),
        (_row(name="tags", answers=[{"name": "a"}, {"name": "a"}]), ["DuplicateAnswer"]),
        (_row(name="tags", answer={"name": "a"}), ["UnknownKey", "MissingAnswer"]),
        (_row(name="polygon", polygon=[{"x": 0, "y": 0}, {"x": 1, "y": 1}]), ["InvalidGeometry"]),
        (_row(name="line", line=[{"x": 0, "y": 0}]), ["InvalidGeometry"]),
        (_row(name="point", point={"x": "1", "y": 2}), ["InvalidGeometry"]),
        (_row(name="point", point={"x": 10**400, "y": 2}), ["InvalidGeometry"]),  # no float
        (
            _row(schemaId="box", bbox={"top": 0, "left": 0, "height": -1, "width": 1}),
            ["InvalidGeometry"],
        ),
        (_row(schemaId="box", point={"x": 1, "y": 1}), ["InvalidGeometry", "MissingGeometry"]),
        (_row(name="entity", location={"start": 5, "end": 2}), ["InvalidGeometry"]),
        (_row(name="mask", mask={"png": "iVBOR"}), ["UnsupportedMask"]),
        (
            _row(name="mask", mask={"instanceURI": "file:///m", "colorRGB": [0, 0, 0]}),
            ["InvalidGeometry"],
        ),
        (
            _row(name="mask", mask={"instanceURI": "https://m", "colorRGB": [0, 0, 256]}),
            ["InvalidGeometry"],
        ),
        (_row(name="note", answer="x", colour="red"), ["UnknownKey"]),
        (
            _row(
                schemaId="box",
                bbox={"top": 0, "left": 0, "height": 1, "width": 1},
                classifications=[{"schemaId": "mood", "answer": {"name": "happy"}}],
            ),
            ["FeatureNotFound"],
        ),
    ],
)
def test_invalid_rows_say_why(row: Any, names: list[str]) -> None:
    assert _errors(row) == names


def test_an_empty_ontology_rejects_every_feature() -> None:
    checked = check_row(_row(name="note", answer="x"), OntologyIndex.from_normalized(None))
    assert [e["name"] for e in checked.errors] == ["FeatureNotFound"]


def test_a_file_of_rows_with_bad_json_and_a_repeated_uuid() -> None:
    good = json.dumps(_row(name="note", answer="x"))
    lines = f"{good}\nnot json\n\n{good}\n".encode()
    rows = read_rows(io.BytesIO(lines), ONTOLOGY)
    assert [(r.ok, [e["name"] for e in r.errors]) for r in rows] == [
        (True, []),
        (False, ["InvalidJson"]),
        (False, ["DuplicateUuid"]),
    ]


def test_lbv1_label_json() -> None:
    annotations = [
        check_row(_row(**row), ONTOLOGY).annotation
        for row in (
            {
                "schemaId": "box",
                "bbox": {"top": 1, "left": 2, "height": 3, "width": 4},
                "classifications": [{"name": "color", "answer": {"name": "black"}}],
            },
            {"name": "entity", "location": {"start": 1, "end": 4}},
            {
                "name": "mask",
                "mask": {"instanceURI": "https://m.example/1.png", "colorRGB": [9, 9, 9]},
            },
            {"name": "tags", "answers": [{"name": "b"}]},
            {"name": "note", "answer": "hello"},
        )
    ]
    label = label_json([a for a in annotations if a is not None])
    box, entity, mask = label["objects"]
    assert box["schemaId"] == "box" and box["title"] == "Cat Box" and box["value"] == "cat_box"
    assert box["bbox"] == {"top": 1, "left": 2, "height": 3, "width": 4}
    assert box["color"] == "#ff0000" and len(box["featureId"]) == 25
    (color,) = box["classifications"]
    assert color["answer"]["schemaId"] == "black" and color["answer"]["value"] == "black"
    assert entity["data"] == {"location": {"start": 1, "end": 4}}
    assert entity["format"] == "text.location"
    assert mask["instanceURI"] == "https://m.example/1.png" and "colorRGB" not in mask
    tags, note = label["classifications"]
    assert [a["schemaId"] for a in tags["answers"]] == ["b"]
    assert note == {**note, "schemaId": "note", "title": "note", "answer": "hello"}


def test_slugs() -> None:
    assert slug("Cat Box") == "cat_box"
    assert slug("  --  ") == "  --  "
