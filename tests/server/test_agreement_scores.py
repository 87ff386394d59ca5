"""The agreement scores of `labelbox_server.domain.agreement`, directly: IoU of each geometry,
greedy matching, classifications, whole labels and a data row's labels."""

from __future__ import annotations

from typing import Any

import pytest

from labelbox_server.domain.agreement import (
    Agreements,
    box_iou,
    label_agreement,
    match,
    parse_label,
    row_agreements,
    span_iou,
)


def box(left: float, top: float, width: float, height: float, schema: str = "box") -> Any:
    return {
        "schemaId": schema,
        "bbox": {"left": left, "top": top, "width": width, "height": height},
    }


def near(value: float) -> Any:
    """`pytest.approx`, typed to compare with the numbers of `Agreements`."""
    return pytest.approx(value)


def objects(*items: Any) -> dict[str, Any]:
    return {"objects": list(items), "classifications": []}


def classifications(*items: Any) -> dict[str, Any]:
    return {"objects": [], "classifications": list(items)}


def test_box_iou() -> None:
    assert box_iou((0, 0, 10, 10), (0, 0, 10, 10)) == 1.0
    assert box_iou((0, 0, 10, 10), (5, 0, 15, 10)) == pytest.approx(50 / 150)
    assert box_iou((0, 0, 10, 10), (2, 2, 4, 4)) == pytest.approx(4 / 100)
    assert box_iou((0, 0, 10, 10), (10, 0, 20, 10)) == 0.0  # touching edges
    assert box_iou((0, 0, 10, 10), (30, 30, 40, 40)) == 0.0


def test_boxes_without_area() -> None:
    assert box_iou((0, 5, 10, 5), (5, 5, 15, 5)) == pytest.approx(5 / 15)  # horizontal
    assert box_iou((3, 0, 3, 4), (3, 2, 3, 8)) == pytest.approx(2 / 8)  # vertical
    assert box_iou((0, 5, 10, 5), (0, 6, 10, 6)) == 0.0  # parallel lines
    assert box_iou((1, 2, 1, 2), (1, 2, 1, 2)) == 1.0  # the same point
    assert box_iou((1, 2, 1, 2), (1, 3, 1, 3)) == 0.0


def test_span_iou_counts_both_ends() -> None:
    assert span_iou((0, 4), (0, 4)) == 1.0
    assert span_iou((0, 4), (5, 9)) == 0.0
    assert span_iou((0, 4), (3, 6)) == pytest.approx(2 / 7)
    assert span_iou((2, 2), (2, 2)) == 1.0


def test_rectangles_score_their_iou() -> None:
    assert label_agreement(objects(box(0, 0, 10, 10)), objects(box(5, 0, 10, 10))) == (
        pytest.approx(1 / 3)
    )


def test_polygons_and_lines_score_the_iou_of_their_bounding_boxes() -> None:
    triangle = {
        "schemaId": "p",
        "polygon": [{"x": 0, "y": 0}, {"x": 10, "y": 0}, {"x": 0, "y": 10}],
    }
    other = {"schemaId": "p", "polygon": [{"x": 10, "y": 10}, {"x": 10, "y": 0}, {"x": 0, "y": 10}]}
    assert label_agreement(objects(triangle), objects(other)) == 1.0  # the same bounding box
    shifted = {"schemaId": "p", "polygon": [{"x": x + 5, "y": y} for x, y in ((0, 0), (10, 10))]}
    assert label_agreement(objects(triangle), objects(shifted)) == pytest.approx(1 / 3)
    line = {"schemaId": "l", "line": [{"x": 0, "y": 0}, {"x": 4, "y": 4}]}
    longer = {"schemaId": "l", "line": [{"x": 0, "y": 0}, {"x": 8, "y": 8}]}
    assert label_agreement(objects(line), objects(longer)) == pytest.approx(16 / 64)


def test_points_agree_only_when_identical() -> None:
    point = {"schemaId": "pt", "point": {"x": 1, "y": 2}}
    assert label_agreement(objects(point), objects(dict(point))) == 1.0
    moved = {"schemaId": "pt", "point": {"x": 1, "y": 2.5}}
    assert label_agreement(objects(point), objects(moved)) == 0.0


def test_entities_and_masks() -> None:
    def entity(start: int, end: int) -> Any:
        return {"schemaId": "ner", "data": {"location": {"start": start, "end": end}}}

    assert label_agreement(objects(entity(0, 9)), objects(entity(5, 9))) == pytest.approx(0.5)
    mask = {"schemaId": "m", "instanceURI": "https://x.example/m.png", "colorRGB": [255, 0, 0]}
    assert label_agreement(objects(mask), objects(dict(mask))) == 1.0
    assert label_agreement(objects(mask), objects({**mask, "colorRGB": [0, 255, 0]})) == 0.0
    assert label_agreement(objects(mask), objects({**mask, "instanceURI": "https://o"})) == 0.0


