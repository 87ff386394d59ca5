"""One way to the API: SDK objects reach the server only through the client's gateway, every
generated operation is used, and every generated relationship resolves."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

import labelbox as lb
from labelbox._generated import entities
from labelbox._generated.client import GraphQLClient
from labelbox.orm.model import Relationship, RequiredToOne, ToMany, ToOne, registered_type

SDK = Path(lb.__file__).resolve().parent
HAND_WRITTEN = sorted(p for p in SDK.rglob("*.py") if "_generated" not in p.parts)
#: Modules that are the client itself (its own private state is theirs to use).
CLIENT_MODULES = {SDK / "client.py"}


def _operations() -> set[str]:
    return {
        name
        for name, member in vars(GraphQLClient).items()
        if inspect.isfunction(member) and not name.startswith("_")
    }


def _relationships() -> list[Relationship[lb.orm.db_object.DbObject]]:
    found: list[Relationship[lb.orm.db_object.DbObject]] = []
    for value in vars(entities).values():
        if isinstance(value, type):
            found.extend(v for v in vars(value).values() if isinstance(v, Relationship))
    return found


def _is_client(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "client") or (
        isinstance(node, ast.Attribute) and node.attr == "client"
    )


def test_only_the_gateway_of_a_client_is_touched_outside_the_client() -> None:
    offences = []
    for path in HAND_WRITTEN:
        if path in CLIENT_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and node.attr != "_gateway"
                and _is_client(node.value)
            ):
                offences.append(f"{path.relative_to(SDK)}:{node.lineno} client.{node.attr}")
    assert offences == []


def test_every_generated_operation_is_used() -> None:
    text = "\n".join(path.read_text() for path in HAND_WRITTEN)
    called = set(re.findall(r"\.(\w+)\(", text))
    for relationship in _relationships():
        called.update(
            name
            for name in (
                relationship.operation,
                relationship.connect_operation,
                relationship.disconnect_operation,
            )
            if name
        )
    assert sorted(_operations() - called) == []


def test_there_are_generated_relationships() -> None:
    kinds = {type(r) for r in _relationships()}
    assert kinds == {ToOne, RequiredToOne, ToMany}
    # Non-null in the schema (`Label.dataRow: DataRow!`) or not (`Label.createdBy: User`).
    assert type(lb.Label.data_row) is RequiredToOne and type(lb.Label.created_by) is ToOne
    assert lb.Project.datasets.operation == "get_project_datasets_py_api"
    assert lb.Project.datasets.path == ("project", "datasets")
    assert lb.Dataset.data_rows.cursor_path == ("dataset_data_rows", "page_info", "end_cursor")
    assert lb.Dataset.data_rows.page_size == 500


@pytest.mark.parametrize("relationship", _relationships(), ids=repr)
def test_every_generated_relationship_resolves(
    relationship: Relationship[lb.orm.db_object.DbObject],
) -> None:
    operations = _operations()
    if relationship.cached:
        # Read from the owner's own fragment: its model has the field.
        assert relationship.operation is None
        owner_type = relationship.owner
        assert owner_type is not None
        assert relationship.path[0] in owner_type._fields_model().model_fields
    else:
        assert relationship.operation in operations
    for link in (relationship.connect_operation, relationship.disconnect_operation):
        assert link is None or link in operations
    assert registered_type(relationship.destination_type_name) is relationship.destination_type
    owner = relationship.owner
    assert owner is not None
    # The relationship is reachable, under its name, on the SDK class of its owner.
    sdk_class = registered_type(owner._type_name)
    assert getattr(sdk_class, relationship.name) is relationship
