"""Annotation rows of an import file (NDJSON, wire spec §1.9 / §4.7), checked against an
ontology one at a time.

A row is a JSON object with `uuid`, `dataRow: {id}` and a feature named by `schemaId` or
`name`, plus what that feature takes:

* tools: `bbox {top, left, height, width}` (rectangle), `polygon [{x, y}, ...]` (at least 3
  points), `line [{x, y}, ...]` (at least 2), `point {x, y}`, `location {start, end}`
  (named-entity), `mask {instanceURI, colorRGB}` (superpixel / raster-segmentation, by
  URL); with optional nested `classifications` of the tool, and `page` / `unit` (documents);
* classifications: `answer` (a string for text, `{schemaId | name}` for radio, a list for
  dropdown) or `answers` (a non-empty list for checklist); an answer may carry nested
  `classifications` of its option.

A row, a nested classification and an answer may carry a `confidence`. Model-run (MEA)
imports keep it (`check_row(..., keep_confidence=True)`: a number from 0 to 1, else the row
fails with `InvalidConfidence`); label and MAL imports accept it and ignore it, whatever it
is. `check_row` returns the parsed annotation, or the reasons it is invalid as `{name,
message}` errors (every reason it can find, not just the first), which become the row's
status.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..values import is_number
from .annotation_geometry import GEOMETRY, check_geometry
from .ontology_index import Children, Feature, OntologyIndex

_ANSWER_KEYS = frozenset({"answer", "answers"})
_TOP_KEYS = frozenset({"uuid", "dataRow", "schemaId", "name", "confidence"})
_TOOL_KEYS = frozenset({"classifications", "page", "unit"})
_NESTED_KEYS = frozenset({"schemaId", "name", "confidence", "uuid", "dataRow"})
_ANSWER_OBJECT_KEYS = frozenset({"schemaId", "name", "classifications", "confidence"})


@dataclass
class Answer:
    """A chosen option, with the answers to its nested classifications."""

    feature: Feature
    classifications: list[ClassificationAnswer] = field(default_factory=list)
    #: The answer's `confidence`, when kept.
    confidence: float | None = None


@dataclass
class ClassificationAnswer:
    """The answer to a classification: text, one option (radio) or several (checklist,
    dropdown)."""

    feature: Feature
    answer: str | Answer | list[Answer]
    #: The row's `uuid` (top-level annotations only).
    uuid: str | None = None
    #: The classification's `confidence`, when kept.
    confidence: float | None = None


@dataclass
class ObjectAnnotation:
    """An object drawn with a tool: its geometry in the LBV1 layout (`{"bbox": {...}}`,
    ...), its nested classifications and extra keys (`page`, `unit`)."""

    feature: Feature
    geometry: dict[str, Any]
    classifications: list[ClassificationAnswer] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    #: The row's `uuid`.
    uuid: str | None = None
    #: The row's `confidence`, when kept.
    confidence: float | None = None


Annotation = ObjectAnnotation | ClassificationAnswer


@dataclass
class CheckedRow:
    """One row of an import: its uuid and data row (as given, when readable) and either the
    annotation or the errors."""

    uuid: str | None
    data_row_id: str | None
    annotation: Annotation | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.annotation is not None and not self.errors

    def fail(self, name: str, message: str) -> None:
        self.errors.append({"name": name, "message": message})
        self.annotation = None


class _Problems:
    """Errors found in one row, and whether its confidences are kept (checked)."""

    def __init__(self, keep_confidence: bool) -> None:
        self.errors: list[tuple[str, str]] = []
        self.keep_confidence = keep_confidence

    def add(self, name: str, message: str) -> None:
        self.errors.append((name, message))


def check_row(row: Any, ontology: OntologyIndex, *, keep_confidence: bool = False) -> CheckedRow:
    """The annotation of one row, or why it is invalid; with `keep_confidence`, with the
    confidences it gives (checked), else without any."""
    if not isinstance(row, Mapping):
        checked = CheckedRow(None, None)
        checked.fail("InvalidRow", "An annotation must be a JSON object")
        return checked
    problems = _Problems(keep_confidence)
    row_uuid = _uuid(row.get("uuid"), problems)
    data_row_id = _data_row_id(row.get("dataRow"), problems)
    annotation = _annotation(row, ontology.top, problems, top=True)
    checked = CheckedRow(row_uuid, data_row_id)
    for name, message in problems.errors:
        checked.fail(name, message)
    if not checked.errors and annotation is not None:
        annotation.uuid = row_uuid
        checked.annotation = annotation
    return checked


def _uuid(value: Any, problems: _Problems) -> str | None:
    if not isinstance(value, str):
        problems.add("InvalidUuid", "`uuid` must be a UUID string")
        return None
    try:
        uuid_module.UUID(value)
    except ValueError:
        problems.add("InvalidUuid", f"`uuid` is not a valid UUID: {value!r}")
    return value


def _data_row_id(value: Any, problems: _Problems) -> str | None:
    if isinstance(value, Mapping) and isinstance(value.get("id"), str) and value["id"]:
        return str(value["id"])
    problems.add("InvalidDataRow", "`dataRow` must be an object with the data row's `id`")
    return None


def _confidence(row: Mapping[str, Any], problems: _Problems, what: str) -> float | None:
    """The `confidence` the row gives, if confidences are kept (`null` is none)."""
    if not problems.keep_confidence or row.get("confidence") is None:
        return None
    value = row["confidence"]
    if not is_number(value) or not 0 <= value <= 1:
        problems.add(
            "InvalidConfidence",
            f"{what}: `confidence` must be a number from 0 to 1, got {value!r}",
        )
        return None
    confidence: float = value  # as given: 1 stays an int
    return confidence


def _feature(
    row: Mapping[str, Any], choices: Children, problems: _Problems, what: str
) -> Feature | None:
    schema_id, name = row.get("schemaId"), row.get("name")
    if schema_id is None and name is None:
        problems.add("MissingFeature", f"{what}: give `schemaId` or `name`")
        return None
    for key, value in (("schemaId", schema_id), ("name", name)):
        if value is not None and not isinstance(value, str):
            problems.add("InvalidFeature", f"{what}: `{key}` must be a string")
            return None
    feature = choices.find(schema_id, name)
    if feature is None:
        given = f'schemaId "{schema_id}"' if schema_id is not None else f'name "{name}"'
        problems.add("FeatureNotFound", f"{what}: no feature with {given} in the ontology")
        return None
    if schema_id is not None and name is not None and name not in (feature.name, feature.value):
        problems.add(
            "FeatureMismatch",
            f'{what}: schemaId "{schema_id}" is "{feature.name}", not "{name}"',
        )
    return feature


def _annotation(
    row: Mapping[str, Any], choices: Children, problems: _Problems, *, top: bool
) -> Annotation | None:
    what = "annotation" if top else "nested classification"
    feature = _feature(row, choices, problems, what)
    if feature is None:
        return None
    if feature.is_tool:
        if not top:
            problems.add("InvalidFeature", f'{what}: "{feature.name}" is a tool')
            return None
        return _object(row, feature, problems)
    return _classification(row, feature, problems, top=top)


def _unknown_keys(
    row: Mapping[str, Any], allowed: frozenset[str], what: str, problems: _Problems
) -> None:
    unknown = sorted(str(key) for key in row if key not in allowed)
    if unknown:
        problems.add("UnknownKey", f"{what}: unknown key(s) {', '.join(unknown)}")


def _object(
    row: Mapping[str, Any], feature: Feature, problems: _Problems
) -> ObjectAnnotation | None:
    key = GEOMETRY[feature.kind]
    others = sorted(k for k in set(GEOMETRY.values()) | _ANSWER_KEYS if k in row and k != key)
    if others:
        problems.add(
            "InvalidGeometry",
            f'the {feature.kind} tool "{feature.name}" takes `{key}`, not `{"`, `".join(others)}`',
        )
    _unknown_keys(row, _TOP_KEYS | _TOOL_KEYS | {key} | set(others), "annotation", problems)
    if key not in row:
        problems.add("MissingGeometry", f'the {feature.kind} tool "{feature.name}" needs `{key}`')
        return None
    geometry = check_geometry(key, row[key], problems.add)
    nested = _nested(row.get("classifications"), feature.children, problems)
    extra = {k: row[k] for k in ("page", "unit") if k in row}
    confidence = _confidence(row, problems, "annotation")
    if geometry is None or nested is None:
        return None
    return ObjectAnnotation(feature, geometry, nested, extra, confidence=confidence)


def _nested(
    value: Any, choices: Children, problems: _Problems
) -> list[ClassificationAnswer] | None:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add("InvalidClassifications", "`classifications` must be a list")
        return None
    answers: list[ClassificationAnswer] = []
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, Mapping):
            problems.add("InvalidClassifications", "each nested classification must be an object")
            continue
        answer = _annotation(item, choices, problems, top=False)
        if isinstance(answer, ClassificationAnswer):
            if answer.feature.feature_schema_id in seen:
                problems.add(
                    "DuplicateClassification", f'"{answer.feature.name}" is answered twice'
                )
            seen.add(answer.feature.feature_schema_id)
            answers.append(answer)
    return answers


def _classification(
    row: Mapping[str, Any], feature: Feature, problems: _Problems, *, top: bool
) -> ClassificationAnswer | None:
    what = f'the {feature.kind} classification "{feature.name}"'
    expected = "answers" if feature.kind == "checklist" else "answer"
    allowed = (_TOP_KEYS if top else _NESTED_KEYS) | {expected}
    _unknown_keys(row, allowed, what, problems)
    confidence = _confidence(row, problems, what)
    if expected not in row:
        problems.add("MissingAnswer", f"{what} needs `{expected}`")
        return None
    value = row[expected]
    if feature.kind == "text":
        if not isinstance(value, str):
            problems.add("InvalidAnswer", f"{what}: `answer` must be a string")
            return None
        return ClassificationAnswer(feature, value, confidence=confidence)
    if feature.kind == "radio":
        if not isinstance(value, Mapping):
            problems.add("InvalidAnswer", f"{what}: `answer` must be an option object")
            return None
        option = _option(value, feature, problems)
        if option is None:
            return None
        return ClassificationAnswer(feature, option, confidence=confidence)
    items = value if isinstance(value, list) else [value] if feature.kind == "dropdown" else None
    if items is None or not items or not all(isinstance(item, Mapping) for item in items):
        problems.add("InvalidAnswer", f"{what}: `{expected}` must be a non-empty list of options")
        return None
    options = [_option(item, feature, problems) for item in items]
    chosen = [option for option in options if option is not None]
    if len({o.feature.feature_schema_id for o in chosen}) != len(chosen):
        problems.add("DuplicateAnswer", f"{what}: an option is chosen twice")
    if len(chosen) != len(options):
        return None
    return ClassificationAnswer(feature, chosen, confidence=confidence)


def _option(value: Mapping[str, Any], feature: Feature, problems: _Problems) -> Answer | None:
    what = f'an answer of "{feature.name}"'
    _unknown_keys(value, _ANSWER_OBJECT_KEYS, what, problems)
    option = _feature(value, feature.children, problems, what)
    if option is None:
        return None
    confidence = _confidence(value, problems, what)
    nested = _nested(value.get("classifications"), option.children, problems)
    return Answer(option, nested, confidence) if nested is not None else None
