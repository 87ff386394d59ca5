"""Generates `async_client.py`: the async twin of the generated client.

ariadne-codegen writes one flavour per configuration, and a second configuration would
generate every result model twice. This plugin instead takes the finished client module (after
the forward-refs, validated-results and extract-operations plugins: it is listed after them)
and rewrites a copy: `GraphQLClient(LabelboxBaseClient)` becomes
`AsyncGraphQLClient(LabelboxAsyncBaseClient)`, every operation an `async def` that awaits
`self.execute(...)`. Both clients share the result models, the inputs and the documents.
"""

from __future__ import annotations

import ast
import copy
from pathlib import Path
from typing import Any

from ariadne_codegen.config import get_client_settings
from ariadne_codegen.plugins.base import Plugin
from ariadne_codegen.utils import format_code
from graphql import GraphQLSchema

from codegen.plugins.banner import BANNER

RUNTIME = Path(__file__).resolve().parent.parent / "runtime" / "async_base_client.py"
MODULE = "async_client"
BASE_MODULE = "async_base_client"


class AsyncClientPlugin(Plugin):
    """Writes `async_client.py` and `async_base_client.py` next to the sync client."""

    def __init__(self, schema: GraphQLSchema, config_dict: dict[str, Any]) -> None:
        super().__init__(schema, config_dict)
        settings = get_client_settings(config_dict)
        self.package_path = Path(settings.target_package_path) / settings.target_package_name
        self.client_name = settings.client_name
        self.base_client_name = settings.base_client_name
        self.async_module: ast.Module | None = None

    def generate_client_module(self, module: ast.Module) -> ast.Module:
        self.async_module = _asynchronous(
            copy.deepcopy(module), self.client_name, self.base_client_name
        )
        return module

    def generate_files(self, generated_files: list[str]) -> list[str]:
        assert self.async_module is not None, "the client module was never generated"
        code = BANNER + "\n\n" + ast.unparse(ast.fix_missing_locations(self.async_module))
        (self.package_path / f"{MODULE}.py").write_text(format_code(code))
        runtime = RUNTIME.read_text().split('"""', 2)
        base = BANNER + '\n\n"""' + runtime[1] + '"""' + runtime[2]
        (self.package_path / f"{BASE_MODULE}.py").write_text(base)
        return sorted({*generated_files, f"{MODULE}.py", f"{BASE_MODULE}.py"})


def _asynchronous(module: ast.Module, client_name: str, base_name: str) -> ast.Module:
    async_base = base_name.replace("Labelbox", "LabelboxAsync", 1)
    for node in module.body:
        if isinstance(node, ast.ImportFrom) and node.module == "base_client" and node.level == 1:
            node.module = BASE_MODULE
            node.names = [ast.alias(async_base)]
        if isinstance(node, ast.ClassDef) and node.name == client_name:
            node.name = f"Async{client_name}"
            node.bases = [ast.Name(id=async_base, ctx=ast.Load())]
            node.body = [
                _async_method(m) if isinstance(m, ast.FunctionDef) else m for m in node.body
            ]
    return module


def _async_method(method: ast.FunctionDef) -> ast.AsyncFunctionDef:
    for node in ast.walk(method):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr == "execute"
        ):
            node.value = ast.Await(value=node.value)
    return ast.AsyncFunctionDef(
        name=method.name,
        args=method.args,
        body=method.body,
        decorator_list=method.decorator_list,
        returns=method.returns,
        type_comment=method.type_comment,
        type_params=getattr(method, "type_params", []),
    )
