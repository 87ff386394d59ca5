"""`LabelingParameterOverride`, and the checks of overrides before they are sent."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from labelbox._generated.entities import LabelingParameterOverrideBase
from labelbox.exceptions import InvalidLabelingParameterOverrideError


class LabelingParameterOverride(LabelingParameterOverrideBase):
    """A data row's place in a project's queue: `priority` (lower is labeled first, at
    least 1) and `number_of_labels`. `data_row()` is the data row (no extra request)."""


#: (data row or its id, priority, number of labels)
OverrideItem = tuple[Any, int, int]


def checked_overrides(data: Iterable[Sequence[Any]]) -> list[tuple[str, int, int]]:
    """`(data row id, priority, number of labels)` for each override, checked: three items,
    a `DataRow` (or an id), integers of at least 1, each data row once."""
    from labelbox.schema.data_row import DataRow

    checked: list[tuple[str, int, int]] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(data):
        if isinstance(item, str | bytes) or len(item) != 3:
            raise InvalidLabelingParameterOverrideError(
                "expected a tuple (DataRow, priority, number_of_labels)", index=index
            )
        row, priority, labels = item
        if isinstance(row, DataRow):
            row_id = row.uid
        elif isinstance(row, str) and row:
            row_id = row
        else:
            raise InvalidLabelingParameterOverrideError(
                f"data_row should be a DataRow, got {type(row).__name__}", index=index
            )
        for name, value in (("priority", priority), ("number_of_labels", labels)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidLabelingParameterOverrideError(
                    f"{name} must be an int, got {type(value).__name__}", index=index
                )
            if value < 1:
                raise InvalidLabelingParameterOverrideError(
                    f"{name} must be at least 1, got {value}", index=index
                )
        if row_id in seen:
            raise InvalidLabelingParameterOverrideError(
                f"data row {row_id} is also given at index {seen[row_id]}", index=index
            )
        seen[row_id] = index
        checked.append((row_id, priority, labels))
    return checked
