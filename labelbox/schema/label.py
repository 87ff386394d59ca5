"""`Label`: an assessment of a data row (the JSON of its annotations)."""

from __future__ import annotations

from labelbox._generated.entities import LabelBase


class Label(LabelBase):
    """A label of a data row: `label` is the JSON text of its annotations."""