def test_objects_are_matched_greedily_by_best_iou() -> None:
    # The left box overlaps both right boxes; it pairs with the one it fits best, and the
    # other right box, left over, counts 0: (1 + 0) / (1 pair + 1 unpaired).
    left = objects(box(0, 0, 10, 10))
    right = objects(box(5, 0, 10, 10), box(0, 0, 10, 10))
    assert label_agreement(left, right) == pytest.approx(0.5)
    # Two pairs: (1 + 1/3) / 2.
    two = objects(box(0, 0, 10, 10), box(100, 0, 10, 10))
    other = objects(box(105, 0, 10, 10), box(0, 0, 10, 10))
    assert label_agreement(two, other) == pytest.approx((1 + 1 / 3) / 2)
    # An object the other label lacks counts 0, a pair without overlap is no pair.
    assert label_agreement(objects(box(0, 0, 1, 1)), objects()) == 0.0
    assert label_agreement(objects(box(0, 0, 1, 1)), objects(box(5, 5, 1, 1))) == 0.0


def test_match_counts_pairs_and_leftovers() -> None:
    def same(a: int, b: int) -> float:
        return 1.0 if a == b else 0.0

    assert match([1, 2, 3], [3, 1], same) == pytest.approx(2 / 3)
    assert match([1], [2], same) == 0.0
    assert match([], [], same) == 1.0


def test_features_are_compared_by_schema_id_and_averaged() -> None:
    # The same box under another tool is another feature: two features, each unpaired.
    assert label_agreement(objects(box(0, 0, 5, 5, "a")), objects(box(0, 0, 5, 5, "b"))) == 0.0
    # Box feature 1.0, text feature 0.0: the label scores their mean.
    left = {"objects": [box(0, 0, 5, 5)], "classifications": [{"schemaId": "t", "answer": "x"}]}
    right = {"objects": [box(0, 0, 5, 5)], "classifications": [{"schemaId": "t", "answer": "y"}]}
    assert label_agreement(left, right) == 0.5


def test_classifications() -> None:
    def text(value: str) -> Any:
        return classifications({"schemaId": "note", "answer": value})

    assert label_agreement(text("cat"), text("cat")) == 1.0
    assert label_agreement(text("cat"), text("Cat")) == 0.0

    def radio(option: str) -> Any:
        return classifications({"schemaId": "mood", "answer": {"schemaId": option}})

    assert label_agreement(radio("happy"), radio("happy")) == 1.0
    assert label_agreement(radio("happy"), radio("sad")) == 0.0

    def checklist(*options: str) -> Any:
        chosen = [{"schemaId": option} for option in options]
        return classifications({"schemaId": "tags", "answers": chosen})

    assert label_agreement(checklist("a", "b"), checklist("b", "c")) == pytest.approx(1 / 3)
    assert label_agreement(checklist("a", "b"), checklist("b", "a")) == 1.0
    assert label_agreement(checklist(), checklist()) == 1.0
    dropdown = classifications({"schemaId": "tags", "answer": [{"schemaId": "a"}]})
    assert label_agreement(dropdown, checklist("a", "b")) == 0.5
    assert label_agreement(text("a"), classifications()) == 0.0


def test_nested_classifications_are_ignored() -> None:
    nested = {**box(0, 0, 5, 5), "classifications": [{"schemaId": "n", "answer": "x"}]}
    assert label_agreement(objects(nested), objects(box(0, 0, 5, 5))) == 1.0
    option = {"schemaId": "happy", "classifications": [{"schemaId": "why", "answer": "sun"}]}
    left = classifications({"schemaId": "mood", "answer": option})
    right = classifications({"schemaId": "mood", "answer": {"schemaId": "happy"}})
    assert label_agreement(left, right) == 1.0


def test_empty_and_unreadable_labels() -> None:
    assert label_agreement(objects(), objects()) == 1.0
    assert label_agreement({}, {"objects": []}) == 1.0
    assert parse_label("[1, 2]") == {} and parse_label("not json") == {}
    assert parse_label('{"objects": []}') == {"objects": []}
    broken = objects({"schemaId": "box", "bbox": {"left": "x"}})
    assert label_agreement(broken, broken) == 0.0
    # Items that are not objects, or name no feature, are left out.
    assert label_agreement({"objects": [1, {"bbox": {}}], "classifications": "x"}, {}) == 1.0


def test_coordinates_beyond_floats_score_zero_and_odd_colors_do_not_crash() -> None:
    huge = box(10**400, 0, 1, 1)  # an int beyond any float
    assert label_agreement(objects(huge), objects(huge)) == 0.0
    edge = box(1e308, 0, 1e308, 1)  # right edge overflows to inf
    assert label_agreement(objects(edge), objects(edge)) == 0.0
    nan = box(float("nan"), 0, 1, 1)  # json.loads reads NaN
    assert label_agreement(objects(nan), objects(nan)) == 0.0
    mask = {"schemaId": "m", "instanceURI": "https://x/m.png", "colorRGB": 7}
    assert label_agreement(objects(mask), objects(mask)) == 1.0  # an odd color is no crash


def test_row_agreements() -> None:
    same, other = objects(box(0, 0, 10, 10)), objects(box(5, 0, 10, 10))
    scores = row_agreements([("a", same), ("b", same), ("c", other)], reference_id="a")
    third, two_thirds = near(1 / 3), near((1 + 1 / 3) / 2)
    assert scores["a"] == Agreements(two_thirds, None)
    assert scores["b"] == Agreements(two_thirds, 1.0)
    assert scores["c"] == Agreements(third, third)
    assert row_agreements([("a", same)], reference_id=None) == {"a": Agreements(None, None)}
    alone = row_agreements([("a", same), ("b", other)], reference_id=None)
    assert alone["a"].benchmark_agreement is None and alone["a"].agreement == third
