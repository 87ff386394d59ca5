"""Data-row metadata schemas with our SDK against a real local server: reserved and custom
schemas, their lifecycle, what creating and deleting one sends, the ontology's loading and
refreshing, names in any case and spacing."""

from __future__ import annotations

import json
import re
import uuid

import httpx
import pytest

import labelbox as lb
from labelbox.exceptions import InvalidMetadataError, MalformedQueryException
from labelbox.schema.data_row_metadata import (
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DataRowMetadataSchema,
)

from .metadata_helpers import (
    CAPTURE,
    EMBEDDING,
    PRECOMPUTED,
    SPLIT,
    TAG,
    TEST,
    TRAIN,
    VALID,
    sent_operations,
    sent_variables,
    unique,
)


def test_reserved_schemas(mdo: DataRowMetadataOntology) -> None:
    def reserved(uid: str, name: str, kind: DataRowMetadataKind) -> None:
        schema = mdo.reserved_by_id[uid]
        assert (schema.name, schema.kind, schema.reserved) == (name, kind, True)

    reserved(TAG, "tag", DataRowMetadataKind.string)
    reserved(SPLIT, "split", DataRowMetadataKind.enum)
    reserved(CAPTURE, "captureDateTime", DataRowMetadataKind.datetime)
    reserved(EMBEDDING, "embedding", DataRowMetadataKind.embedding)
    assert mdo.fields_by_id[PRECOMPUTED].kind is DataRowMetadataKind.embedding

    split = mdo.reserved_by_name["split"]
    assert isinstance(split, dict)
    assert {name: option.uid for name, option in split.items()} == {
        "train": TRAIN,
        "test": TEST,
        "valid": VALID,
    }
    assert all(option.parent == SPLIT for option in split.values())
    tag = mdo.reserved_by_name["tag"]
    assert isinstance(tag, DataRowMetadataSchema) and tag.uid == TAG
    assert mdo.reserved_by_name_normalized["capturedatetime"].uid == CAPTURE
    assert not set(mdo.reserved_by_id) & set(mdo.custom_by_id)


def test_custom_schema_lifecycle(client: lb.Client, mdo: DataRowMetadataOntology) -> None:
    name = unique("weather")
    created = mdo.create_schema(name, DataRowMetadataKind.enum, ["sunny", "rainy"])
    assert (created.name, created.kind, created.reserved) == (name, DataRowMetadataKind.enum, False)
    assert created.options is not None
    options = {option.name: option.uid for option in created.options}
    assert set(options) == {"sunny", "rainy"}
    assert mdo.custom_by_id[created.uid].name == name
    by_name = mdo.custom_by_name[name]
    assert isinstance(by_name, dict) and {o: s.uid for o, s in by_name.items()} == options

    with pytest.raises(
        MalformedQueryException, match=re.escape(f'A metadata schema named "{name}" already exists')
    ):
        mdo.create_schema(name, DataRowMetadataKind.string)

    new_name = unique("climate")
    renamed = mdo.update_schema(name, new_name)
    assert (renamed.uid, renamed.name) == (created.uid, new_name)
    assert renamed.options is not None
    assert {option.name: option.uid for option in renamed.options} == options
    assert new_name in mdo.custom_by_name and name not in mdo.custom_by_name

    updated = mdo.update_enum_option(new_name, "rainy", "stormy")
    assert updated.uid == created.uid
    assert updated.options is not None
    assert {option.name: option.uid for option in updated.options} == {
        "sunny": options["sunny"],
        "stormy": options["rainy"],
    }

    # another ontology object sees the same state
    fresh = client.get_data_row_metadata_ontology()
    assert fresh.fields_by_id[options["rainy"]].name == "stormy"
    assert fresh.fields_by_id[options["rainy"]].parent == created.uid

    text = mdo.create_schema(unique("note"), DataRowMetadataKind.string)
    assert text.options is None and text.kind is DataRowMetadataKind.string

    assert mdo.delete_schema(new_name) is True
    assert created.uid not in mdo.fields_by_id
    assert options["sunny"] not in mdo.fields_by_id
    with pytest.raises(KeyError):
        mdo.delete_schema(new_name)
    with pytest.raises(KeyError):
        mdo.update_schema("tag", "mine")


