"""Relationship descriptors derived from the operations in `queries/`.

The convention: a query named `Get<Type><Relationship>PyApi`, where `<Type>` is an entity
and `<Relationship>` is PascalCase (and `<Type><Relationship>` is not itself an entity, whose
getter it would be), reads relationship `<relationship>` (snake_case) of
`<Type>` when its selection is one of

* `<type>(…) { <relationship>(…) { ...<Dest>Fields } }` (also `<type>s(…)`, a list of which
  the first item is the source), or
* `<type><Relationship>(…) { ...<Dest>Fields }`,

optionally with the objects under `nodes { … }` next to `pageInfo { endCursor }` for cursor
pages. A list field makes a to-many relationship, an object field a to-one. From the
operation come the response path, the destination entity, whether it takes the source's
`$id`, its other variables (`where`, `orderBy`, ...), and whether soft-deleted objects are
filtered out (its `$where` input has a `deleted` field); `$first: PageSize = N` sets the
page size. A mutation `Connect<Type>And<Other>PyApi` / `Disconnect<Type>And<Other>PyApi`
whose `data` argument holds `<field>: {connect|disconnect: …}` adds `connect()` /
`disconnect()` to the relationship read through `<field>`.

A query that matches the name pattern but not the shape is an error, so a typo cannot
silently drop a relationship.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ariadne_codegen.utils import str_to_snake_case
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    IntValueNode,
    ListValueNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    TypeNode,
    ValueNode,
)

_NAME = re.compile(r"^Get(?P<rest>[A-Z]\w*)PyApi$")
_LINK = re.compile(r"^(?P<verb>Connect|Disconnect)(?P<type>[A-Z]\w*?)And[A-Z]\w*PyApi$")


@dataclass
class Relationship:
    """One generated `ToOne` / `ToMany` descriptor."""

    owner: str
    name: str
    destination: str
    many: bool
    #: The generated client method reading it (None for a cached relationship).
    operation: str | None
    path: tuple[str | int, ...]
    field: str
    variables: tuple[str, ...]
    source_id: bool
    filter_deleted: bool = False
    cursor_path: tuple[str | int, ...] | None = None
    page_size: int | None = None
    connect: str | None = None
    disconnect: str | None = None
    #: Read from the source's own fields (its fragment selects the destination's fragment).
    cached: bool = False
    #: The SDK class of the destination (set once it is known).
    destination_class: str = ""
    #: A to-one relationship the schema makes non-null (its descriptor's call is not Optional).
    required: bool = False

    @property
    def kind(self) -> str:
        if self.many:
            return "ToMany"
        return "RequiredToOne" if self.required else "ToOne"


@dataclass
class _Walk:
    path: list[str | int] = field(default_factory=list)
    many: bool = False
    cursor_path: tuple[str | int, ...] | None = None
    destination: str | None = None


def relationships(
    schema: GraphQLSchema,
    operations: Iterable[tuple[str, OperationDefinitionNode]],
    entity_of_fragment: Mapping[str, str],
) -> list[Relationship]:
    """Every relationship the operations define, in operation order.

    `operations` pairs each operation with its generated method name; `entity_of_fragment`
    maps an entity fragment's name to the entity type.
    """
    entities = sorted(set(entity_of_fragment.values()), key=len, reverse=True)
    found: list[Relationship] = []
    links: list[tuple[str, str, OperationDefinitionNode]] = []
    for method, operation in operations:
        name = operation.name.value if operation.name else ""
        if operation.operation == OperationType.MUTATION:
            link = _LINK.match(name)
            if link:
                links.append((link["verb"], method, operation))
            continue
        match = _NAME.match(name)
        if operation.operation != OperationType.QUERY or not match or match["rest"] in entities:
            continue  # not named like a relationship, or the getter of an entity itself
        owner, rest = _split(match["rest"], entities)
        if owner is None or not rest:
            continue
        relationship = _relationship(schema, method, operation, owner, rest, entity_of_fragment)
        if relationship is not None:
            found.append(relationship)
    for verb, method, operation in links:
        _attach_link(found, verb, method, operation)
    return found


def _split(rest: str, entities: list[str]) -> tuple[str | None, str]:
    for entity in entities:
        if rest.startswith(entity) and rest[len(entity) : len(entity) + 1].isupper():
            return entity, rest[len(entity) :]
    return None, ""


def _lower_camel(name: str) -> str:
    return name[:1].lower() + name[1:]


def _relationship(
    schema: GraphQLSchema,
    method: str,
    operation: OperationDefinitionNode,
    owner: str,
    rest: str,
    entity_of_fragment: Mapping[str, str],
) -> Relationship | None:
    name = operation.name.value if operation.name else method
    roots = _fields(operation.selection_set)
    if len(roots) != 1:
        return None
    root = roots[0]
    root_key = _key(root)
    owner_key = _lower_camel(owner)
    assert schema.query_type is not None
    root_type = schema.query_type.fields[root.name.value].type
    walk = _Walk()
    if root_key in (owner_key, owner_key + "s"):
        children = _fields(root.selection_set)
        if len(children) != 1 or _key(children[0]) != _lower_camel(rest):
            return None
        walk.path.append(str_to_snake_case(root_key))
        if _is_list(root_type):
            walk.path.append(0)
        parent = _named(root_type)
        assert isinstance(parent, GraphQLObjectType)
        relation_field = children[0]
        relation_type = parent.fields[relation_field.name.value].type
    elif root_key == owner_key + rest:
        relation_field, relation_type = root, root_type
    else:
        return None
    _follow(relation_field, relation_type, walk, entity_of_fragment)
    if walk.destination is None:
        raise ValueError(
            f"{name} is named like a relationship of {owner} but does not select "
            "one entity fragment (…Fields) under its relationship field"
        )
    variables = tuple(_argument_name(v.variable.name.value) for v in operation.variable_definitions)
    return Relationship(
        owner=owner,
        name=str_to_snake_case(rest),
        destination=walk.destination,
        many=walk.many,
        operation=method,
        path=tuple(walk.path),
        field=relation_field.name.value,
        variables=tuple(v for v in variables if v != "id"),
        source_id="id" in variables,
        filter_deleted=_filters_deleted(schema, operation),
        cursor_path=walk.cursor_path,
        page_size=_page_size(operation),
        required=not walk.many and isinstance(relation_type, GraphQLNonNull),
    )


def _follow(
    node: FieldNode,
    type_: object,
    walk: _Walk,
    entity_of_fragment: Mapping[str, str],
) -> None:
    """Walk from the relationship field down to the entity fragment spread."""
    walk.path.append(str_to_snake_case(_key(node)))
    walk.many = _is_list(type_)
    selection = node.selection_set
    if selection is None:
        return
    spread = _only_spread(selection)
    if spread is not None:
        walk.destination = entity_of_fragment.get(spread)
        return
    children = {_key(child): child for child in _fields(selection)}
    nodes, page_info = children.get("nodes"), children.get("pageInfo")
    if nodes is None or page_info is None or nodes.selection_set is None:
        return
    spread = _only_spread(nodes.selection_set)
    if spread is None or "endCursor" not in {_key(c) for c in _fields(page_info.selection_set)}:
        return
    walk.cursor_path = (*walk.path, "page_info", "end_cursor")
    walk.path.append("nodes")
    walk.many = True
    walk.destination = entity_of_fragment.get(spread)


def _attach_link(
    found: list[Relationship], verb: str, method: str, operation: OperationDefinitionNode
) -> None:
    name = operation.name.value if operation.name else method
    match = _LINK.match(name)
    assert match is not None
    owner = match["type"]
    relation = _linked_field(operation)
    # Relationships read from the owner itself (not through a list of owners).
    candidates = [
        r
        for r in found
        if r.owner == owner
        and r.field == relation
        and not any(isinstance(part, int) for part in r.path)
    ]
    if len(candidates) != 1:
        raise ValueError(
            f"{name}: {len(candidates)} relationships of {owner} read the field {relation!r}"
        )
    if verb == "Connect":
        candidates[0].connect = method
    else:
        candidates[0].disconnect = method


def _linked_field(operation: OperationDefinitionNode) -> str | None:
    """The input field holding `{connect: …}` / `{disconnect: …}` in the mutation."""

    def search(value: ValueNode, key: str | None) -> str | None:
        if isinstance(value, ObjectValueNode):
            names = {f.name.value for f in value.fields}
            if key is not None and names & {"connect", "disconnect"}:
                return key
            for item in value.fields:
                hit = search(item.value, item.name.value)
                if hit:
                    return hit
        if isinstance(value, ListValueNode):
            for item in value.values:
                hit = search(item, key)
                if hit:
                    return hit
        return None

    for root in _fields(operation.selection_set):
        for argument in root.arguments:
            hit = search(argument.value, None)
            if hit:
                return hit
    return None


def _filters_deleted(schema: GraphQLSchema, operation: OperationDefinitionNode) -> bool:
    for definition in operation.variable_definitions:
        if definition.variable.name.value != "where":
            continue
        where_type = schema.type_map.get(_type_name(definition.type))
        return isinstance(where_type, GraphQLInputObjectType) and "deleted" in where_type.fields
    return False


def _page_size(operation: OperationDefinitionNode) -> int | None:
    for definition in operation.variable_definitions:
        if definition.variable.name.value == "first" and isinstance(
            definition.default_value, IntValueNode
        ):
            return int(definition.default_value.value)
    return None


def _argument_name(variable: str) -> str:
    """The generated method's argument for a variable (`orderBy` → `order_by`, `from` → `from_`)."""
    name = str_to_snake_case(variable)
    return f"{name}_" if keyword.iskeyword(name) else name


def _type_name(node: TypeNode) -> str:
    while isinstance(node, NonNullTypeNode):
        node = node.type
    assert isinstance(node, NamedTypeNode), node
    return node.name.value


def _fields(selection: SelectionSetNode | None) -> list[FieldNode]:
    if selection is None:
        return []
    return [s for s in selection.selections if isinstance(s, FieldNode)]


def _only_spread(selection: SelectionSetNode) -> str | None:
    spreads = [s for s in selection.selections if isinstance(s, FragmentSpreadNode)]
    if len(spreads) == 1 and len(selection.selections) == 1:
        return spreads[0].name.value
    return None


def _key(node: FieldNode) -> str:
    return node.alias.value if node.alias else node.name.value


def _is_list(type_: object) -> bool:
    while isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    return isinstance(type_, GraphQLList)


def _named(type_: object) -> object:
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        type_ = type_.of_type
    return type_
