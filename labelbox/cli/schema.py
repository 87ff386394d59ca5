"""`labelbox schema pull | diff`: the SDL of a live API, and its drift from the SDL this SDK
was generated from (graphql-core's breaking and dangerous change finders)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from graphql import (
    GraphQLSchema,
    build_client_schema,
    build_schema,
    find_breaking_changes,
    find_dangerous_changes,
    get_introspection_query,
    lexicographic_sort_schema,
    print_schema,
)

from labelbox.cli import FAILURES, USAGE
from labelbox.cli.context import reports_errors, settings
from labelbox.cli.output import emit, error, stderr

app = typer.Typer(help="The API's schema: pull it, diff it.", no_args_is_help=True)

#: The SDL the SDK was generated from (copied into the package by `make codegen`).
CONTRACT = Path(__file__).resolve().parents[1] / "_generated" / "schema.graphql"


def contract_sdl() -> str:
    """The SDL this SDK was built from."""
    return CONTRACT.read_text(encoding="utf-8")


def sorted_sdl(schema: GraphQLSchema) -> str:
    return print_schema(lexicographic_sort_schema(schema)) + "\n"


#: Everything introspection can tell, so that a pulled schema prints like its SDL.
INTROSPECTION = get_introspection_query(
    descriptions=True,
    schema_description=True,
    directive_is_repeatable=True,
    input_value_deprecation=True,
)


def live_schema(ctx: typer.Context) -> GraphQLSchema:
    """The schema of the endpoint, by introspection."""
    data: dict[str, Any] | None = settings(ctx).client().execute(INTROSPECTION)
    if not data or "__schema" not in data:
        error("the endpoint did not answer the introspection query")
        raise typer.Exit(FAILURES)
    return build_client_schema(data)  # type: ignore[arg-type]


@app.command()
@reports_errors
def pull(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Write the SDL here (default: stdout)."),
    ] = None,
) -> None:
    """Write the SDL of the live API (`--endpoint` / `LABELBOX_ENDPOINT`)."""
    text = sorted_sdl(live_schema(ctx))
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        stderr.print(f"schema written to {output}")


@app.command()
@reports_errors
def diff(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(help="An SDL file to compare (default: the live API's schema)."),
    ] = None,
    against: Annotated[
        Path | None,
        typer.Option(help="The SDL it should match (default: the one this SDK was built from)."),
    ] = None,
) -> None:
    """Compare a schema with the SDK's; exit status 1 on breaking changes."""
    try:
        expected = build_schema(against.read_text() if against else contract_sdl())
        actual = build_schema(file.read_text()) if file is not None else live_schema(ctx)
    except (OSError, SyntaxError, TypeError) as failure:
        error(str(failure))
        raise typer.Exit(USAGE) from None
    breaking = find_breaking_changes(expected, actual)
    dangerous = find_dangerous_changes(expected, actual)
    rows = [
        {"kind": "breaking", "change": c.type.name, "description": c.description} for c in breaking
    ]
    rows += [
        {"kind": "dangerous", "change": c.type.name, "description": c.description}
        for c in dangerous
    ]
    identical = sorted_sdl(expected) == sorted_sdl(actual)
    options = settings(ctx)
    if options.as_json or rows:
        emit(rows, as_json=options.as_json, title="schema changes")
    elif identical:
        stderr.print("the schemas are identical")
    else:
        stderr.print("no breaking or dangerous change (the schemas differ in additions only)")
    if breaking:
        raise typer.Exit(FAILURES)
