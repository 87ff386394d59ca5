"""`labelbox export data-rows DATASET [-o FILE]`: NDJSON, streamed, to a file or stdout."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from labelbox.cli import FAILURES
from labelbox.cli.context import reports_errors, settings
from labelbox.cli.output import error, plain, stderr
from labelbox.schema.data_row import DataRow

app = typer.Typer(help="Exports, as NDJSON (streamed).", no_args_is_help=True)


def data_row_line(row: DataRow) -> dict[str, Any]:
    return {
        "id": row.uid,
        "external_id": row.external_id,
        "global_key": row.global_key,
        "row_data": row.row_data,
        "media_type": row.media_type,
        "metadata_fields": row.metadata_fields,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


@app.command("data-rows")
@reports_errors
def data_rows(
    ctx: typer.Context,
    dataset_id: str,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="The NDJSON file to write (default: stdout)."),
    ] = None,
    metadata: Annotated[bool, typer.Option("--metadata/--no-metadata")] = True,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the export.")] = 600,
) -> None:
    """Every data row of a dataset, one JSON object per line."""
    options = settings(ctx)
    dataset = options.client().get_dataset(dataset_id)
    rows = dataset.export_data_rows(timeout_seconds=timeout, include_metadata=metadata)
    count = _write((data_row_line(row) for row in rows), output)
    if output is not None:
        stderr.print(f"{count} data rows written to {output}")


def _write(lines: Iterable[dict[str, Any]], output: Path | None) -> int:
    """Write one JSON object per line, as they come; returns how many."""
    count = 0
    target: contextlib.AbstractContextManager[IO[str]] = (
        output.open("w", encoding="utf-8")
        if output is not None
        else contextlib.nullcontext(sys.stdout)
    )
    with target as handle:
        for line in lines:
            handle.write(json.dumps(plain(line), ensure_ascii=False) + "\n")
            count += 1
        handle.flush()
    return count


@app.command("labels")
@reports_errors
def labels(
    ctx: typer.Context,
    project_id: str,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="The NDJSON file to write (default: stdout)."),
    ] = None,
    start: Annotated[str | None, typer.Option(help="YYYY-MM-DD[ hh:mm:ss]")] = None,
    end: Annotated[str | None, typer.Option(help="YYYY-MM-DD[ hh:mm:ss]")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the export.")] = 1800,
) -> None:
    """Every label of a project (LBV1 rows), one JSON object per line, streamed."""
    options = settings(ctx)
    project = options.client().get_project(project_id)
    rows = project.export_labels(download=True, timeout_seconds=timeout, start=start, end=end)
    if rows is None:
        error(f"the export was not ready within {timeout:g} s")
        raise typer.Exit(FAILURES)
    count = _write(iter(rows), output)
    if output is not None:
        stderr.print(f"{count} labels written to {output}")
