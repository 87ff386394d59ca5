"""The NDJSON annotation models bulk import requests validate rows with (pydantic 2), named
as in Labelbox's SDK: `NDRectangle`, `NDPolygon`, `NDPolyline`, `NDPoint`, `NDMask`,
`NDTextEntity` (tools), `NDText`, `NDRadio`, `NDChecklist` (classifications).

`NDAnnotation.build(row)` picks the model by the key that decides it (`bbox`, `polygon`,
`line`, `point`, `mask`, `location`, `answer`, `answers`) and validates the row's shape;
`problems(...)` then checks its features against the project's ontology (as
`get_mal_schemas` indexes it) and returns `(field, reason)` pairs.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Problem = tuple[str, str]
SchemaIndex = Mapping[str, Mapping[str, Any]]


class Bbox(BaseModel):
    top: float
    left: float
    height: float
    width: float


class Point(BaseModel):
    x: float
    y: float


class FrameLocation(BaseModel):
    end: int
    start: int


class EntityLocation(BaseModel):
    start: int
    end: int


class DataRow(BaseModel):
    id: str


class NDFeatureSchema(BaseModel):
    """A feature named by `schemaId` or `name` (one is required)."""

    schemaId: str | None = None
    name: str | None = None

    @model_validator(mode="after")
    def _must_set_one(self) -> NDFeatureSchema:
        if self.schemaId is None and self.name is None:
            raise ValueError("Must set either schemaId or name for all feature schemas")
        return self


class NDBase(NDFeatureSchema):
    """A top-level annotation: `uuid`, `dataRow` and its feature; no other keys."""

    model_config = ConfigDict(extra="forbid")
    ontology_type: ClassVar[str] = ""
    #: The ontology tools (or classification types) the model's feature may be.
    tools: ClassVar[frozenset[str]] = frozenset()
    #: The key that decides the model.
    determinant: ClassVar[str] = ""
    uuid: uuid_module.UUID
    dataRow: DataRow

    def _schema(self, by_id: SchemaIndex, by_name: SchemaIndex) -> Mapping[str, Any] | None:
        return by_name.get(self.name) if self.name else by_id.get(self.schemaId or "")

    def problems(self, by_id: SchemaIndex, by_name: SchemaIndex, at: str = "") -> list[Problem]:
        """What is wrong with the annotation's features for this ontology."""
        found: list[Problem] = []
        for key, value, index in (("name", self.name, by_name), ("schemaId", self.schemaId, by_id)):
            if not value:
                continue
            schema = index.get(value)
            label = "Name" if key == "name" else "Schema id"
            if schema is None:
                found.append(
                    (at + key, f"{label} {value} is not valid for the provided project's ontology.")
                )
            elif schema.get("tool") not in (self.tools or {self.ontology_type}):
                found.append(
                    (
                        at + key,
                        f"{label} {value} does not map to the assigned tool {schema.get('tool')}",
                    )
                )
        return found

    def validate_feature_schemas(self, by_id: SchemaIndex, by_name: SchemaIndex) -> None:
        """Raise `ValueError` for the first problem with the features (as Labelbox's SDK)."""
        found = self.problems(by_id, by_name)
        if found:
            raise ValueError(found[0][1])

    def validate_instance(self, by_id: SchemaIndex, by_name: SchemaIndex) -> None:
        self.validate_feature_schemas(by_id, by_name)


# -- classifications --------------------------------------------------------------------------


class VideoSupported(BaseModel):
    frames: list[FrameLocation] | None = None


def _options_problems(
    self: NDBase, answers: list[NDFeatureSchema], by_id: SchemaIndex, by_name: SchemaIndex, at: str
) -> list[Problem]:
    found = NDBase.problems(self, by_id, by_name, at)
    if found:
        return found
    schema = self._schema(by_id, by_name) or {}
    options = schema.get("options", [])
    field = "answers" if self.determinant == "answers" else "answer"
    for i, answer in enumerate(answers):
        if answer.name not in options and answer.schemaId not in options:
            where = f"{at}{field}[{i}]" if field == "answers" else at + field
            found.append(
                (
                    where,
                    f"Feature schema provided to {self.ontology_type} invalid. Expected one of "
                    f"{options}. Found {answer.name or answer.schemaId}",
                )
            )
    return found


