"""Catalog slices filtering on data-row metadata (`{type: "metadata", schemaId, operator,
value | values}`), over HTTP: each kind's operators, rows without the field, reserved schemas
by id or name, other conditions alongside, the checks made when a slice is saved, and the
organization's schemas only."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from labelbox_server import LocalServer

from . import model_run_documents as docs
from . import sdk_documents as sdk
from .conftest import Api
from .data_helpers import (
    EMBEDDING_SCHEMA_ID,
    SPLIT_SCHEMA_ID,
    TAG_SCHEMA_ID,
    TEST_OPTION_ID,
    TRAIN_OPTION_ID,
    create_dataset,
    create_row,
)
from .test_catalog_slices import _ids, _slice
from .test_metadata import create_schema, upsert

STRING, NUMBER = "CustomMetadataString", "CustomMetadataNumber"
DATETIME, ENUM = "CustomMetadataDateTime", "CustomMetadataEnum"


def _schemas(api: Api) -> dict[str, Any]:
    """A string, a number, a datetime and an enum (red, green, blue) schema, by kind."""
    prefix = f"slice-{uuid.uuid4().hex[:8]}-"
    made = {kind: create_schema(api, prefix + kind, kind) for kind in (STRING, NUMBER, DATETIME)}
    enum = create_schema(api, prefix + "colour", ENUM, ["red", "green", "blue"])
    return {
        "note": made[STRING]["id"],
        "note_name": made[STRING]["name"],
        "score": made[NUMBER]["id"],
        "seen": made[DATETIME]["id"],
        "colour": enum["id"],
        **{option["name"]: option["id"] for option in enum["options"]},
    }


@pytest.fixture
def catalog(fresh_api: Api) -> dict[str, Any]:
    """Rows a, b, c with metadata, d without any, e (another dataset) with a note."""
    s = _schemas(fresh_api)
    first, second = create_dataset(fresh_api, "first"), create_dataset(fresh_api, "second")
    fields = {
        "a": [
            (s["note"], "Cat on mat"), (s["score"], 3), (s["seen"], "2024-01-01T00:00:00Z"),
            (s["red"], {}), (TAG_SCHEMA_ID, "alpha"), (TRAIN_OPTION_ID, {}),
        ],
        "b": [
            (s["note"], "cat"), (s["score"], 10.5), (s["seen"], "2024-01-01T00:00:00.5Z"),
            (s["green"], {}), (TEST_OPTION_ID, {}),
        ],
        "c": [
            (s["note"], "a Cat"), (s["score"], -1),
            (s["seen"], "2024-01-01T01:59:59.999999+02:00"), (s["blue"], {}),
        ],
        "d": [],
    }  # fmt: skip
    rows = {
        name: create_row(
            fresh_api,
            first,
            f"https://x.example/{name}.jpg",
            metadata_fields=[{"schemaId": k, "value": v} for k, v in entries],
        )["id"]
        for name, entries in fields.items()
    }
    rows["e"] = create_row(
        fresh_api,
        second,
        "https://x.example/e.jpg",
        metadata_fields=[{"schemaId": s["note"], "value": "Cat"}],
    )["id"]
    return {**s, "rows": rows, "first": first}


def _matching(api: Api, catalog: dict[str, Any], *conditions: dict[str, Any]) -> str:
    """The names of the rows a new slice with these conditions matches (e.g. "abd")."""
    by_id = {row_id: name for name, row_id in catalog["rows"].items()}
    return "".join(sorted(by_id[row_id] for row_id in _ids(api, _slice(api, list(conditions)))))


def _on(schema_id: str, operator: str, value: Any) -> dict[str, Any]:
    key = "values" if isinstance(value, list) else "value"
    return {"type": "metadata", "schemaId": schema_id, "operator": operator, key: value}


def test_string_operators(fresh_api: Api, catalog: dict[str, Any]) -> None:
    note = catalog["note"]
    assert _matching(fresh_api, catalog, _on(note, "is", "cat")) == "b"
    assert _matching(fresh_api, catalog, _on(note, "is_not", "cat")) == "acde"
    assert _matching(fresh_api, catalog, _on(note, "contains", "Cat")) == "ace"
    assert _matching(fresh_api, catalog, _on(note, "contains", "")) == "abce"
    assert _matching(fresh_api, catalog, _on(note, "starts_with", "Cat")) == "ae"
    assert _matching(fresh_api, catalog, _on(note, "starts_with", "at")) == ""


def test_number_operators(fresh_api: Api, catalog: dict[str, Any]) -> None:
    score = catalog["score"]
    assert _matching(fresh_api, catalog, _on(score, "equals", 3)) == "a"
    assert _matching(fresh_api, catalog, _on(score, "equals", 10.5)) == "b"
    assert _matching(fresh_api, catalog, _on(score, "not_equals", 3.0)) == "bcde"
    assert _matching(fresh_api, catalog, _on(score, "greater_than", 3)) == "b"
    assert _matching(fresh_api, catalog, _on(score, "greater_than", -1.5)) == "abc"
    assert _matching(fresh_api, catalog, _on(score, "less_than", 3)) == "c"
    assert _matching(fresh_api, catalog, _on(score, "less_than", 1e300)) == "abc"


def test_datetime_operators(fresh_api: Api, catalog: dict[str, Any]) -> None:
    """a is at midnight UTC, b half a second later, c a microsecond before (at +02:00)."""
    seen = catalog["seen"]
    assert _matching(fresh_api, catalog, _on(seen, "after", "2024-01-01T00:00:00.25Z")) == "b"
    assert _matching(fresh_api, catalog, _on(seen, "before", "2024-01-01T00:00:00.25Z")) == "ac"
    assert _matching(fresh_api, catalog, _on(seen, "after", "2024-01-01T01:00:00+01:00")) == "b"
    assert _matching(fresh_api, catalog, _on(seen, "before", "2024-01-01")) == "c"
    assert _matching(fresh_api, catalog, _on(seen, "after", "2023-12-31T23:59:59.999999")) == "ab"
    assert _matching(fresh_api, catalog, _on(seen, "after", "2023-12-31T23:59:59Z")) == "abc"


def test_enum_operators(fresh_api: Api, catalog: dict[str, Any]) -> None:
    colour, red, blue = catalog["colour"], catalog["red"], catalog["blue"]
    assert _matching(fresh_api, catalog, _on(colour, "is", [red])) == "a"
    assert _matching(fresh_api, catalog, _on(colour, "is", [red, blue])) == "ac"
    assert _matching(fresh_api, catalog, _on(colour, "is_not", [red])) == "bcde"
    assert _matching(fresh_api, catalog, _on(colour, "is_not", [red, blue])) == "bde"


def test_reserved_schemas_by_id_or_name(fresh_api: Api, catalog: dict[str, Any]) -> None:
    assert _matching(fresh_api, catalog, _on(SPLIT_SCHEMA_ID, "is", [TEST_OPTION_ID])) == "b"
    assert _matching(fresh_api, catalog, _on("split", "is", ["train"])) == "a"
    assert _matching(fresh_api, catalog, _on("split", "is_not", ["train", TEST_OPTION_ID])) == (
        "cde"
    )
    assert _matching(fresh_api, catalog, _on(TAG_SCHEMA_ID, "contains", "lph")) == "a"
    assert _matching(fresh_api, catalog, _on("tag", "is_not", "alpha")) == "bcde"


def test_metadata_conditions_combine_with_the_others(
    fresh_api: Api, catalog: dict[str, Any]
) -> None:
    in_first = {"type": "dataset", "operator": "is", "ids": [catalog["first"]]}
    cats = _on(catalog["note"], "contains", "Cat")
    assert _matching(fresh_api, catalog, in_first, cats) == "ac"
    positive = _on(catalog["score"], "greater_than", 0)
    not_green = _on(catalog["colour"], "is_not", [catalog["green"]])
    assert _matching(fresh_api, catalog, positive, not_green) == "a"
    by_row_data = {"type": "row_data", "operator": "contains", "value": "/c."}
    assert _matching(fresh_api, catalog, by_row_data, _on("tag", "is_not", "x")) == "c"


def test_a_slice_follows_metadata_changes_and_deleted_schemas(
    fresh_api: Api, catalog: dict[str, Any]
) -> None:
    positive = _slice(fresh_api, [_on(catalog["note"], "contains", "Cat")])
    negative = _slice(fresh_api, [_on(catalog["note"], "is_not", "cat")])
    upsert(fresh_api, catalog["rows"]["d"], [{"schemaId": catalog["note"], "value": "Catalog"}])
    rows = catalog["rows"]
    assert _ids(fresh_api, positive) == sorted(rows[n] for n in "acde")
    fresh_api.data(sdk.DELETE_METADATA_SCHEMA, {"where": {"id": catalog["note"]}})
    assert _ids(fresh_api, positive) == []
    assert _ids(fresh_api, negative) == sorted(rows.values())
    deleted = [_on(catalog["note"], "is", "a")]
    errors = fresh_api.errors(docs.CREATE_SLICE, {"name": "deleted", "filter": deleted})
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    assert "filter[0].schemaId" in errors[0]["message"]


@pytest.fixture(scope="module")
def schemas(server: LocalServer, http: httpx.Client) -> dict[str, Any]:
    """Schemas of a new organization, for the checks (which save no slice)."""
    api = Api(server.endpoint, server.new_organization(), http)
    return {"api": api, **_schemas(api)}


#: (the condition, made from `schemas`; the key its error names)
BAD_CONDITIONS: list[tuple[Callable[[dict[str, Any]], dict[str, Any]], str]] = [
    (lambda s: _on("nope", "is", "x"), "schemaId"),
    (lambda s: {"type": "metadata", "operator": "is", "value": "x"}, "schemaId"),
    (lambda s: _on(EMBEDDING_SCHEMA_ID, "is", "x"), "schemaId"),
    (lambda s: _on("embedding", "is", "x"), "schemaId"),
    (lambda s: _on(TRAIN_OPTION_ID, "is", [TRAIN_OPTION_ID]), "schemaId"),
    (lambda s: _on(s["red"], "is", [s["red"]]), "schemaId"),
    (lambda s: _on(s["note_name"], "is", "x"), "schemaId"),
    (lambda s: _on(s["note"], "equals", "x"), "operator"),
    (lambda s: {**_on(s["note"], "is", "x"), "operator": None}, "operator"),
    (lambda s: _on(s["score"], "contains", 1), "operator"),
    (lambda s: _on(s["seen"], "is", "2024-01-01"), "operator"),
    (lambda s: _on(s["colour"], "contains", [s["red"]]), "operator"),
    (lambda s: _on("split", "equals", ["train"]), "operator"),
    (lambda s: _on(s["note"], "is", 3), "value"),
    (lambda s: {"type": "metadata", "schemaId": s["note"], "operator": "is", "values": ["x"]}, "value"),
    (lambda s: _on(s["score"], "equals", "3"), "value"),
    (lambda s: _on(s["score"], "equals", True), "value"),
    (lambda s: {"type": "metadata", "schemaId": s["score"], "operator": "equals"}, "value"),
    (lambda s: _on(s["seen"], "after", "yesterday"), "value"),
    (lambda s: _on(s["seen"], "after", 1704067200), "value"),
    (lambda s: _on(s["colour"], "is", []), "values"),
    (lambda s: {"type": "metadata", "schemaId": s["colour"], "operator": "is", "values": s["red"]}, "values"),
    (lambda s: {"type": "metadata", "schemaId": s["colour"], "operator": "is", "value": s["red"]}, "values"),
    (lambda s: _on(s["colour"], "is", ["red"]), "values"),
    (lambda s: _on(s["colour"], "is", [s["red"], TRAIN_OPTION_ID]), "values"),
    (lambda s: _on("split", "is", ["training"]), "values"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "key"), BAD_CONDITIONS)
def test_bad_metadata_conditions_are_refused_naming_the_condition_and_key(
    schemas: dict[str, Any], make: Callable[[dict[str, Any]], dict[str, Any]], key: str
) -> None:
    api: Api = schemas["api"]
    condition = make(schemas)
    for index, filter_ in enumerate(([condition], [_on("tag", "is", "x"), condition])):
        errors = api.errors(docs.CREATE_SLICE, {"name": "bad", "filter": filter_})
        assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
        assert errors[0]["message"].startswith(f"filter[{index}].{key}: "), errors[0]["message"]


def test_only_the_organizations_schemas_are_accepted(api: Api, other_api: Api) -> None:
    theirs = create_schema(other_api, f"slice-{uuid.uuid4().hex[:8]}", STRING)["id"]
    condition = [_on(theirs, "is", "x")]
    errors = api.errors(docs.CREATE_SLICE, {"name": "foreign", "filter": condition})
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    assert errors[0]["message"].startswith("filter[0].schemaId: ")
    assert _ids(other_api, _slice(other_api, condition)) == []  # theirs, in their organization
