"""Named entities in text: a character range."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator


class TextEntity(BaseModel):
    """Characters `start` to `end` (inclusive) of a text data row."""

    model_config = ConfigDict(frozen=True)
    start: int
    end: int

    @model_validator(mode="after")
    def _ordered(self) -> TextEntity:
        if self.start < 0 or self.start > self.end:
            raise ValueError(f"need 0 <= start <= end, got {self.start}..{self.end}")
        return self

    def to_ndjson(self) -> dict[str, Any]:
        return {"location": {"start": self.start, "end": self.end}}
