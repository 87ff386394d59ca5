"""Agreement between labels of one data row: how alike their annotations are, from 0 to 1.

Labelbox does not publish its algorithms; this server's are simple and deterministic. Pure
functions over parsed LBV1 label JSON (`lbv1`); `label_agreement` stores the results.

Two labels are compared feature by feature: per tool and per classification of the ontology,
known by `schemaId` (by `title` in a hand-written label without one). Within a feature the
annotations of the two labels are paired greedily: the best-scoring pair first, then the best
among the rest, and so on (ties go to the earlier annotations); a pair scoring 0 is no pair.
The feature scores the sum of its pair scores over the number of pairs plus unpaired
annotations (of either label): an annotation the other label lacks counts 0.

A pair scores:

* rectangles: the IoU (intersection over union) of the boxes;
* polygons and lines: the IoU of their bounding boxes. This approximation needs no geometry
  library; two different shapes with the same bounding box score 1;
* points: 1 when identical, else 0;
* boxes without area (a horizontal or vertical line): the overlap of their extents on the
  common line, else 0;
* named entities: the IoU of their character ranges (`start` and `end` inclusive);
* masks: 1 for the same `instanceURI` (and `colorRGB`), else 0;
* classifications: text 1 for exactly the same text; radio 1 for the same option; checklist
  and dropdown the Jaccard index of the chosen options (1 when both choose none);
* annotations of different kinds, or with unreadable geometry: 0.

Nested classifications (under objects and options) are ignored: an object is judged by its
geometry, a classification by its top-level answer.

A label pair scores the mean over the features either label uses; two labels without any
annotation agree fully (1.0). Over a data row's labels (`row_agreements`): a label's
`agreement` is the mean of its scores with every other label (None when it is the only one),
its `benchmark_agreement` its score with the row's benchmark reference label (None without
one, and None for the reference itself).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from ..values import is_number

T = TypeVar("T")

#: A rectangle as (left, top, right, bottom).
Box = tuple[float, float, float, float]


class Shape(NamedTuple):
    """An object's geometry: `kind` (box, polygon, line, point, span, mask) and its value
    (a `Box` for the first four, a (start, end) range, a (URI, color) pair)."""

    kind: str
    value: Any


class Agreements(NamedTuple):
    """A label's numbers among its data row's labels."""

    agreement: float | None
    benchmark_agreement: float | None


def parse_label(text: str) -> Mapping[str, Any]:
    """A label's stored JSON text as an object (empty if it is not the JSON of one)."""
    try:
        content = json.loads(text)
    except ValueError:
        return {}
    return content if isinstance(content, dict) else {}


def row_agreements(
    labels: Sequence[tuple[str, Mapping[str, Any]]], reference_id: str | None
) -> dict[str, Agreements]:
    """The numbers of each of a data row's labels, given as (id, parsed JSON) in a fixed
    order (each pair is scored once, the earlier label first), and the id of the row's
    benchmark reference label (None without one)."""
    scores: dict[str, list[float]] = {label_id: [] for label_id, _ in labels}
    with_reference: dict[str, float] = {}
    for i, (left_id, left) in enumerate(labels):
        for right_id, right in labels[i + 1 :]:
            score = label_agreement(left, right)
            scores[left_id].append(score)
            scores[right_id].append(score)
            if reference_id == left_id:
                with_reference[right_id] = score
            elif reference_id == right_id:
                with_reference[left_id] = score
    return {
        label_id: Agreements(
            agreement=sum(values) / len(values) if values else None,
            benchmark_agreement=with_reference.get(label_id),
        )
        for label_id, values in scores.items()
    }


def label_agreement(left: Mapping[str, Any], right: Mapping[str, Any]) -> float:
    """How alike two labels are: the mean of their feature scores (1.0 without features)."""
    left_features, right_features = _features(left), _features(right)
    keys = sorted(set(left_features) | set(right_features))
    if not keys:
        return 1.0
    total = 0.0
    for key in keys:
        scorer = _score_shapes if key[0] == "object" else _score_answers
        total += match(left_features.get(key, []), right_features.get(key, []), scorer)
    return total / len(keys)


def match(left: Sequence[T], right: Sequence[T], score: Callable[[T, T], float]) -> float:
    """Pair `left` and `right` greedily by best `score`; the sum of the pair scores over the
    pairs plus the unpaired items (1.0 when both are empty)."""
    if not left and not right:
        return 1.0
    candidates = sorted(
        ((score(a, b), i, j) for i, a in enumerate(left) for j, b in enumerate(right)),
        key=lambda candidate: (-candidate[0], candidate[1], candidate[2]),
    )
    paired_left: set[int] = set()
    paired_right: set[int] = set()
    total = 0.0
    for value, i, j in candidates:
        if value <= 0:
            break
        if i in paired_left or j in paired_right:
            continue
        paired_left.add(i)
        paired_right.add(j)
        total += value
    return total / (len(left) + len(right) - len(paired_left))


# -- features ---------------------------------------------------------------------------------


def _features(label: Mapping[str, Any]) -> dict[tuple[str, str], list[Any]]:
    """A label's annotations by feature: ("object", key) to shapes, ("classification", key)
    to answers (None for what cannot be read)."""
    features: dict[tuple[str, str], list[Any]] = {}
    for group, read in (("object", shape), ("classification", answer)):
        items = label.get(group + "s")
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and (key := _key(item)) is not None:
                features.setdefault((group, key), []).append(read(item))
    return features


