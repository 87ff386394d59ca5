"""Checks of a request's values that no GraphQL type expresses, made before it runs.

The rules are `labelbox_server.values`' (storable strings, 64-bit integers, finite numbers,
bounded nesting). Variables are checked as they arrive (`variable_problem`), literals as
they are written in the document (`literal_problem`); a problem is a
`GRAPHQL_VALIDATION_FAILED` error naming the variable or argument, so no such value reaches
a resolver or the database.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    FieldNode,
    FloatValueNode,
    IntValueNode,
    ListValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    VariableDefinitionNode,
    visit,
)
from graphql.language import Visitor

from ..values import number_problem, string_problem, value_problem


def variable_problem(variables: Mapping[str, Any] | None, max_depth: int) -> str | None:
    """The message for the first unacceptable variable, naming it, or None."""
    for name, value in (variables or {}).items():
        problem = string_problem(name) or value_problem(value, max_depth)
        if problem is not None:
            shown = name if string_problem(name) is None else "?"
            return f'Variable "${shown}" has an invalid value: {problem}.'
    return None


def _literal_value_problem(node: ValueNode) -> str | None:
    stack: list[ValueNode] = [node]
    while stack:
        value = stack.pop()
        if isinstance(value, StringValueNode):
            if problem := string_problem(value.value):
                return problem
        elif isinstance(value, IntValueNode):
            # The lexer bounds nothing: a literal may have thousands of digits.
            digits = value.value.lstrip("-")
            if len(digits) > 19 or number_problem(int(value.value)):
                return "integers must fit in 64 bits"
        elif isinstance(value, FloatValueNode):
            if len(value.value) > 400 or number_problem(float(value.value)):
                return "numbers must be finite"
        elif isinstance(value, ObjectValueNode):
            stack.extend(item.value for item in value.fields)
        elif isinstance(value, ListValueNode):
            stack.extend(value.values)
    return None


class _LiteralCollector(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.values: list[tuple[str, ValueNode]] = []
        self.field_names: list[str] = []

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        self.field_names.append(node.name.value)

    def leave_field(self, *_args: Any) -> None:
        self.field_names.pop()

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        field = self.field_names[-1] if self.field_names else "?"
        name = f'Argument "{node.name.value}" of "{field}"'
        self.values.append((name, node.value))

    def enter_variable_definition(self, node: VariableDefinitionNode, *_args: Any) -> None:
        if node.default_value is not None:
            self.values.append(
                (f'The default of "${node.variable.name.value}"', node.default_value)
            )


def _literals(document: DocumentNode) -> Iterator[tuple[str, ValueNode]]:
    collector = _LiteralCollector()
    visit(document, collector)
    yield from collector.values


def literal_problem(document: DocumentNode) -> str | None:
    """The message for the first unacceptable literal value, naming its argument, or None."""
    for name, value in _literals(document):
        problem = _literal_value_problem(value)
        if problem is not None:
            return f"{name} has an invalid value: {problem}."
    return None
