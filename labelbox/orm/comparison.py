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

    #: How many comparisons a repr shows (a chain of thousands of `&` is cut short).
    REPR_COMPARISONS = 20

    def __repr__(self) -> str:
        # Iterative: a chain of any length must not exceed the recursion limit.
        out: list[str] = []
        pending: list[object] = [self]
        shown = 0
        while pending:
            item = pending.pop()
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, LogicalExpression):
                if item.op is LogicalExpression.Op.NOT:
                    pending.extend([item.first, "NOT "])
                else:
                    pending.extend([")", item.second, f" {item.op.value} ", item.first, "("])
            elif shown == self.REPR_COMPARISONS:
                out.append("...")
                break
            else:
                shown += 1
                out.append(repr(item))
        return "".join(out)


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
