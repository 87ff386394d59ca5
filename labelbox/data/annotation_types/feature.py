"""What every annotation and answer names: a feature of the ontology, by `name` or by
`feature_schema_id`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, model_validator


class FeatureSchema(BaseModel):
    """A feature by `name` (a tool's or classification's name, an option's value) or by
    `feature_schema_id` (at least one)."""

    name: str | None = None
    feature_schema_id: str | None = None

    @model_validator(mode="after")
    def _named(self) -> FeatureSchema:
        if self.name is None and self.feature_schema_id is None:
            raise ValueError("Give the feature's name or feature_schema_id")
        return self

    def _feature_ndjson(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        if self.feature_schema_id is not None:
            found["schemaId"] = self.feature_schema_id
        if self.name is not None:
            found["name"] = self.name
        return found