class NDText(NDBase):
    ontology_type: ClassVar[str] = "text"
    determinant: ClassVar[str] = "answer"
    answer: str


class NDChecklist(VideoSupported, NDBase):
    ontology_type: ClassVar[str] = "checklist"
    determinant: ClassVar[str] = "answers"
    answers: list[NDFeatureSchema]

    @field_validator("answers", mode="before")
    @classmethod
    def _not_empty(cls, value: Any) -> Any:
        if isinstance(value, list) and not value:
            raise ValueError("Checklist answers should not be empty")
        return value

    def problems(self, by_id: SchemaIndex, by_name: SchemaIndex, at: str = "") -> list[Problem]:
        found = _options_problems(self, self.answers, by_id, by_name, at)
        if len({a.name or a.schemaId for a in self.answers}) != len(self.answers):
            found.append(
                (at + "answers", f"Duplicated featureSchema found for checklist {self.uuid}")
            )
        return found


class NDRadio(VideoSupported, NDBase):
    ontology_type: ClassVar[str] = "radio"
    determinant: ClassVar[str] = "answer"
    answer: NDFeatureSchema

    def problems(self, by_id: SchemaIndex, by_name: SchemaIndex, at: str = "") -> list[Problem]:
        return _options_problems(self, [self.answer], by_id, by_name, at)


#: A nested classification takes no `uuid` or `dataRow`; these stand in for them.
_CHILD_ROW = {"id": "child".center(25, "_")}
_CHILD_UUID = "00000000-0000-4000-8000-000000000000"


def build_classification(data: Any) -> NDText | NDRadio | NDChecklist:
    """The classification model of `data` (`KeyError` when no key decides it)."""
    if not isinstance(data, Mapping):
        raise TypeError(f"A classification must be an object. Found {data!r}")
    if "answers" in data:
        return NDChecklist(**data)
    if "answer" not in data:
        raise KeyError("Invalid classification: give `answer` (text, radio) or `answers`")
    if isinstance(data["answer"], dict):
        return NDRadio(**data)
    if isinstance(data["answer"], str):
        return NDText(**data)
    raise TypeError(
        f"Unexpected type for answer field. Found {data['answer']!r}. Expected a string or a dict"
    )


class NDClassification:
    """The classification models, built by the key that decides them."""

    types: ClassVar[tuple[type[NDBase], ...]] = (NDText, NDRadio, NDChecklist)
    build = staticmethod(build_classification)


# -- tools ------------------------------------------------------------------------------------


class NDBaseTool(NDBase):
    """A tool's annotation with its nested classifications (checked against the tool's)."""

    classifications: list[NDText | NDRadio | NDChecklist] = Field(default_factory=list)

    @field_validator("classifications", mode="before")
    @classmethod
    def _build_children(cls, value: Any) -> Any:
        if not isinstance(value, list):
            return value
        return [
            build_classification({**row, "dataRow": _CHILD_ROW, "uuid": _CHILD_UUID})
            if isinstance(row, Mapping)
            else row
            for row in value
        ]

    def problems(self, by_id: SchemaIndex, by_name: SchemaIndex, at: str = "") -> list[Problem]:
        found = NDBase.problems(self, by_id, by_name, at)
        schema = self._schema(by_id, by_name)
        if found or schema is None:
            return found
        child_by_id = schema.get("classificationsBySchemaId", {})
        child_by_name = schema.get("classificationsByName", {})
        for i, child in enumerate(self.classifications):
            found.extend(child.problems(child_by_id, child_by_name, f"{at}classifications[{i}]."))
        return found


class NDPolygon(NDBaseTool):
    ontology_type: ClassVar[str] = "polygon"
    determinant: ClassVar[str] = "polygon"
    polygon: list[Point]

    @field_validator("polygon")
    @classmethod
    def _enough_points(cls, value: list[Point]) -> list[Point]:
        if len(value) < 3:
            raise ValueError(
                f"A polygon must have at least 3 points to be valid. Found {len(value)}"
            )
        return value


