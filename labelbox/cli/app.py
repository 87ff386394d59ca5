"""The `labelbox` command: global options and the command groups.

    labelbox [--api-key KEY] [--endpoint URL] [--json] COMMAND ...

Exit status: 0 success, 1 failures reported (an SDK error, rows that failed, breaking schema
changes), 2 usage errors.
"""

from __future__ import annotations

from typing import Annotated

import typer

from labelbox.cli import datasets, exports, imports, ontologies, projects, schema, uploads
from labelbox.cli.context import Settings, reports_errors, settings
from labelbox.cli.output import emit_one

app = typer.Typer(
    name="labelbox",
    help="Labelbox from the command line: projects, datasets, data rows, exports, schema checks.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(projects.app, name="projects")
app.add_typer(datasets.app, name="datasets")
app.add_typer(uploads.app, name="data-rows")
app.add_typer(exports.app, name="export")
app.add_typer(ontologies.app, name="ontology")
app.add_typer(imports.app, name="imports")
app.add_typer(schema.app, name="schema")


@app.callback()
def root(
    ctx: typer.Context,
    api_key: Annotated[
        str | None,
        typer.Option("--api-key", envvar="LABELBOX_API_KEY", show_envvar=True, show_default=False),
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option("--endpoint", envvar="LABELBOX_ENDPOINT", show_envvar=True),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    ctx.obj = Settings(api_key=api_key, endpoint=endpoint, as_json=as_json)


@app.command()
@reports_errors
def whoami(ctx: typer.Context) -> None:
    """The user and organization the API key belongs to."""
    options = settings(ctx)
    client = options.client()
    user = client.get_user()
    organization = client.get_organization()
    emit_one(
        {
            "user_id": user.uid,
            "email": user.email,
            "name": user.name,
            "organization_id": organization.uid,
            "organization": organization.name,
            "endpoint": client.endpoint,
        },
        as_json=options.as_json,
    )
