"""`labelbox projects list | show | create | delete`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from labelbox.cli.context import reports_errors, settings
from labelbox.cli.output import emit, emit_one
from labelbox.schema.media_type import MediaType
from labelbox.schema.project import Project
from labelbox.schema.queue_mode import QueueMode

app = typer.Typer(help="Projects: list, show, create, delete.", no_args_is_help=True)


def project_row(project: Project) -> dict[str, Any]:
    return {
        "id": project.uid,
        "name": project.name,
        "media_type": project.media_type,
        "queue_mode": project.queue_mode,
        "created_at": project.created_at,
    }


@app.command("list")
@reports_errors
def list_projects(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Only projects with this name.")] = None,
) -> None:
    """Every project of the organization."""
    options = settings(ctx)
    where = Project.name == name if name is not None else None
    rows = [project_row(p) for p in options.client().get_projects(where=where)]
    emit(rows, as_json=options.as_json, title="projects")


@app.command()
@reports_errors
def show(ctx: typer.Context, project_id: str) -> None:
    """One project, with its datasets."""
    options = settings(ctx)
    project = options.client().get_project(project_id)
    row = project_row(project)
    row["description"] = project.description
    row["datasets"] = [d.uid for d in project.datasets()]
    emit_one(row, as_json=options.as_json)


@app.command()
@reports_errors
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="The project's name.")],
    media_type: Annotated[str | None, typer.Option(help="IMAGE, VIDEO, TEXT, ...")] = None,
    description: Annotated[str, typer.Option()] = "",
) -> None:
    """Create a project (batch queue mode)."""
    options = settings(ctx)
    if media_type is None:
        project = options.client().create_project(
            name=name, description=description, queue_mode=QueueMode.Batch
        )
    else:
        project = options.client().create_project(
            name=name,
            description=description,
            queue_mode=QueueMode.Batch,
            media_type=_media_type(media_type),
        )
    emit_one(project_row(project), as_json=options.as_json)


@app.command()
@reports_errors
def delete(
    ctx: typer.Context,
    project_id: str,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a project."""
    options = settings(ctx)
    project = options.client().get_project(project_id)
    if not yes:
        typer.confirm(f"Delete project {project.name!r} ({project.uid})?", abort=True)
    project.delete()
    emit_one({"deleted": project.uid}, as_json=options.as_json)


def _media_type(value: str) -> MediaType:
    try:
        return MediaType(value)
    except ValueError:
        supported = ", ".join(MediaType.get_supported_members())
        raise typer.BadParameter(f"{value!r} is not a media type ({supported})") from None
