"""Fails on keys ariadne-codegen would silently ignore (a typo there changes nothing)."""

import dataclasses
import sys
from pathlib import Path

import tomllib
from ariadne_codegen.settings import ClientSettings

# Sub-tables read by plugins rather than by ariadne-codegen itself.
PLUGIN_TABLES = {"scalars", "extract_operations"}


def unknown_keys(config_path: Path) -> list[str]:
    section = tomllib.loads(config_path.read_text())["tool"]["ariadne-codegen"]
    known = {f.name for f in dataclasses.fields(ClientSettings)} | PLUGIN_TABLES
    return sorted(set(section) - known)


if __name__ == "__main__":
    unknown = unknown_keys(Path(sys.argv[1]))
    if unknown:
        sys.exit(f"unknown [tool.ariadne-codegen] keys: {', '.join(unknown)}")
    print("codegen config: no unknown keys")
