"""How commands print: a table for people, `--json` for scripts; errors on stderr."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

stdout = Console()
stderr = Console(stderr=True)


def plain(value: Any) -> Any:
    """A value as JSON can hold it (enums by value, datetimes as ISO 8601)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def emit(rows: Sequence[Mapping[str, Any]], *, as_json: bool, title: str | None = None) -> None:
    """Print rows: one JSON document (a list) with `--json`, else a table."""
    if as_json:
        print(json.dumps([plain(row) for row in rows], indent=2))
        return
    if not rows:
        stdout.print(f"No {title or 'results'}.")
        return
    table = Table(title=title, show_lines=False)
    for column in rows[0]:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(plain(v)) for v in row.values()))
    stdout.print(table)


def emit_one(row: Mapping[str, Any], *, as_json: bool) -> None:
    """Print one object: a JSON object with `--json`, else a two-column table."""
    if as_json:
        print(json.dumps(plain(row), indent=2))
        return
    table = Table(show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    for key, value in row.items():
        table.add_row(key, "" if value is None else str(plain(value)))
    stdout.print(table)


def error(message: str) -> None:
    """The message as given: no markup read from it, no line breaks added (paths and ids in
    it stay whole however narrow the terminal)."""
    stderr.print(Text.assemble(("error:", "red"), " ", message), highlight=False, soft_wrap=True)
