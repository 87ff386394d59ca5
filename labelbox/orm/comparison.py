"""Filter expressions built from fields: `(Project.name == "x") & (Project.created_at >= t)`."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from labelbox.orm.field import Field


class LogicalExpressionComponent:
    """Something that can be combined with `&` (and, for completeness, `|` and `~`)."""

    def __and__(self, other: LogicalExpressionComponent) -> LogicalExpression:
        return LogicalExpression(LogicalExpression.Op.AND, self, other)

    def __or__(self, other: LogicalExpressionComponent) -> LogicalExpression:
        return LogicalExpression(LogicalExpression.Op.OR, self, other)

    def __invert__(self) -> LogicalExpression:
        return LogicalExpression(LogicalExpression.Op.NOT, self)


class LogicalExpression(LogicalExpressionComponent):
    """Two expressions joined by AND or OR, or one negated by NOT."""

    class Op(enum.Enum):
        AND = "AND"
        OR = "OR"
        NOT = "NOT"

    def __init__(
        self,
        op: LogicalExpression.Op,
        first: LogicalExpressionComponent,
        second: LogicalExpressionComponent | None = None,
    ) -> None:
        self.op = op
        self.first = first
        self.second = second

    def __repr__(self) -> str:
        if self.op is LogicalExpression.Op.NOT:
            return f"NOT {self.first!r}"
        return f"({self.first!r} {self.op.value} {self.second!r})"


class Comparison(LogicalExpressionComponent):
    """A field compared with a value: one key of a `where` filter."""

    class Op(enum.Enum):
        EQ = ""
        NE = "_not"
        LT = "_lt"
        GT = "_gt"
        LE = "_lte"
        GE = "_gte"

    def __init__(self, op: Comparison.Op, field: Field[Any], value: Any) -> None:
        self.op = op
        self.field = field
        self.value = value

    def __repr__(self) -> str:
        return f"{self.field!r}{self.op.value or '=='}{self.value!r}"
