"""`labelbox ontology show ID | create --name N --from-json FILE`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from labelbox.cli import USAGE
from labelbox.cli.context import reports_errors, settings
from labelbox.cli.output import emit, emit_one, error
from labelbox.schema.ontology import Ontology

app = typer.Typer(
    help="Ontologies: show one, create one from its normalized JSON.", no_args_is_help=True
)


def _features(ontology: Ontology) -> list[dict[str, Any]]:
    normalized = ontology.normalized
    rows = [
        {
            "kind": "tool",
            "type": tool.get("tool"),
            "name": tool.get("name"),
            "feature_schema_id": tool.get("featureSchemaId"),
        }
        for tool in normalized.get("tools", [])
    ]
    rows += [
        {
            "kind": "classification",
            "type": c.get("type"),
            "name": c.get("name"),
            "feature_schema_id": c.get("featureSchemaId"),
        }
        for c in normalized.get("classifications", [])
    ]
    return rows


@app.command()
@reports_errors
def show(ctx: typer.Context, ontology_id: str) -> None:
    """An ontology: its tools and classifications (`--json`: the whole normalized JSON)."""
    options = settings(ctx)
    ontology = options.client().get_ontology(ontology_id)
    if options.as_json:
        emit_one(
            {"id": ontology.uid, "name": ontology.name, "normalized": ontology.normalized},
            as_json=True,
        )
        return
    emit_one({"id": ontology.uid, "name": ontology.name}, as_json=False)
    emit(_features(ontology), as_json=False, title="features")


@app.command()
@reports_errors
def create(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="The ontology's name.")],
    from_json: Annotated[Path, typer.Option("--from-json", help="A file of normalized JSON.")],
) -> None:
    """Create an ontology from a file of normalized JSON (`{"tools": [...], "classifications": [...]}`);
    it is checked before anything is sent."""
    options = settings(ctx)
    try:
        normalized = json.loads(from_json.read_text(encoding="utf-8"))
    except (OSError, ValueError) as failure:
        error(f"{from_json}: {failure}")
        raise typer.Exit(USAGE) from None
    ontology = options.client().create_ontology(name, normalized)
    if options.as_json:
        emit_one(
            {"id": ontology.uid, "name": ontology.name, "normalized": ontology.normalized},
            as_json=True,
        )
    else:
        emit_one({"id": ontology.uid, "name": ontology.name}, as_json=False)
        emit(_features(ontology), as_json=False, title="features")
