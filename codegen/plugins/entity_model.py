"""What the entities template renders: typed fields, nested JSON dicts and keyword inputs.

Built from the schema and an entity's fragment; names of SDK classes come from
`sdk_classes` (found in the SDK's source), never from a hand-kept table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ariadne_codegen.utils import str_to_pascal_case, str_to_snake_case
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
)

from codegen.plugins.relationships import Relationship


def _spread_entity(node: FieldNode, entity_of_fragment: Mapping[str, str]) -> str | None:
    """The entity whose fragment is the only selection of `node`, if any."""
    selection = node.selection_set
    if selection is None or len(selection.selections) != 1:
        return None
    only = selection.selections[0]
    if not isinstance(only, FragmentSpreadNode):
        return None
    return entity_of_fragment.get(only.name.value)


# How nested objects look as plain JSON dicts (as Labelbox's SDK returned them).
JSON_SCALARS = {
    "ID": "str",
    "String": "str",
    "Int": "int",
    "Float": "float",
    "Boolean": "bool",
    "DateTime": "str",
    "Json": "Any",
    "PageSize": "int",
}

SCALARS = {
    "ID": "str",
    "String": "str",
    "Int": "int",
    "Float": "float",
    "Boolean": "bool",
    "DateTime": "datetime",
    "Json": "Any",
    "PageSize": "int",
}


@dataclass
class EntityField:
    name: str
    graphql_name: str
    annotation: str
    decode: str | None = None


@dataclass
class NestedDict:
    """A TypedDict for a nested object selection, keyed by response keys."""

    class_name: str
    keys: list[tuple[str, str]]


@dataclass
class InputKwarg:
    name: str
    graphql_name: str
    annotation: str
    required: bool
    relation_many: bool | None = None


@dataclass
class EntityInput:
    kind: str  # "create" or "update"
    class_name: str
    input_type: str
    kwargs: list[InputKwarg]

    @property
    def fields(self) -> list[InputKwarg]:
        return [k for k in self.kwargs if k.relation_many is None]

    @property
    def relations(self) -> list[InputKwarg]:
        return [k for k in self.kwargs if k.relation_many is not None]


@dataclass
class Entity:
    type_name: str
    fragment: str
    fields: list[EntityField]
    inputs: list[EntityInput] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)

    @property
    def base_name(self) -> str:
        return f"{self.type_name}Base"


@dataclass
class Imports:
    enums: dict[str, str] = field(default_factory=dict)  # class name -> module
    generated_enums: set[str] = field(default_factory=set)
    fragment_types: set[str] = field(default_factory=set)
    input_types: set[str] = field(default_factory=set)
    entities: dict[str, str] = field(default_factory=dict)  # class name -> module
    nested: dict[str, NestedDict] = field(default_factory=dict)


@dataclass
class Names:
    """How SDL names map to SDK classes."""

    entity_class: Callable[[str], str | None]  # type name -> dotted SDK class path
    enum_class: Callable[[str], str | None]  # SDL enum -> dotted SDK enum path


class EntityBuilder:
    """Builds `Entity` descriptions, collecting the imports the module needs."""

    def __init__(self, schema: GraphQLSchema, names: Names, imports: Imports) -> None:
        self.schema = schema
        self.names = names
        self.imports = imports

    # -- fields ----------------------------------------------------------------

    def entity(
        self,
        type_name: str,
        fragment: FragmentDefinitionNode,
        entity_of_fragment: Mapping[str, str] | None = None,
    ) -> Entity:
        """`type_name`'s entity from its fragment. A field selecting only another entity's
        fragment (`dataRow { ...DataRowFields }`) is a cached to-one relationship: calling
        it builds the related object from the data already fetched (`entity_of_fragment`
        maps fragment names to entity types)."""
        schema_type = self.schema.type_map[type_name]
        assert isinstance(schema_type, GraphQLObjectType), type_name
        fragment_name = fragment.name.value
        self.imports.fragment_types.add(fragment_name)
        fields: list[EntityField] = []
        cached: list[Relationship] = []
        for node in fragment.selection_set.selections:
            if not isinstance(node, FieldNode):
                continue
            destination = _spread_entity(node, entity_of_fragment or {})
            if destination is None:
                fields.append(self._entity_field(fragment_name, schema_type, node))
            else:
                cached.append(self._cached(type_name, schema_type, node, destination))
        return Entity(type_name, fragment_name, fields, relationships=cached)

    def _cached(
        self, owner: str, parent: GraphQLObjectType, node: FieldNode, destination: str
    ) -> Relationship:
        key = node.alias.value if node.alias else node.name.value
        field_type = parent.fields[node.name.value].type
        required = isinstance(field_type, GraphQLNonNull)
        while isinstance(field_type, GraphQLNonNull):
            field_type = field_type.of_type
        if isinstance(field_type, GraphQLList):
            raise ValueError(
                f"{owner}.{key}: a fragment selecting a list of entities is not supported "
                "(write a Get<Type><Relationship>PyApi query instead)"
            )
        name = str_to_snake_case(key)
        return Relationship(
            owner=owner,
            name=name,
            destination=destination,
            many=False,
            operation=None,
            path=(name,),
            field=node.name.value,
            variables=(),
            source_id=False,
            cached=True,
            required=required,
        )

    def _entity_field(
        self, fragment_name: str, parent: GraphQLObjectType, node: FieldNode
    ) -> EntityField:
        graphql_name = node.name.value
        response_key = node.alias.value if node.alias else graphql_name
        python_name = str_to_snake_case(response_key)
        nested = f"{fragment_name}{str_to_pascal_case(response_key)}"
        field_type = parent.fields[graphql_name].type
        if node.selection_set is not None:
            return self._nested_field(python_name, graphql_name, field_type, node)
        annotation, decode = self._output_annotation(field_type, nested)
        return EntityField(python_name, graphql_name, annotation, decode)

    def _nested_field(
        self, python_name: str, graphql_name: str, field_type: GraphQLOutputType, node: FieldNode
    ) -> EntityField:
        """A nested object selection: typed as a TypedDict of its JSON (camelCase keys)."""
        wrappers: list[str] = []
        type_: Any = field_type
        while isinstance(type_, GraphQLNonNull | GraphQLList):
            wrappers.append("list" if isinstance(type_, GraphQLList) else "nonnull")
            type_ = type_.of_type
        assert isinstance(type_, GraphQLObjectType), type_
        keys = []
        assert node.selection_set is not None
        for child in node.selection_set.selections:
            assert isinstance(child, FieldNode)
            key = child.alias.value if child.alias else child.name.value
            keys.append((key, self._json_annotation(type_.fields[child.name.value].type)))
        class_name = f"{type_.name}Dict"
        known = self.imports.nested.get(class_name)
        if known is not None and known.keys != keys:
            # The same type selected differently elsewhere: name this selection after its field.
            class_name = f"{type_.name}{str_to_pascal_case(python_name)}Dict"
        self.imports.nested[class_name] = NestedDict(class_name, keys)
        annotation, decode = class_name, "as_json"
        for wrapper in reversed(wrappers):
            if wrapper == "list":
                annotation, decode = f"list[{annotation}]", f"each({decode})"
        if wrappers[:1] != ["nonnull"]:
            annotation = f"Optional[{annotation}]"
        return EntityField(python_name, graphql_name, annotation, decode)

    def _json_annotation(self, type_: Any) -> str:
        if isinstance(type_, GraphQLNonNull):
            return self._required_json(type_.of_type)
        return f"Optional[{self._required_json(type_)}]"

    def _required_json(self, type_: Any) -> str:
        if isinstance(type_, GraphQLList):
            return f"list[{self._json_annotation(type_.of_type)}]"
        if isinstance(type_, GraphQLEnumType):
            return "str"
        assert isinstance(type_, GraphQLScalarType), type_
        return JSON_SCALARS[type_.name]

    def _output_annotation(self, type_: GraphQLOutputType, nested: str) -> tuple[str, str | None]:
        if isinstance(type_, GraphQLNonNull):
            return self._required_output(type_.of_type, nested)
        annotation, decode = self._required_output(type_, nested)
        return f"Optional[{annotation}]", decode

    def _required_output(self, type_: Any, nested: str) -> tuple[str, str | None]:
        if isinstance(type_, GraphQLList):
            item, decode = self._output_annotation(type_.of_type, nested)
            return f"list[{item}]", (f"each({decode})" if decode else None)
        if isinstance(type_, GraphQLObjectType):
            self.imports.fragment_types.add(nested)
            return nested, None
        if isinstance(type_, GraphQLEnumType):
            return self._enum(type_.name), self._enum_decoder(type_.name)
        assert isinstance(type_, GraphQLScalarType), type_
        return SCALARS[type_.name], None

    # -- inputs ----------------------------------------------------------------

    def entity_input(
        self, entity: Entity, kind: str, input_type_name: str, exclude: list[str]
    ) -> EntityInput:
        """Keyword arguments of creating/updating `entity`, from a schema input type."""
        input_type = self.schema.type_map[input_type_name]
        assert isinstance(input_type, GraphQLInputObjectType), input_type_name
        self.imports.input_types.add(input_type_name)
        renames = {f.graphql_name: f.name for f in entity.fields}
        kwargs: list[InputKwarg] = []
        excluded = {"deleted", *exclude}
        for graphql_name, input_field in input_type.fields.items():
            if graphql_name in excluded:
                continue
            python_name = renames.get(graphql_name, str_to_snake_case(graphql_name))
            required = isinstance(input_field.type, GraphQLNonNull)
            relation = self._relation(input_field.type)
            if relation is not None:
                if kind == "create":
                    class_name, many = relation
                    annotation = f"{class_name} | Sequence[{class_name}]" if many else class_name
                    kwargs.append(InputKwarg(python_name, graphql_name, annotation, required, many))
                continue
            annotation = self._input_annotation(input_field.type)
            kwargs.append(InputKwarg(python_name, graphql_name, annotation, required))
        class_name = f"{entity.type_name}{kind.capitalize()}Kwargs"
        return EntityInput(kind, class_name, input_type_name, kwargs)

    def _relation(self, type_: GraphQLInputType) -> tuple[str, bool] | None:
        """(SDK class, to-many) for a `{connect: ...}` relation input, else None."""
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if not isinstance(type_, GraphQLInputObjectType) or "connect" not in type_.fields:
            return None
        connect = type_.fields["connect"].type
        if isinstance(connect, GraphQLNonNull):
            connect = connect.of_type
        many = isinstance(connect, GraphQLList)
        target = connect.of_type if many else connect
        if isinstance(target, GraphQLNonNull):
            target = target.of_type
        type_name = target.name.removesuffix("WhereUniqueInput")
        return self.entity_class(type_name), many

    def entity_class(self, type_name: str) -> str:
        """The SDK class of an entity, imported for type checking."""
        dotted = self.names.entity_class(type_name)
        if dotted is None:
            raise ValueError(
                f"no SDK class subclasses {type_name}Base: write `class {type_name}"
                f"({type_name}Base)` in the SDK, then run `make codegen` again"
            )
        module, class_name = dotted.rsplit(".", 1)
        self.imports.entities[class_name] = module
        return class_name

    def _input_annotation(self, type_: GraphQLInputType) -> str:
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if isinstance(type_, GraphQLList):
            return f"list[{self._input_annotation(type_.of_type)}]"
        if isinstance(type_, GraphQLEnumType):
            return self._enum(type_.name)
        if isinstance(type_, GraphQLInputObjectType):
            self.imports.input_types.add(type_.name)
            return type_.name
        assert isinstance(type_, GraphQLScalarType), type_
        return SCALARS[type_.name]

    # -- names -----------------------------------------------------------------

    def _enum(self, schema_name: str) -> str:
        mapped = self.names.enum_class(schema_name)
        if mapped is None:
            self.imports.generated_enums.add(schema_name)
            return schema_name
        module, class_name = mapped.rsplit(".", 1)
        self.imports.enums[class_name] = module
        return class_name

    def _enum_decoder(self, schema_name: str) -> str | None:
        mapped = self.names.enum_class(schema_name)
        return mapped.rsplit(".", 1)[1] if mapped else None
