"""`labelbox imports create PROJECT FILE --name N`: a label import from an NDJSON file, with
the result of every annotation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from labelbox.cli import FAILURES
from labelbox.cli.context import reports_errors, settings
from labelbox.cli.output import emit, emit_one
from labelbox.schema.annotation_import import LabelImport

app = typer.Typer(help="Annotation imports: labels from NDJSON files.", no_args_is_help=True)


@app.command()
@reports_errors
def create(
    ctx: typer.Context,
    project_id: str,
    file: Path,
    name: Annotated[str, typer.Option(help="The import's name (unique in the project).")],
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the import.")] = 3600,
) -> None:
    """Import labels from an NDJSON file (one annotation per line) and list each
    annotation's result; the exit status is 1 when any failed."""
    options = settings(ctx)
    client = options.client()
    imported = LabelImport.create_from_file(client, project_id, name, str(file))
    imported.wait_until_done(sleep_time_seconds=1)
    statuses = imported.statuses
    failed = [s for s in statuses if s.get("status") != "SUCCESS"]
    summary: dict[str, Any] = {
        "import": imported.uid,
        "state": imported.state,
        "annotations": len(statuses),
        "failed": len(failed),
    }
    if options.as_json:
        emit_one({**summary, "statuses": statuses}, as_json=True)
    else:
        emit_one(summary, as_json=False)
        emit([_row(s) for s in statuses], as_json=False, title="annotations")
    if failed:
        raise typer.Exit(FAILURES)


def _row(status: Any) -> dict[str, Any]:
    errors = status.get("errors") or []
    return {
        "uuid": status.get("uuid"),
        "data_row": (status.get("dataRow") or {}).get("id"),
        "status": status.get("status"),
        "error": "; ".join(str(e.get("message")) for e in errors) or None,
    }
