"""`labelbox datasets list | show | create | delete`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from labelbox.cli.context import reports_errors, settings
from labelbox.cli.output import emit, emit_one
from labelbox.schema.dataset import Dataset

app = typer.Typer(help="Datasets: list, show, create, delete.", no_args_is_help=True)


def dataset_row(dataset: Dataset) -> dict[str, Any]:
    return {
        "id": dataset.uid,
        "name": dataset.name,
        "rows": dataset.row_count,
        "created_at": dataset.created_at,
    }


@app.command("list")
@reports_errors
def list_datasets(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Only datasets with this name.")] = None,
) -> None:
    """Every dataset of the organization."""
    options = settings(ctx)
    where = Dataset.name == name if name is not None else None
    rows = [dataset_row(d) for d in options.client().get_datasets(where=where)]
    emit(rows, as_json=options.as_json, title="datasets")


@app.command()
@reports_errors
def show(ctx: typer.Context, dataset_id: str) -> None:
    """One dataset, with the projects it is attached to."""
    options = settings(ctx)
    dataset = options.client().get_dataset(dataset_id)
    row = dataset_row(dataset)
    row["description"] = dataset.description
    row["projects"] = [p.uid for p in dataset.projects()]
    emit_one(row, as_json=options.as_json)


@app.command()
@reports_errors
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="The dataset's name.")],
    description: Annotated[str, typer.Option()] = "",
) -> None:
    """Create a dataset."""
    options = settings(ctx)
    dataset = options.client().create_dataset(name=name, description=description)
    emit_one(dataset_row(dataset), as_json=options.as_json)


@app.command()
@reports_errors
def delete(
    ctx: typer.Context,
    dataset_id: str,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a dataset and its data rows."""
    options = settings(ctx)
    dataset = options.client().get_dataset(dataset_id)
    if not yes:
        typer.confirm(f"Delete dataset {dataset.name!r} ({dataset.uid})?", abort=True)
    dataset.delete()
    emit_one({"deleted": dataset.uid}, as_json=options.as_json)
