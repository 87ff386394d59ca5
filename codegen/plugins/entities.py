"""Generates the typed entity bases (`labelbox/_generated/entities.py`).

For every entity listed under `[tool.labelbox-codegen]` in the codegen config,
the entity's fragment in `queries/fragments/` becomes a base class with one
typed `Field` descriptor per selected field, and the schema's create/update
input types become `TypedDict`s for `create_*(**kwargs)` / `update(**kwargs)`.
Adding a field to the SDL and the fragment, then running `make codegen`, makes
a typed attribute appear with no hand edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ariadne_codegen.config import get_client_settings
from ariadne_codegen.plugins.base import Plugin
from ariadne_codegen.utils import format_code, str_to_pascal_case, str_to_snake_case
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
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
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from codegen.plugins.banner import BANNER

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

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
    class_path: str
    fields: list[EntityField]
    create: EntityInput | None = None
    update: EntityInput | None = None

    @property
    def base_name(self) -> str:
        return f"{self.type_name}Base"

    @property
    def class_module(self) -> str:
        return self.class_path.rsplit(".", 1)[0]

    @property
    def class_name(self) -> str:
        return self.class_path.rsplit(".", 1)[1]


@dataclass
class Imports:
    enums: dict[str, str] = field(default_factory=dict)  # class name -> module
    generated_enums: set[str] = field(default_factory=set)
    fragment_types: set[str] = field(default_factory=set)
    input_types: set[str] = field(default_factory=set)
    entities: dict[str, str] = field(default_factory=dict)  # class name -> module
    nested: dict[str, NestedDict] = field(default_factory=dict)


class EntitiesPlugin(Plugin):
    """Renders `templates/entities.py.jinja` after ariadne-codegen wrote its files."""

    def __init__(self, schema: GraphQLSchema, config_dict: dict[str, Any]) -> None:
        super().__init__(schema, config_dict)
        settings = get_client_settings(config_dict)
        self.package_path = Path(settings.target_package_path) / settings.target_package_name
        self.options = config_dict["tool"]["labelbox-codegen"]
        self.fragments: dict[str, FragmentDefinitionNode] = {}

    def generate_fragments_module(self, module: Any, fragments_definitions: Any = None) -> Any:
        for definition in (fragments_definitions or {}).values():
            self.fragments[definition.name.value] = definition
        return module

    def generate_files(self, generated_files: list[str]) -> list[str]:
        imports = Imports()
        entities = [self._entity(spec, imports) for spec in self.options["entity"]]
        environment = Environment(
            loader=FileSystemLoader(TEMPLATES),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        code = environment.get_template("entities.py.jinja").render(
            banner=BANNER, entities=entities, imports=imports
        )
        module_name = self.options.get("entities_module", "entities")
        (self.package_path / f"{module_name}.py").write_text(format_code(code))
        return sorted([*generated_files, f"{module_name}.py"])

    # -- fields ----------------------------------------------------------------

    def _entity(self, spec: dict[str, Any], imports: Imports) -> Entity:
        type_name = spec["type"]
        schema_type = self.schema.type_map[type_name]
        assert isinstance(schema_type, GraphQLObjectType), type_name
        fragment = self.fragments[spec["fragment"]]
        imports.fragment_types.add(spec["fragment"])
        fields = [
            self._entity_field(spec["fragment"], schema_type, node, imports)
            for node in fragment.selection_set.selections
            if isinstance(node, FieldNode)
        ]
        entity = Entity(type_name, spec["fragment"], spec["class"], fields)
        renames = {f.graphql_name: f.name for f in fields}
        if "create_input" in spec:
            entity.create = self._input(
                f"{type_name}CreateKwargs",
                spec["create_input"],
                renames,
                imports,
                True,
                spec.get("input_exclude", []),
            )
        if "update_input" in spec:
            entity.update = self._input(
                f"{type_name}UpdateKwargs",
                spec["update_input"],
                renames,
                imports,
                False,
                spec.get("input_exclude", []),
            )
        return entity

    def _entity_field(
        self,
        fragment_name: str,
        parent: GraphQLObjectType,
        node: FieldNode,
        imports: Imports,
    ) -> EntityField:
        graphql_name = node.name.value
        response_key = node.alias.value if node.alias else graphql_name
        python_name = str_to_snake_case(response_key)
        nested = f"{fragment_name}{str_to_pascal_case(response_key)}"
        field_type = parent.fields[graphql_name].type
        if node.selection_set is not None:
            return self._nested_field(python_name, graphql_name, field_type, node, imports)
        annotation, decode = self._output_annotation(field_type, nested, imports)
        return EntityField(python_name, graphql_name, annotation, decode)

    def _nested_field(
        self,
        python_name: str,
        graphql_name: str,
        field_type: GraphQLOutputType,
        node: FieldNode,
        imports: Imports,
    ) -> EntityField:
        """A nested object selection: typed as a TypedDict of its JSON (camelCase keys)."""
        wrappers: list[str] = []
        type_: Any = field_type
        while isinstance(type_, (GraphQLNonNull, GraphQLList)):
            wrappers.append("list" if isinstance(type_, GraphQLList) else "nonnull")
            type_ = type_.of_type
        assert isinstance(type_, GraphQLObjectType), type_
        class_name = f"{type_.name}Dict"
        keys = []
        assert node.selection_set is not None
        for child in node.selection_set.selections:
            assert isinstance(child, FieldNode)
            key = child.alias.value if child.alias else child.name.value
            keys.append((key, self._json_annotation(type_.fields[child.name.value].type)))
        imports.nested[class_name] = NestedDict(class_name, keys)
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

    def _output_annotation(
        self, type_: GraphQLOutputType, nested: str, imports: Imports
    ) -> tuple[str, str | None]:
        if isinstance(type_, GraphQLNonNull):
            return self._required_output(type_.of_type, nested, imports)
        annotation, decode = self._required_output(type_, nested, imports)
        return f"Optional[{annotation}]", decode

    def _required_output(self, type_: Any, nested: str, imports: Imports) -> tuple[str, str | None]:
        if isinstance(type_, GraphQLList):
            item, decode = self._output_annotation(type_.of_type, nested, imports)
            return f"list[{item}]", (f"each({decode})" if decode else None)
        if isinstance(type_, GraphQLObjectType):
            imports.fragment_types.add(nested)
            return nested, None
        if isinstance(type_, GraphQLEnumType):
            return self._enum(type_.name, imports), self._enum_decoder(type_.name)
        assert isinstance(type_, GraphQLScalarType), type_
        return SCALARS[type_.name], None

    # -- inputs ----------------------------------------------------------------

    def _input(
        self,
        class_name: str,
        input_type_name: str,
        renames: dict[str, str],
        imports: Imports,
        with_relations: bool,
        spec_exclude: list[str],
    ) -> EntityInput:
        input_type = self.schema.type_map[input_type_name]
        assert isinstance(input_type, GraphQLInputObjectType), input_type_name
        imports.input_types.add(input_type_name)
        kwargs: list[InputKwarg] = []
        excluded = {"deleted", *spec_exclude}
        for graphql_name, input_field in input_type.fields.items():
            if graphql_name in excluded:
                continue
            python_name = renames.get(graphql_name, str_to_snake_case(graphql_name))
            required = isinstance(input_field.type, GraphQLNonNull)
            relation = self._relation(input_field.type)
            if relation is not None:
                if with_relations:
                    class_path, many = relation
                    entity_class = self._import_entity(class_path, imports)
                    kwargs.append(
                        InputKwarg(python_name, graphql_name, entity_class, required, many)
                    )
                continue
            annotation = self._input_annotation(input_field.type, imports)
            kwargs.append(InputKwarg(python_name, graphql_name, annotation, required))
        return EntityInput(class_name, input_type_name, kwargs)

    def _relation(self, type_: GraphQLInputType) -> tuple[str, bool] | None:
        """(entity class, to-many) for a `{connect: ...}` relation input, else None."""
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
        for spec in self.options["entity"]:
            if spec["type"] == type_name:
                return spec["class"], many
        raise ValueError(f"no entity configured for relation target {target.name}")

    def _input_annotation(self, type_: GraphQLInputType, imports: Imports) -> str:
        if isinstance(type_, GraphQLNonNull):
            type_ = type_.of_type
        if isinstance(type_, GraphQLList):
            return f"list[{self._input_annotation(type_.of_type, imports)}]"
        if isinstance(type_, GraphQLEnumType):
            return self._enum(type_.name, imports)
        if isinstance(type_, GraphQLInputObjectType):
            imports.input_types.add(type_.name)
            return type_.name
        assert isinstance(type_, GraphQLScalarType), type_
        return SCALARS[type_.name]

    # -- names -----------------------------------------------------------------

    def _enum(self, schema_name: str, imports: Imports) -> str:
        mapped = self.options.get("enums", {}).get(schema_name)
        if mapped is None:
            imports.generated_enums.add(schema_name)
            return schema_name
        module, class_name = mapped.rsplit(".", 1)
        imports.enums[class_name] = module
        return class_name

    def _enum_decoder(self, schema_name: str) -> str | None:
        mapped = self.options.get("enums", {}).get(schema_name)
        return mapped.rsplit(".", 1)[1] if mapped else None

    @staticmethod
    def _import_entity(class_path: str, imports: Imports) -> str:
        module, class_name = class_path.rsplit(".", 1)
        imports.entities[class_name] = module
        return class_name
