"""What import methods accept: NDJSON annotation rows (dicts) and typed labels
(`labelbox.data.annotation_types.Label`), as rows."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Protocol, TypeAlias


class SupportsNDJSON(Protocol):
    """A typed annotation container (e.g. `labelbox.data.annotation_types.Label`)."""

    def to_ndjson(self) -> Iterable[dict[str, Any]]: ...


#: What import methods take: NDJSON rows or typed labels.
AnnotationInput: TypeAlias = Mapping[str, Any] | SupportsNDJSON


def as_rows(items: Iterable[Any]) -> Iterator[Any]:
    """The NDJSON rows of `items`: dicts as they are, typed labels converted (each gives
    one row per annotation); anything else is passed on for the row checks to reject."""
    for item in items:
        to_ndjson = getattr(item, "to_ndjson", None)
        if callable(to_ndjson) and not isinstance(item, dict):
            yield from to_ndjson()
        else:
            yield item
