"""`labelbox data-rows upload DATASET SOURCES...`: files, folders and manifests, resumably."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from labelbox.cli import FAILURES
from labelbox.cli.context import reports_errors, settings
from labelbox.cli.manifests import ManifestError, items_from, skip_existing
from labelbox.cli.output import emit, emit_one, error

if TYPE_CHECKING:
    from labelbox.schema.data_row import DataRowInput

app = typer.Typer(help="Data rows: upload files, folders and manifests.", no_args_is_help=True)


@app.command()
@reports_errors
def upload(
    ctx: typer.Context,
    dataset_id: str,
    sources: Annotated[list[Path], typer.Argument(help="Files, folders, .ndjson/.json manifests.")],
    glob: Annotated[str, typer.Option(help="Which files of a folder (recursively).")] = "*",
    progress: Annotated[bool, typer.Option("--progress/--no-progress")] = True,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the import.")] = 3600,
) -> None:
    """Upload data rows into a dataset; re-running skips rows already there.

    A row counts as already uploaded when the dataset has its global key (rows that have
    one) or its external id. Every row the server rejects is listed, and the exit status
    is then 1.
    """
    options = settings(ctx)
    try:
        items = list(items_from(sources, glob))
    except ManifestError as failure:
        error(str(failure))
        raise typer.Exit(FAILURES) from None
    dataset = options.client().get_dataset(dataset_id)
    global_keys: set[str] = set()
    external_ids: set[str] = set()
    for row in dataset.data_rows():
        if row.global_key is not None:
            global_keys.add(row.global_key)
        if row.external_id is not None:
            external_ids.add(row.external_id)
    fresh, skipped = skip_existing(items, global_keys, external_ids)
    summary: dict[str, Any] = {"dataset": dataset.uid, "created": 0, "skipped": skipped}
    failed: list[dict[str, Any]] = []
    if fresh:
        rows = cast("list[DataRowInput]", fresh)  # validated by create_data_rows
        task = dataset.create_data_rows(rows, show_progress=progress and not options.as_json)
        task.wait_till_done(timeout_seconds=timeout, show_progress=progress and not options.as_json)
        summary["task"] = task.uid
        summary["status"] = task.status
        failed = list(task.failed_data_rows or [])
        if task.status == "COMPLETE":
            summary["created"] = len(task.result)
        elif not failed:
            failed = [{"error": str(task.errors)}]
    summary["failed"] = len(failed)
    if options.as_json:
        emit_one({**summary, "failures": failed}, as_json=True)
    else:
        emit_one(summary, as_json=False)
        if failed:
            emit([_failure_row(f) for f in failed], as_json=False, title="rows that failed")
    if failed:
        raise typer.Exit(FAILURES)


def _failure_row(failure: dict[str, Any]) -> dict[str, Any]:
    return {
        "row": failure.get("index"),
        "external_id": failure.get("external_id"),
        "global_key": failure.get("global_key"),
        "error": failure.get("message") or failure.get("error"),
    }