def test_custom_schemas_belong_to_one_organization(
    other_client: lb.Client, mdo: DataRowMetadataOntology
) -> None:
    created = mdo.create_schema(unique("private"), DataRowMetadataKind.string)
    theirs = other_client.get_data_row_metadata_ontology()
    assert created.uid not in theirs.fields_by_id
    assert TAG in theirs.reserved_by_id


def test_constructor_loads_the_ontology(
    client: lb.Client, mdo: DataRowMetadataOntology, wire: list[httpx.Request]
) -> None:
    mdo.create_schema(unique("first"), DataRowMetadataKind.string)
    mdo.create_schema(unique("second"), DataRowMetadataKind.enum, ["a", "b"])
    wire.clear()
    loaded = DataRowMetadataOntology(client)
    assert sent_operations(wire) == ["GetMetadataOntologyBetaPyApi"]
    assert loaded.fields_by_id[TRAIN].parent == SPLIT
    served = client.execute("query { customMetadataOntology { id } }")
    assert served is not None
    assert [s.uid for s in loaded.fields] == [s["id"] for s in served["customMetadataOntology"]]


def test_create_schema_sends_the_schema_and_refreshes_the_ontology(
    mdo: DataRowMetadataOntology, wire: list[httpx.Request]
) -> None:
    name = unique("Sky")
    wire.clear()
    created = mdo.create_schema(f" {name} ", DataRowMetadataKind.enum, ["clear", "cloudy"])
    assert sent_operations(wire) == [
        "UpsertCustomMetadataSchemaPyApi",
        "GetMetadataOntologyBetaPyApi",
    ]
    assert sent_variables(wire, "UpsertCustomMetadataSchemaPyApi") == [
        {
            "data": {
                "name": name,
                "kind": "CustomMetadataEnum",
                "options": [
                    {"name": "clear", "kind": "CustomMetadataEnumOption"},
                    {"name": "cloudy", "kind": "CustomMetadataEnumOption"},
                ],
            }
        }
    ]
    assert (created.name, created.kind, created.reserved) == (
        name,
        DataRowMetadataKind.enum,
        False,
    )
    assert created.options is not None
    assert [(o.name, o.parent, o.kind) for o in created.options] == [
        ("clear", created.uid, DataRowMetadataKind.option),
        ("cloudy", created.uid, DataRowMetadataKind.option),
    ]
    sky = mdo.custom_by_name[name]
    assert isinstance(sky, dict) and set(sky) == {"clear", "cloudy"}

    plain_name = unique("plain")
    wire.clear()
    plain = mdo.create_schema(plain_name, DataRowMetadataKind.string)
    assert sent_operations(wire) == [
        "UpsertCustomMetadataSchemaPyApi",
        "GetMetadataOntologyBetaPyApi",
    ]
    assert sent_variables(wire, "UpsertCustomMetadataSchemaPyApi") == [
        {"data": {"name": plain_name, "kind": "CustomMetadataString"}}
    ]
    assert plain.options is None
    assert mdo.custom_by_id[plain.uid].name == plain_name


def test_delete_schema_sends_its_id_and_refreshes_the_ontology(
    mdo: DataRowMetadataOntology, wire: list[httpx.Request]
) -> None:
    score = mdo.create_schema(unique("score"), DataRowMetadataKind.number)
    wire.clear()
    assert mdo.delete_schema(score.name) is True
    assert sent_operations(wire) == [
        "DeleteCustomMetadataSchemaPyApi",
        "GetMetadataOntologyBetaPyApi",
    ]
    assert sent_variables(wire, "DeleteCustomMetadataSchemaPyApi") == [{"id": score.uid}]
    assert score.uid not in mdo.fields_by_id
    with pytest.raises(KeyError):
        mdo.delete_schema(score.name)