class NDPolyline(NDBaseTool):
    ontology_type: ClassVar[str] = "line"
    determinant: ClassVar[str] = "line"
    line: list[Point]

    @field_validator("line")
    @classmethod
    def _enough_points(cls, value: list[Point]) -> list[Point]:
        if len(value) < 2:
            raise ValueError(f"A line must have at least 2 points to be valid. Found {len(value)}")
        return value


class NDRectangle(NDBaseTool):
    ontology_type: ClassVar[str] = "rectangle"
    determinant: ClassVar[str] = "bbox"
    bbox: Bbox


class NDPoint(NDBaseTool):
    ontology_type: ClassVar[str] = "point"
    determinant: ClassVar[str] = "point"
    point: Point


class NDTextEntity(NDBaseTool):
    ontology_type: ClassVar[str] = "named-entity"
    determinant: ClassVar[str] = "location"
    location: EntityLocation

    @field_validator("location")
    @classmethod
    def _valid_location(cls, value: EntityLocation) -> EntityLocation:
        if value.start < 0:
            raise ValueError(f"Text location must be positive. Found {value.start}")
        if value.start > value.end:
            raise ValueError(
                f"Text start location must be less or equal than end. Found {value.start} > "
                f"{value.end}"
            )
        return value


class RLEMaskFeatures(BaseModel):
    counts: list[int]
    size: list[int]

    @field_validator("counts")
    @classmethod
    def _counts(cls, counts: list[int]) -> list[int]:
        if any(count < 0 for count in counts):
            raise ValueError("Found negative value for counts. They should all be zero or positive")
        return counts

    @field_validator("size")
    @classmethod
    def _size(cls, size: list[int]) -> list[int]:
        if len(size) != 2 or any(count <= 0 for count in size):
            raise ValueError(
                f"Mask `size` should be two positive ints (height, width). Found {size}"
            )
        return size


class PNGMaskFeatures(BaseModel):
    """A base64-encoded PNG."""

    png: str


class URIMaskFeatures(BaseModel):
    instanceURI: str
    colorRGB: list[int] | tuple[int, int, int]

    @field_validator("colorRGB")
    @classmethod
    def _color(cls, color: list[int] | tuple[int, ...]) -> list[int] | tuple[int, ...]:
        if len(color) != 3:
            raise ValueError(f"Must provide RGB values for segmentation colors. Found {color}")
        if not all(0 <= c <= 255 for c in color):
            raise ValueError(f"All rgb colors must be between 0 and 255. Found {color}")
        return color


class NDMask(NDBaseTool):
    ontology_type: ClassVar[str] = "superpixel"
    #: Both segmentation tools take masks.
    tools: ClassVar[frozenset[str]] = frozenset({"superpixel", "raster-segmentation"})
    determinant: ClassVar[str] = "mask"
    mask: URIMaskFeatures | PNGMaskFeatures | RLEMaskFeatures


class NDTool:
    """The tool models, built by the key that decides them."""

    types: ClassVar[tuple[type[NDBaseTool], ...]] = (
        NDMask,
        NDTextEntity,
        NDPoint,
        NDRectangle,
        NDPolyline,
        NDPolygon,
    )


_TOOLS_BY_KEY: dict[str, type[NDBaseTool]] = {t.determinant: t for t in NDTool.types}
DETERMINANTS = (*_TOOLS_BY_KEY, "answer", "answers")


class NDAnnotation:
    """Any annotation row: `NDAnnotation.build(row)` is the model its keys decide."""

    @staticmethod
    def build(data: Any) -> NDBase:
        """The model of `data`, validated (`pydantic.ValidationError`); `KeyError` when no
        key decides it, `TypeError` / `ValueError` when it is not an object."""
        if not isinstance(data, Mapping):
            raise ValueError("value must be dict")
        keys = [key for key in _TOOLS_BY_KEY if key in data]
        if len(keys) == 1:
            return _TOOLS_BY_KEY[keys[0]](**data)
        if keys:
            raise KeyError(f"Invalid annotation: give one geometry, found {', '.join(keys)}")
        if "answer" in data or "answers" in data:
            return build_classification(data)
        raise KeyError(
            f"Invalid annotation. Must have one of the following keys: {', '.join(DETERMINANTS)}"
        )
