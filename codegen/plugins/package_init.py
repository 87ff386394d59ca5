"""Keeps `labelbox/_generated/__init__.py` empty but for a docstring.

Importing the package then loads nothing: the SDK imports the modules it needs
(`entities`, `enums`, `client`, ...) by name, and result models load on first use,
so the cost of `import labelbox` does not grow with the number of operations.
"""

from __future__ import annotations

import ast

from ariadne_codegen.plugins.base import Plugin

DOCSTRING = (
    "Generated from schema/ and queries/ by `make codegen`. Import the modules you need by "
    "name; nothing is re-exported here."
)


class PackageInitPlugin(Plugin):
    """Replaces the package `__init__` with a docstring (no re-exports)."""

    def generate_init_module(self, module: ast.Module) -> ast.Module:
        module.body = [ast.Expr(value=ast.Constant(value=DOCSTRING))]
        return ast.fix_missing_locations(module)