def _ontology_fetches(wire: list[httpx.Request]) -> int:
    return sum(b"GetMetadataOntologyBetaPyApi" in r.content for r in wire)


def test_unknown_ids_refresh_the_ontology_once(
    client: lb.Client, mdo: DataRowMetadataOntology, wire: list[httpx.Request]
) -> None:
    # A schema created through another ontology object: this one does not know it yet.
    other = DataRowMetadataOntology(client)
    fresh = other.create_schema(unique("fresh"), DataRowMetadataKind.string)
    assert fresh.uid not in mdo.fields_by_id
    wire.clear()
    assert mdo.parse_upsert_metadata([{"schema_id": fresh.uid, "value": "x"}]) == [
        {"schemaId": fresh.uid, "value": "x"}
    ]
    assert _ontology_fetches(wire) == 1 and len(wire) == 1
    assert mdo.fields_by_id[fresh.uid].name == fresh.name

    # Unknown ids: one refresh per call, however many there are, then the error.
    wire.clear()
    with pytest.raises(InvalidMetadataError) as raised:
        mdo.parse_upsert_metadata(
            [
                {"schema_id": "cknope1000000000000000000", "value": "x"},
                {"schema_id": "cknope2000000000000000000", "value": "x"},
            ]
        )
    assert raised.value.field == "metadata_fields[0].schema_id"
    assert "unknown metadata schema id" in raised.value.reason
    assert _ontology_fetches(wire) == 1 and len(wire) == 1
    wire.clear()
    fields = mdo.parse_metadata_fields(
        [
            {"schemaId": "cknope1000000000000000000", "value": 1},
            {"schemaId": "cknope2000000000000000000", "value": 2},
        ]
    )
    assert [(f.schema_id, f.value) for f in fields] == [
        ("cknope1000000000000000000", 1),
        ("cknope2000000000000000000", 2),
    ]
    assert _ontology_fetches(wire) == 1 and len(wire) == 1

    # Names never refresh: a typo costs no request.
    wire.clear()
    with pytest.raises(InvalidMetadataError, match="unknown metadata schema name"):
        mdo.parse_upsert_metadata([{"name": fresh.name + "x", "value": "x"}])
    assert wire == []


def test_schemas_are_found_by_any_case_and_spacing_of_their_name(
    client: lb.Client, mdo: DataRowMetadataOntology, wire: list[httpx.Request]
) -> None:
    suffix = uuid.uuid4().hex[:8]
    created = mdo.create_schema(
        f"  Sky Cover {suffix} ", DataRowMetadataKind.enum, ["Clear Sky", "rainy"]
    )
    assert created.name == f"Sky Cover {suffix}"  # surrounding spaces removed
    assert created.options is not None
    clear, rainy = (option.uid for option in created.options)

    wire.clear()
    renamed = mdo.update_schema(f"skycover{suffix.upper()}", f"Cloud Cover {suffix}")
    (sent,) = [
        json.loads(r.content) for r in wire if b"UpsertCustomMetadataSchemaPyApi" in r.content
    ]
    assert sent["variables"] == {
        "data": {
            "id": created.uid,
            "name": f"Cloud Cover {suffix}",
            "kind": "CustomMetadataEnum",
            "options": [
                {"id": clear, "name": "Clear Sky", "kind": "CustomMetadataEnumOption"},
                {"id": rainy, "name": "rainy", "kind": "CustomMetadataEnumOption"},
            ],
        }
    }
    assert renamed.uid == created.uid

    # An option by any case and spacing of its name, too; ids are kept.
    updated = mdo.update_enum_option(f"cloud cover {suffix}", "CLEARSKY", "Blue Sky")
    assert updated.options is not None
    assert [(o.uid, o.name) for o in updated.options] == [(clear, "Blue Sky"), (rainy, "rainy")]
    server = client.get_data_row_metadata_ontology()
    assert server.fields_by_id[created.uid].name == f"Cloud Cover {suffix}"
    assert server.fields_by_id[clear].name == "Blue Sky"
    assert server.fields_by_id[clear].parent == created.uid
