"""Makes every generated operation validate its response through the executor.

ariadne-codegen ends each operation method with `return <Result>.model_validate(data)`,
which lets a `pydantic.ValidationError` escape to the caller. This plugin rewrites that
line into `return self.parse(<Result>, data)`: the base client hands the response to the
SDK's executor, the one place where a response that does not match the schema becomes a
`ResponseValidationError`.

It runs in `generate_client_module`, after `ClientForwardRefsPlugin` (listed before it in
the config) has moved each result import into its method by reading those same lines.
"""

from __future__ import annotations

import ast

from ariadne_codegen.plugins.base import Plugin


class ValidatedResultsPlugin(Plugin):
    """`return X.model_validate(data)` → `return self.parse(X, data)` in every method."""

    def generate_client_module(self, module: ast.Module) -> ast.Module:
        for node in module.body:
            if isinstance(node, ast.ClassDef):
                for method in node.body:
                    if isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
                        _rewrite_return(method)
        return module


def _rewrite_return(method: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
    last = method.body[-1]
    if not isinstance(last, ast.Return) or not isinstance(last.value, ast.Call):
        return
    call = last.value
    func = call.func
    if not (
        isinstance(func, ast.Attribute)
        and func.attr == "model_validate"
        and isinstance(func.value, ast.Name)
        and len(call.args) == 1
    ):
        return
    last.value = ast.Call(
        func=ast.Attribute(value=ast.Name(id="self", ctx=ast.Load()), attr="parse", ctx=ast.Load()),
        args=[ast.Name(id=func.value.id, ctx=ast.Load()), call.args[0]],
        keywords=[],
    )
