"""Every class, method, attribute and function of the reference SDK 3.36.0's documented
surface (`reference_surface.jsonl`, one entry a line: kind, name, owner) exists at the same
module path, so code written against the reference finds what it names."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ENTRIES = [
    json.loads(line)
    for line in (Path(__file__).parent / "reference_surface.jsonl").read_text().splitlines()
    if line.strip()
]


def _owner(path: str) -> Any:
    """The module or class at a dotted path (the longest importable module, then attributes)."""
    parts = path.split(".")
    for split in range(len(parts), 0, -1):
        try:
            found: ModuleType | Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            found = getattr(found, name)
        return found
    raise ImportError(path)


def _declared(owner: Any, name: str) -> bool:
    """Whether `owner` has `name`: an attribute, or a field declared on the class (pydantic
    and dataclass fields, annotations) that instances carry."""
    if hasattr(owner, name):
        return True
    annotations: dict[str, Any] = {}
    for klass in getattr(owner, "__mro__", ()):
        annotations.update(getattr(klass, "__annotations__", {}))
    return (
        name in annotations
        or name in getattr(owner, "__dataclass_fields__", {})
        or name in getattr(owner, "model_fields", {})
    )


def test_the_surface_is_the_reference_s() -> None:
    assert len(ENTRIES) == 349


@pytest.mark.parametrize("entry", ENTRIES, ids=[f"{e['owner']}.{e['name']}" for e in ENTRIES])
def test_the_reference_entry_exists(entry: dict[str, str]) -> None:
    owner = _owner(entry["owner"])
    *outer, name = entry["name"].split(".")  # nested classes: "Webhook.Topic"
    for part in outer:
        owner = getattr(owner, part)
    assert _declared(owner, name), f"{entry['kind']} {entry['owner']}.{entry['name']} is missing"
