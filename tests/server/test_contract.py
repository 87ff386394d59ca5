"""The server covers the SDL contract: every field resolves, every filter and order maps.

Nothing here is a hand-kept table: models declare the GraphQL types they back
(`__graphql_types__`), filters and orders are derived from their columns, and the checks
walk the schema.
"""

from __future__ import annotations

import pytest
from ariadne.resolvers import is_default_resolver
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLObjectType,
    get_named_type,
    get_nullable_type,
    is_list_type,
)

from labelbox_server.db.models import Base
from labelbox_server.domain.filters import model_fields, parse_key
from labelbox_server.domain.pagination import order_clauses
from labelbox_server.graphql.names import python_name
from labelbox_server.graphql.schema import build_schema, schema_path

SCHEMA = build_schema()
#: GraphQL object type → the model whose attributes back its plain fields.
MODELS: dict[str, type[Base]] = {
    type_name: mapper.class_
    for mapper in Base.registry.mappers
    for type_name in mapper.class_.__graphql_types__
}


def object_types() -> list[GraphQLObjectType]:
    return [
        t
        for name, t in SCHEMA.type_map.items()
        if isinstance(t, GraphQLObjectType) and not name.startswith("__")
    ]


def filtered_types() -> list[str]:
    """Every `T` some list field returns with a `where: TWhereInput` argument."""
    found = set()
    for graphql_type in object_types():
        for field in graphql_type.fields.values():
            where = field.args.get("where")
            returned = get_named_type(field.type)
            if (
                where is not None
                and is_list_type(get_nullable_type(field.type))
                and get_named_type(where.type).name == f"{returned.name}WhereInput"
            ):
                found.add(returned.name)
    return sorted(found)


def test_schema_is_the_contract_file() -> None:
    assert schema_path().name == "labelbox.graphql"
    assert schema_path().is_file()


def test_models_declare_the_types_they_back() -> None:
    assert len(MODELS) >= 11
    for mapper in Base.registry.mappers:
        model = mapper.class_
        for type_name in model.__graphql_types__:
            assert isinstance(SCHEMA.type_map.get(type_name), GraphQLObjectType), type_name
        if isinstance(SCHEMA.type_map.get(model.__name__), GraphQLObjectType):
            # A model named like a type backs it, or says it does not (`= ()` on the class).
            assert model.__name__ in model.__graphql_types__ or "__graphql_types__" in vars(
                model
            ), model


@pytest.mark.parametrize("root", ["Query", "Mutation"])
def test_every_root_field_has_a_resolver(root: str) -> None:
    root_type = SCHEMA.type_map[root]
    assert isinstance(root_type, GraphQLObjectType)
    missing = [  # mutation resolvers are wrapped (see `graphql.schema.clearing_loaders`)
        name
        for name, field in root_type.fields.items()
        if is_default_resolver(getattr(field.resolve, "__wrapped__", field.resolve))
    ]
    assert missing == [], f"{root} fields without a resolver: {missing}"


def test_every_model_backed_field_resolves() -> None:
    """A field of a model's type needs a bound resolver unless it reads a model attribute."""
    missing = []
    for type_name, model in MODELS.items():
        graphql_type = SCHEMA.type_map[type_name]
        assert isinstance(graphql_type, GraphQLObjectType)
        for name, field in graphql_type.fields.items():
            if is_default_resolver(field.resolve) and not hasattr(model, python_name(name)):
                missing.append(f"{type_name}.{name}")
    assert missing == [], f"fields without a resolver or model attribute: {missing}"


def test_every_filtered_list_is_of_a_model() -> None:
    types = filtered_types()
    assert len(types) >= 7
    assert [t for t in types if t not in MODELS] == []


@pytest.mark.parametrize("type_name", filtered_types())
def test_every_where_key_maps_to_a_column(type_name: str) -> None:
    where = SCHEMA.type_map[f"{type_name}WhereInput"]
    assert isinstance(where, GraphQLInputObjectType)
    fields = model_fields(MODELS[type_name])
    for key, input_field in where.fields.items():
        python_key = input_field.out_name or key
        if key not in ("AND", "OR", "NOT"):
            parse_key(python_key, fields)
        else:
            assert python_key == key.lower()


@pytest.mark.parametrize("type_name", filtered_types())
def test_every_order_by_value_maps_to_a_column(type_name: str) -> None:
    order = SCHEMA.type_map[f"{type_name}OrderByInput"]
    assert isinstance(order, GraphQLEnumType)
    fields = model_fields(MODELS[type_name])
    for value in order.values.values():
        order_clauses(value.value, fields, default=[], tiebreak=fields["id"].column)


def test_the_server_never_imports_the_sdk() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import labelbox_server.app, labelbox_server.cli, labelbox_server.local\n"
        "import labelbox_server.pytest_plugin, labelbox_server.graphql.schema\n"
        "labelbox_server.graphql.schema.build_schema()\n"
        "assert 'labelbox' not in sys.modules, 'labelbox_server imported labelbox'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_pytest_plugin_imports_cheaply() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import labelbox_server.pytest_plugin\n"
        "heavy = {'sqlalchemy', 'ariadne', 'starlette', 'uvicorn', 'alembic', 'labelbox'}\n"
        "assert not heavy & {m.split('.')[0] for m in sys.modules}, sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_the_sdk_documents_validate() -> None:
    """Every document in `sdk_documents` (the official SDK's, verbatim) fits the schema."""
    from graphql import parse, validate

    from . import sdk_documents

    documents = [
        value
        for name, value in vars(sdk_documents).items()
        if name.isupper()
        and isinstance(value, str)
        and value.lstrip().startswith(("query", "mutation"))
    ]
    # The real API rejects this one as a validation error too (wire spec §6.4 item 22).
    documents.remove(sdk_documents.CONNECT_DATASET_AND_PROJECT)
    documents.append(sdk_documents.delete_data_rows(["ck1", "ck2"]))
    assert len(documents) > 60
    for document in documents:
        assert validate(SCHEMA, parse(document)) == [], document
