"""Generates the typed entity bases (`labelbox/_generated/entities.py`).

Every fragment named `<Type>Fields` on type `<Type>` in `queries/fragments/` is an entity:
it becomes `<Type>Base`, a class with one typed `Field` descriptor per selected field, the
`ToOne` / `ToMany` relationships its operations define (see `relationships`), and
`TypedDict`s for `create_*(**kwargs)` / `update(**kwargs)` from the schema's
`<Type>CreateInput` / `<Type>UpdateInput` when an operation uses them. The SDK class of an
entity is found in the SDK's source (the class subclassing `<Type>Base`). Nothing is listed
per entity in the config: adding a fragment, its operations and its SDK class, then running
`make codegen`, adds a typed entity with no other edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ariadne_codegen.config import get_client_settings
from ariadne_codegen.plugins.base import Plugin
from ariadne_codegen.utils import format_code
from graphql import (
    FragmentDefinitionNode,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    NamedTypeNode,
    OperationDefinitionNode,
    TypeNode,
)
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from codegen.plugins.banner import BANNER
from codegen.plugins.entity_model import Entity, EntityBuilder, Imports, Names
from codegen.plugins.relationships import Relationship, relationships
from codegen.plugins.sdk_classes import scan

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FRAGMENT_SUFFIX = "Fields"


class EntitiesPlugin(Plugin):
    """Renders `templates/entities.py.jinja` after ariadne-codegen wrote its files."""

    def __init__(self, schema: GraphQLSchema, config_dict: dict[str, Any]) -> None:
        super().__init__(schema, config_dict)
        settings = get_client_settings(config_dict)
        self.package_path = Path(settings.target_package_path) / settings.target_package_name
        self.options: dict[str, Any] = config_dict["tool"].get("labelbox-codegen", {})
        self.fragments: dict[str, FragmentDefinitionNode] = {}
        self.operations: list[tuple[str, OperationDefinitionNode]] = []

    def generate_fragments_module(self, module: Any, fragments_definitions: Any = None) -> Any:
        for definition in (fragments_definitions or {}).values():
            self.fragments[definition.name.value] = definition
        return module

    def generate_client_method(self, method_def: Any, operation_definition: Any) -> Any:
        self.operations.append((method_def.name, operation_definition))
        return method_def

    def generate_files(self, generated_files: list[str]) -> list[str]:
        imports = Imports()
        entities = self.entities(imports)
        environment = Environment(
            loader=FileSystemLoader(TEMPLATES),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        environment.globals["relationship_arguments"] = relationship_arguments
        code = environment.get_template("entities.py.jinja").render(
            banner=BANNER, entities=entities, imports=imports
        )
        module_name = self.options.get("entities_module", "entities")
        (self.package_path / f"{module_name}.py").write_text(format_code(code))
        return sorted([*generated_files, f"{module_name}.py"])

    # -- building --------------------------------------------------------------

    def entities(self, imports: Imports) -> list[Entity]:
        """Every entity of the fragments, with its inputs and relationships."""
        root = Path(self.options.get("root", "."))
        sdk = scan(self.options.get("sdk_package", "labelbox"), root, exclude=self.package_path)
        enum_overrides: dict[str, str] = self.options.get("enums", {})
        names = Names(
            entity_class=lambda type_name: sdk.subclass_of(f"{type_name}Base"),
            enum_class=lambda name: enum_overrides.get(name) or sdk.enums.get(name),
        )
        builder = EntityBuilder(self.schema, names, imports)
        by_fragment = self.entity_fragments()
        fragment_entities = {f.name.value: t for t, f in by_fragment.items()}
        entities = {
            type_name: builder.entity(type_name, f, fragment_entities)
            for type_name, f in by_fragment.items()
        }
        for entity in entities.values():
            for cached in entity.relationships:
                cached.destination_class = builder.entity_class(cached.destination)
        used_inputs = self.used_input_types()
        excluded: dict[str, list[str]] = self.options.get("input_exclude", {})
        for type_name, entity in entities.items():
            for kind in ("create", "update"):
                input_name = f"{type_name}{kind.capitalize()}Input"
                if input_name in used_inputs:
                    entity.inputs.append(
                        builder.entity_input(entity, kind, input_name, excluded.get(type_name, []))
                    )
        for relationship in relationships(self.schema, self.operations, fragment_entities):
            relationship.destination_class = builder.entity_class(relationship.destination)
            entities[relationship.owner].relationships.append(relationship)
        return [entities[name] for name in sorted(entities)]

    def entity_fragments(self) -> dict[str, FragmentDefinitionNode]:
        """Entity type → its fragment (`<Type>Fields` on `<Type>`)."""
        found: dict[str, FragmentDefinitionNode] = {}
        for name, fragment in self.fragments.items():
            type_name = fragment.type_condition.name.value
            if name == f"{type_name}{FRAGMENT_SUFFIX}":
                found[type_name] = fragment
        return found

    def used_input_types(self) -> set[str]:
        """Input types reachable from the operations' variables."""
        used: set[str] = set()
        pending = [_named(v.type) for _, op in self.operations for v in op.variable_definitions]
        while pending:
            name = pending.pop()
            type_ = self.schema.type_map.get(name)
            if name in used or not isinstance(type_, GraphQLInputObjectType):
                continue
            used.add(name)
            for input_field in type_.fields.values():
                field_type: Any = input_field.type
                while isinstance(field_type, GraphQLNonNull | GraphQLList):
                    field_type = field_type.of_type
                pending.append(field_type.name)
        return used


def _named(node: TypeNode) -> str:
    while not isinstance(node, NamedTypeNode):
        node = node.type  # type: ignore[attr-defined]
    return node.name.value


def relationship_arguments(relationship: Relationship) -> list[str]:
    """The constructor arguments of a generated descriptor, defaults left out."""
    r = relationship
    args = [repr(r.destination), repr(r.operation), repr(r.path), f"graphql_name={r.field!r}"]
    if r.variables:
        args.append(f"variables={r.variables!r}")
    if not r.source_id:
        args.append("source_id=False")
    if r.filter_deleted:
        args.append("filter_deleted=True")
    if r.cursor_path is not None:
        args.append(f"cursor_path={r.cursor_path!r}")
    if r.page_size is not None:
        args.append(f"page_size={r.page_size}")
    if r.connect:
        args.append(f"connect={r.connect!r}")
    if r.disconnect:
        args.append(f"disconnect={r.disconnect!r}")
    if r.cached:
        args.append("cached=True")
    return args
