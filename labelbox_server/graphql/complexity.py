"""The cost of a GraphQL document, measured before it is validated or run.

`measure(schema, document)` walks every operation once, expanding fragments (fragment spreads
and inline fragments alike) with one memoized result per fragment, so a document whose
fragments spread each other exponentially costs linear time to measure. It reports:

* `depth`: the deepest nesting of fields;
* `list_depth`: the deepest nesting of list-returning fields (the complexity guard of the
  real API: more than `MAX_LIST_DEPTH`, e.g. `{projects {datasets {projects {datasets
  {id}}}}}`, is `Query complexity limit exceeded`);
* `fields`: field selections once fragments are expanded (what executing it would resolve
  at least once per object);
* `aliases`: aliased fields once fragments are expanded;
* `input_depth`: the deepest nesting of objects and lists in the document's literal values.

Introspection fields (`__schema`, `__type`, `__typename`) count as fields but not as lists.
Counts can be astronomically large (fragment fan-out); they are exact Python integers. A walk
nesting more than `MAX_WALK_NESTING` selection sets (fields, fragment spreads and inline
fragments together, e.g. a chain of fragments each spreading the next) stops there and
reports a `depth` past that.
`check` compares a `Cost` with the limits and returns the first one exceeded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    ListValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)

from ..settings import RequestLimits

MAX_LIST_DEPTH = 3
#: Selection sets the walk descends through at most (it recurses; Python's limit is ~1000).
MAX_WALK_NESTING = 128
COMPLEXITY_MESSAGE = "Query complexity limit exceeded"
#: What each limit counts, for error messages.
DESCRIPTIONS = {
    "max_depth": "fields nesting levels:",
    "max_fields": "fields selected (fragments expanded):",
    "max_aliases": "aliased fields (fragments expanded):",
    "max_input_depth": "levels of nesting in an argument value:",
    "max_field_comparisons": "comparisons of same-named selections needed to validate it:",
    "max_list_depth": "list fields nesting levels:",
}


@dataclass
class Cost:
    """What a document (or one selection set of it) costs; see the module doc."""

    depth: int = 0
    list_depth: int = 0
    fields: int = 0
    aliases: int = 0
    input_depth: int = 0

    def absorb(self, other: Cost, times: int = 1) -> None:
        """Add a nested selection's cost (`times` copies of it) at the same level."""
        self.depth = max(self.depth, other.depth)
        self.list_depth = max(self.list_depth, other.list_depth)
        self.fields += other.fields * times
        self.aliases += other.aliases * times
        self.input_depth = max(self.input_depth, other.input_depth)


@dataclass(frozen=True)
class Exceeded:
    """A limit a document exceeds: the setting's name, its value and what was measured."""

    limit: str
    maximum: int
    measured: int


def value_depth(node: ValueNode) -> int:
    """Nesting of objects and lists in a literal value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[ValueNode, int]] = [(node, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, ObjectValueNode):
            stack.extend((item.value, depth + 1) for item in value.fields)
            deepest = max(deepest, depth + 1)
        elif isinstance(value, ListValueNode):
            stack.extend((item, depth + 1) for item in value.values)
            deepest = max(deepest, depth + 1)
    return deepest


class _TooDeep(Exception):
    pass


class _Walker:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode) -> None:
        self.schema = schema
        self.fragments: dict[str, FragmentDefinitionNode] = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.memo: dict[str, Cost] = {}
        self.in_progress: set[str] = set()
        self.nesting = 0

    def fragment(self, name: str) -> Cost:
        if name in self.memo:
            return self.memo[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.in_progress:
            return Cost()  # unknown or cyclic: validation reports it
        self.in_progress.add(name)
        condition = self.schema.get_type(definition.type_condition.name.value)
        cost = self.selection_set(definition.selection_set, condition)
        self.in_progress.discard(name)
        self.memo[name] = cost
        return cost

    def selection_set(self, node: SelectionSetNode, parent: GraphQLNamedType | None) -> Cost:
        if self.nesting >= MAX_WALK_NESTING:
            raise _TooDeep()
        self.nesting += 1
        try:
            return self._selections(node, parent)
        finally:
            self.nesting -= 1

    def _selections(self, node: SelectionSetNode, parent: GraphQLNamedType | None) -> Cost:
        cost = Cost()
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                cost.absorb(self.field(selection, parent))
                for argument in selection.arguments or ():
                    cost.input_depth = max(cost.input_depth, value_depth(argument.value))
                continue
            if isinstance(selection, InlineFragmentNode):
                condition = (
                    self.schema.get_type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent
                )
                nested = self.selection_set(selection.selection_set, condition)
            elif isinstance(selection, FragmentSpreadNode):
                nested = self.fragment(selection.name.value)
            else:  # pragma: no cover - no other selection kinds exist
                continue
            cost.absorb(nested)
        return cost

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> Cost:
        field_type: Any = None
        name = node.name.value
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) and not name.startswith(
            "__"
        ):
            definition = parent.fields.get(name)
            field_type = definition.type if definition is not None else None
        if node.selection_set is not None:
            nested = self.selection_set(
                node.selection_set, get_named_type(field_type) if field_type else None
            )
        else:
            nested = Cost()
        cost = Cost(
            depth=nested.depth + 1,
            list_depth=nested.list_depth
            + (1 if field_type is not None and is_list_type(get_nullable_type(field_type)) else 0),
            fields=nested.fields + 1,
            aliases=nested.aliases + (1 if node.alias is not None else 0),
            input_depth=nested.input_depth,
        )
        return cost


def measure(schema: GraphQLSchema, document: DocumentNode) -> Cost:
    """The cost of the costliest operation of `document` (and of its fragment definitions,
    which validation visits even when unused)."""
    try:
        return _measure(_Walker(schema, document), schema, document)
    except _TooDeep:
        return Cost(depth=MAX_WALK_NESTING + 1)


def _measure(walker: _Walker, schema: GraphQLSchema, document: DocumentNode) -> Cost:
    total = Cost()
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            root = schema.get_root_type(definition.operation)
            cost = walker.selection_set(definition.selection_set, root)
            for variable in definition.variable_definitions or ():
                if variable.default_value is not None:
                    cost.input_depth = max(cost.input_depth, value_depth(variable.default_value))
        elif isinstance(definition, FragmentDefinitionNode):
            cost = walker.fragment(definition.name.value)
        else:
            continue
        total.depth = max(total.depth, cost.depth)
        total.list_depth = max(total.list_depth, cost.list_depth)
        total.fields = max(total.fields, cost.fields)
        total.aliases = max(total.aliases, cost.aliases)
        total.input_depth = max(total.input_depth, cost.input_depth)
    return total


def check(cost: Cost, limits: RequestLimits) -> Exceeded | None:
    """The first limit `cost` exceeds, or None."""
    for limit, maximum, measured in (
        ("max_depth", limits.max_depth, cost.depth),
        ("max_fields", limits.max_fields, cost.fields),
        ("max_aliases", limits.max_aliases, cost.aliases),
        ("max_input_depth", limits.max_input_depth, cost.input_depth),
        ("max_list_depth", MAX_LIST_DEPTH, cost.list_depth),
    ):
        if measured > maximum:
            return Exceeded(limit, maximum, measured)
    return None