def _key(item: Mapping[str, Any]) -> str | None:
    for field in ("schemaId", "title", "value"):
        value = item.get(field)
        if isinstance(value, str) and value:
            return value
    return None


# -- objects ----------------------------------------------------------------------------------


def shape(item: Mapping[str, Any]) -> Shape | None:
    """An LBV1 object's geometry (None if it has none this module reads)."""
    if "bbox" in item:
        box = item["bbox"]
        if not isinstance(box, dict):
            return None
        left, top, width, height = (_number(box.get(k)) for k in ("left", "top", "width", "height"))
        if left is None or top is None or width is None or height is None:
            return None
        return Shape("box", (left, top, left + width, top + height))
    for kind in ("polygon", "line"):
        if kind in item:
            bounds = _bounds(item[kind])
            return Shape(kind, bounds) if bounds is not None else None
    if "point" in item:
        bounds = _bounds([item["point"]])
        return Shape("point", bounds) if bounds is not None else None
    data = item.get("data")
    if isinstance(data, dict) and isinstance(data.get("location"), dict):
        start, end = (_number(data["location"].get(k)) for k in ("start", "end"))
        return Shape("span", (start, end)) if start is not None and end is not None else None
    if isinstance(item.get("instanceURI"), str):
        color = item.get("colorRGB")
        return Shape(
            "mask", (item["instanceURI"], tuple(color) if isinstance(color, list) else None)
        )
    return None


def _number(value: Any) -> float | None:
    return float(value) if is_number(value) else None


def _bounds(points: Any) -> Box | None:
    """The bounding box of a list of {x, y} points."""
    if not isinstance(points, list) or not points:
        return None
    xs: list[float] = []
    ys: list[float] = []
    for point in points:
        x, y = (_number(point.get(k)) if isinstance(point, dict) else None for k in ("x", "y"))
        if x is None or y is None:
            return None
        xs.append(x)
        ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys))


def _score_shapes(left: Shape | None, right: Shape | None) -> float:
    if left is None or right is None or left.kind != right.kind:
        return 0.0
    if left.kind == "span":
        score = span_iou(left.value, right.value)
    elif left.kind == "mask":
        score = 1.0 if left.value == right.value else 0.0
    else:
        score = box_iou(left.value, right.value)
    # Coordinates near the float limits overflow to inf (and nan) in the arithmetic.
    return score if math.isfinite(score) else 0.0


def box_iou(left: Box, right: Box) -> float:
    """Intersection over union of two boxes (left, top, right, bottom). Boxes without area
    score the overlap of their extents when they lie on one horizontal or vertical line
    (identical points score 1), else 0."""
    width = min(left[2], right[2]) - max(left[0], right[0])
    height = min(left[3], right[3]) - max(left[1], right[1])
    intersection = max(0.0, width) * max(0.0, height)
    union = _area(left) + _area(right) - intersection
    if union > 0:
        return intersection / union
    if left[1] == left[3] == right[1] == right[3]:  # on one horizontal line
        return _extent_iou(left[0], left[2], right[0], right[2])
    if left[0] == left[2] == right[0] == right[2]:  # on one vertical line
        return _extent_iou(left[1], left[3], right[1], right[3])
    return 0.0


def _area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _extent_iou(start: float, end: float, other_start: float, other_end: float) -> float:
    overlap = max(0.0, min(end, other_end) - max(start, other_start))
    union = (end - start) + (other_end - other_start) - overlap
    if union <= 0:
        return 1.0 if (start, end) == (other_start, other_end) else 0.0
    return overlap / union


def span_iou(left: tuple[float, float], right: tuple[float, float]) -> float:
    """Intersection over union of two character ranges, both ends inclusive."""
    overlap = max(0.0, min(left[1], right[1]) - max(left[0], right[0]) + 1)
    union = (left[1] - left[0] + 1) + (right[1] - right[0] + 1) - overlap
    return overlap / union if union > 0 else 0.0


# -- classifications --------------------------------------------------------------------------


def answer(item: Mapping[str, Any]) -> tuple[str, str] | frozenset[str] | None:
    """A classification's top-level answer: ("text", text), ("option", key) for a radio,
    the set of option keys for a checklist or dropdown (None if it cannot be read)."""
    if "answers" in item or isinstance(item.get("answer"), list):
        options = item.get("answers", item.get("answer"))
        if not isinstance(options, list):
            return None
        return frozenset(k for o in options if isinstance(o, dict) and (k := _key(o)) is not None)
    value = item.get("answer")
    if isinstance(value, str):
        return ("text", value)
    if isinstance(value, dict) and (key := _key(value)) is not None:
        return ("option", key)
    return None


def _score_answers(
    left: tuple[str, str] | frozenset[str] | None, right: tuple[str, str] | frozenset[str] | None
) -> float:
    if isinstance(left, frozenset) and isinstance(right, frozenset):
        union = left | right
        return len(left & right) / len(union) if union else 1.0
    if isinstance(left, tuple) and isinstance(right, tuple):
        return 1.0 if left == right else 0.0
    return 0.0
