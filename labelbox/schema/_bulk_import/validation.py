"""Client-side validation of annotation rows against a project's ontology, before a bulk
import request sends them.

Every row is checked and every problem is reported at once (row index, field, reason), where
Labelbox's SDK 3.36.0 stops at the first invalid row: `MALValidationError` lists them all in
`errors`; when the only problem is a `uuid` used twice, `UuidError` (as 3.36.0 raises).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import pydantic

from labelbox.exceptions import MALValidationError, RowProblem, UuidError
from labelbox.schema._bulk_import.ndjson_models import NDAnnotation

#: How many problems the exception's message lists (`errors` has all of them).
SHOWN = 20


class _HasNormalized(Protocol):
    @property
    def normalized(self) -> Any: ...


def parse_classification(tool: Mapping[str, Any]) -> dict[str, Any] | None:
    """A classification of an ontology as validation looks it up: `tool` (its type), `name`,
    `featureSchemaId` and, for radio and checklist, `options` (their schema ids and values).
    Only radio, checklist and text take part in model-assisted labeling (None otherwise)."""
    kind = tool.get("type")
    if kind in ("radio", "checklist"):
        options = tool.get("options", [])
        return {
            "tool": kind,
            "featureSchemaId": tool.get("featureSchemaId"),
            "name": tool.get("name"),
            "options": [
                *(option.get("featureSchemaId") for option in options),
                *(option.get("value") for option in options),
            ],
        }
    if kind == "text":
        return {
            "tool": kind,
            "name": tool.get("name"),
            "featureSchemaId": tool.get("featureSchemaId"),
        }
    return None


def get_mal_schemas(
    ontology: _HasNormalized | Mapping[str, Any],
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The ontology's tools and classifications by feature schema id and by name (tools with
    their classifications by id and by name), for looking features up during validation."""
    normalized = ontology if isinstance(ontology, Mapping) else ontology.normalized
    by_id: dict[str, dict[str, Any]] = {}
    by_name: dict[str, dict[str, Any]] = {}
    for tool in normalized.get("tools", []):
        children = [
            parsed
            for parsed in map(parse_classification, tool.get("classifications", []))
            if parsed is not None
        ]
        entry = {
            "tool": tool.get("tool"),
            "classificationsBySchemaId": {c["featureSchemaId"]: c for c in children},
            "classificationsByName": {c["name"]: c for c in children},
            "name": tool.get("name"),
        }
        by_id[tool.get("featureSchemaId")] = entry
        by_name[tool.get("name")] = entry
    for classification in normalized.get("classifications", []):
        parsed = parse_classification(classification)
        if parsed is not None:
            by_id[classification.get("featureSchemaId")] = parsed
            by_name[classification.get("name")] = parsed
    return by_id, by_name


def _field(location: tuple[int | str, ...]) -> str:
    field = ""
    for part in location:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    return field


def row_problems(
    rows: Iterable[Any], ontology: _HasNormalized | Mapping[str, Any]
) -> list[RowProblem]:
    """Every problem of every row (`[]` when all are valid)."""
    by_id, by_name = get_mal_schemas(ontology)
    found: list[RowProblem] = []
    seen: set[str] = set()
    for index, row in enumerate(rows):
        try:
            annotation = NDAnnotation.build(row)
        except pydantic.ValidationError as error:
            for detail in error.errors(include_url=False):
                found.append(RowProblem(index, _field(tuple(detail["loc"])), detail["msg"]))
        except (KeyError, TypeError, ValueError) as error:
            reason = error.args[0] if error.args else str(error)
            found.append(
                RowProblem(index, "annotation" if isinstance(row, Mapping) else "", str(reason))
            )
        else:
            found.extend(RowProblem(index, f, r) for f, r in annotation.problems(by_id, by_name))
        uuid = row.get("uuid") if isinstance(row, Mapping) else None
        if isinstance(uuid, str):
            if uuid in seen:
                found.append(
                    RowProblem(
                        index,
                        "uuid",
                        f"{uuid} already used in this import job, must be unique for the project.",
                    )
                )
            seen.add(uuid)
    return found


def validate_rows(rows: Iterable[Any], ontology: _HasNormalized | Mapping[str, Any]) -> None:
    """Raise `MALValidationError` (or `UuidError`, when repeated uuids are the only problem)
    listing every invalid row, before anything is sent."""
    found = row_problems(rows, ontology)
    if not found:
        return
    shown = "\n".join(f"  {problem}" for problem in found[:SHOWN])
    more = f"\n  ... and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
    rows_count = len({p.index for p in found})
    message = f"Invalid NDJson: {rows_count} invalid row(s)\n{shown}{more}"
    if all(p.field == "uuid" and "already used" in p.reason for p in found):
        raise UuidError(message, errors=found)
    raise MALValidationError(message, errors=found)
