"""Fields several typed annotations share."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ConfidenceMixin(BaseModel):
    """A prediction's `confidence`, from 0 to 1. Model-run (MEA) imports keep it; label and
    MAL imports ignore it (with a warning)."""

    confidence: float | None = Field(default=None, ge=0, le=1, allow_inf_nan=False)

    def _confidence_ndjson(self) -> dict[str, Any]:
        return {} if self.confidence is None else {"confidence": self.confidence}
