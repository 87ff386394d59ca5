"""What `labelbox data-rows upload` reads: files, folders and NDJSON/JSON manifests, as items
for `Dataset.create_data_rows`."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

MANIFEST_SUFFIXES = {".ndjson", ".jsonl", ".json"}


class ManifestError(ValueError):
    """A manifest that cannot be read (the message names the file and line)."""


def items_from(sources: Sequence[Path], pattern: str) -> Iterator[dict[str, Any]]:
    """The data rows the sources describe, in order.

    A folder gives one row per file matching `pattern` below it (recursively), with the path
    relative to the folder as external id; a `.ndjson` / `.jsonl` / `.json` file is a manifest
    of rows (relative local paths in `row_data` are taken from the manifest's folder); any
    other file is one row, its name as external id.
    """
    for source in sources:
        if source.is_dir():
            for path in sorted(p for p in source.rglob(pattern) if p.is_file()):
                yield {"row_data": str(path), "external_id": path.relative_to(source).as_posix()}
        elif source.suffix.lower() in MANIFEST_SUFFIXES:
            yield from _manifest(source)
        elif source.is_file():
            yield {"row_data": str(source), "external_id": source.name}
        else:
            raise ManifestError(f"{source}: no such file or folder")


def _manifest(path: Path) -> Iterator[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as error:
            raise ManifestError(f"{path}: not JSON ({error})") from None
        if not isinstance(rows, list):
            raise ManifestError(f"{path}: expected a JSON list of data rows")
        numbered = list(enumerate(rows, start=1))
    else:
        numbered = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                numbered.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                raise ManifestError(f"{path}:{number}: not JSON ({error})") from None
    for number, row in numbered:
        if not isinstance(row, dict):
            raise ManifestError(f"{path}:{number}: expected an object with row_data")
        yield _resolved(row, path.parent)


def _resolved(row: dict[str, Any], folder: Path) -> dict[str, Any]:
    row_data = row.get("row_data")
    if isinstance(row_data, str) and "://" not in row_data:
        candidate = folder / row_data
        if candidate.is_file():
            return {**row, "row_data": str(candidate)}
    return row


def skip_existing(
    items: Sequence[dict[str, Any]], global_keys: set[str], external_ids: set[str]
) -> tuple[list[dict[str, Any]], int]:
    """Items not yet in the dataset (by global key when the item has one, else by external
    id), and how many were skipped."""
    fresh = []
    for item in items:
        key = item.get("global_key")
        if (key is not None and key in global_keys) or (
            key is None and item.get("external_id") in external_ids
        ):
            continue
        fresh.append(item)
    return fresh, len(items) - len(fresh)
