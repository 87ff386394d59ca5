"""The complexity guard: a validation rule limiting how deeply list fields nest.

A document whose operation selects more than `MAX_LIST_DEPTH` list-returning fields inside
each other (through fragments too) fails validation with `Query complexity limit exceeded`,
e.g. `{projects {datasets {projects {datasets {id}}}}}` (four levels of lists). Introspection
fields (`__schema`, `__type`) are not counted.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    get_named_type,
    get_nullable_type,
    is_list_type,
)

MAX_LIST_DEPTH = 3
COMPLEXITY_MESSAGE = "Query complexity limit exceeded"


class ListDepthRule(ValidationRule):
    """Reports operations nesting more than `MAX_LIST_DEPTH` list fields."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        root = self.context.schema.get_root_type(node.operation)
        if root is None:
            return
        if self._depth(node.selection_set, root, frozenset()) > MAX_LIST_DEPTH:
            self.report_error(GraphQLError(COMPLEXITY_MESSAGE, node))

    def _depth(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        fragments: frozenset[str],
    ) -> int:
        if selection_set is None:
            return 0
        deepest = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                deepest = max(deepest, self._field_depth(selection, parent, fragments))
            elif isinstance(selection, InlineFragmentNode):
                condition = (
                    self.context.schema.get_type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent
                )
                deepest = max(deepest, self._depth(selection.selection_set, condition, fragments))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.context.get_fragment(name)
                if fragment is None or name in fragments:
                    continue  # unknown or cyclic: other rules report it
                condition = self.context.schema.get_type(fragment.type_condition.name.value)
                deepest = max(
                    deepest, self._depth(fragment.selection_set, condition, fragments | {name})
                )
        return deepest

    def _field_depth(
        self, node: FieldNode, parent: GraphQLNamedType | None, fragments: frozenset[str]
    ) -> int:
        name = node.name.value
        if name.startswith("__") or not isinstance(
            parent, GraphQLObjectType | GraphQLInterfaceType
        ):
            return 0
        field = parent.fields.get(name)
        if field is None:
            return 0
        own = 1 if is_list_type(get_nullable_type(field.type)) else 0
        return own + self._depth(node.selection_set, get_named_type(field.type), fragments)
