"""Copies the SDL the code was generated from into the package (`_generated/schema.graphql`).

`labelbox schema diff` compares a live API with it, so an installed SDK knows the contract it
was built from; `make codegen-check` keeps the copy identical to `schema/labelbox.graphql`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ariadne_codegen.config import get_client_settings
from ariadne_codegen.plugins.base import Plugin
from graphql import GraphQLSchema

FILE_NAME = "schema.graphql"


class SchemaCopyPlugin(Plugin):
    """Writes the schema file, byte for byte, next to the generated modules."""

    def __init__(self, schema: GraphQLSchema, config_dict: dict[str, Any]) -> None:
        super().__init__(schema, config_dict)
        settings = get_client_settings(config_dict)
        self.source = Path(settings.schema_path)
        self.package_path = Path(settings.target_package_path) / settings.target_package_name

    def generate_files(self, generated_files: list[str]) -> list[str]:
        (self.package_path / FILE_NAME).write_bytes(self.source.read_bytes())
        return sorted([*generated_files, FILE_NAME])
