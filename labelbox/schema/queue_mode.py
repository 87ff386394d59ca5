"""`QueueMode`: how data reaches a project's labeling queue."""

from __future__ import annotations

from enum import Enum
from typing import Any


class QueueMode(str, Enum):
    """`Batch` (data is sent in batches) or `Dataset` (whole datasets are attached)."""

    Batch = "BATCH"
    Dataset = "DATA_SET"

    @classmethod
    def _missing_(cls, value: Any) -> QueueMode | None:
        """`CATALOG` is a legacy name of `Batch`."""
        if isinstance(value, Enum):
            value = value.value
        if value == "CATALOG":
            return cls.Batch
        return None
