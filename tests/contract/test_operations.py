"""Every hand-written operation is valid against the SDL, and is named as Labelbox names them."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    OperationDefinitionNode,
    build_schema,
    parse,
    validate,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = build_schema((ROOT / "schema" / "labelbox.graphql").read_text())
QUERY_FILES = sorted((ROOT / "queries").rglob("*.graphql"))


def _document() -> DocumentNode:
    return parse("\n".join(path.read_text() for path in QUERY_FILES))


def _operations() -> list[OperationDefinitionNode]:
    return [d for d in _document().definitions if isinstance(d, OperationDefinitionNode)]


def test_there_are_operations() -> None:
    assert len(_operations()) > 10


def test_all_operations_validate_against_the_schema() -> None:
    errors = validate(SCHEMA, _document())
    assert not errors, "\n".join(str(e) for e in errors)


@pytest.mark.parametrize(
    "operation", _operations(), ids=lambda op: op.name.value if op.name else "?"
)
def test_operation_names_follow_the_pyapi_convention(operation: OperationDefinitionNode) -> None:
    assert operation.name is not None
    name = operation.name.value
    assert name.endswith("PyApi") or name == "UploadFile", name


def test_operation_names_are_unique() -> None:
    names = [op.name.value for op in _operations() if op.name]
    assert len(names) == len(set(names))


def test_every_fragment_selects_the_id_as_uid() -> None:
    fragments = [d for d in _document().definitions if isinstance(d, FragmentDefinitionNode)]
    assert fragments
    for fragment in fragments:
        keys = {
            (s.alias.value if s.alias else s.name.value): s.name.value  # type: ignore[attr-defined]
            for s in fragment.selection_set.selections
        }
        assert keys.get("uid") == "id", fragment.name.value


def test_generated_operations_match_the_query_files() -> None:
    from labelbox._generated import operations

    generated = {
        name.removesuffix("_GQL"): value
        for name, value in vars(operations).items()
        if name.endswith("_GQL")
    }
    assert len(generated) == len(_operations())
