"""Client-side checks of annotation rows before an import sends them.

What the client can tell without the project's ontology: every row is a JSON object with a
UUID `uuid` (used once), `dataRow: {id}` and a feature named by `schemaId` or `name`. The
server checks the rest (the ontology, geometry, answers) and reports each row's status.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from labelbox.exceptions import InvalidAnnotationError


def has_confidence(row: Any) -> bool:
    """Whether the row, or a classification nested in it, gives a `confidence`."""
    if isinstance(row, Mapping):
        return "confidence" in row or any(has_confidence(v) for v in row.values())
    if isinstance(row, list):
        return any(has_confidence(item) for item in row)
    return False


def check_row(row: Any, index: int, seen: set[str]) -> None:
    """Raise `InvalidAnnotationError` (naming the row and field) if the row is malformed."""
    if not isinstance(row, Mapping):
        raise InvalidAnnotationError(f"must be a dict, got {type(row).__name__}", index=index)
    value = row.get("uuid")
    try:
        uuid.UUID(str(value)) if isinstance(value, str) else None
    except ValueError:
        value = None
    if not isinstance(value, str):
        raise InvalidAnnotationError("must be a UUID string", field="uuid", index=index)
    if value in seen:
        raise InvalidAnnotationError(
            f"{value} is used by an earlier row", field="uuid", index=index
        )
    seen.add(value)
    data_row = row.get("dataRow")
    if not isinstance(data_row, Mapping) or not isinstance(data_row.get("id"), str):
        raise InvalidAnnotationError("must be {'id': <data row id>}", field="dataRow", index=index)
    if not isinstance(row.get("schemaId"), str) and not isinstance(row.get("name"), str):
        raise InvalidAnnotationError(
            "give the feature's schemaId or name", field="schemaId", index=index
        )


def ndjson(rows: Iterable[Any]) -> bytes:
    """The rows as NDJSON, each checked first."""
    seen: set[str] = set()
    lines = []
    for index, row in enumerate(rows):
        check_row(row, index, seen)
        lines.append(json.dumps(row))
    return ("\n".join(lines) + "\n").encode() if lines else b""


def check_ndjson_lines(lines: Iterable[bytes]) -> Iterator[Any]:
    """The rows of NDJSON lines, each checked (a line that is not JSON is an error)."""
    seen: set[str] = set()
    index = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise InvalidAnnotationError(f"line {number} is not valid JSON", index=index) from None
        check_row(row, index, seen)
        index += 1
        yield row
