"""Data-row metadata with our SDK against a real local server."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

import labelbox as lb
from labelbox.exceptions import InvalidMetadataError, MalformedQueryException
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataBatchResponse,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DataRowMetadataSchema,
    DeleteDataRowMetadata,
)

TAG = "cko8s9r5v0001h2dk9elqdidh"
SPLIT = "cko8sbczn0002h2dkdaxb5kal"
TRAIN = "cko8sbscr0003h2dk04w86hof"
TEST = "cko8scbz70005h2dkastwhgqt"
VALID = "cko8sc2yr0004h2dk69aj5x63"
CAPTURE = "cko8sdzv70006h2dk8jg64zvb"
EMBEDDING = "ckpyije740000yxdk81pbgjdc"
PRECOMPUTED = "ckrzang79000008l6hb5s6za1"

IMAGE_URL = "https://example.com/a.jpg"
VECTOR = [i / 4 for i in range(128)]
MOMENT = datetime(2023, 1, 2, 3, 4, 5, 123000, tzinfo=timezone.utc)


def create_rows(dataset: lb.Dataset, count: int) -> list[str]:
    """`count` new data rows in `dataset`."""
    return [dataset.create_data_row(row_data=IMAGE_URL).uid for _ in range(count)]


def graphql_sent(wire: list[httpx.Request]) -> list[tuple[str, dict[str, Any]]]:
    """The GraphQL operations among `wire`: (operation name, variables), in the order sent."""
    sent = []
    for request in wire:
        if request.url.path.endswith(("/graphql", "/_gql")):
            body = json.loads(request.content)
            match = re.match(r"\s*(?:query|mutation)\s+(\w+)", body["query"])
            assert match is not None
            sent.append((match.group(1), body.get("variables") or {}))
    return sent


def sent_operations(wire: list[httpx.Request]) -> list[str]:
    return [name for name, _ in graphql_sent(wire)]


def sent_variables(wire: list[httpx.Request], operation: str) -> list[dict[str, Any]]:
    return [variables for name, variables in graphql_sent(wire) if name == operation]


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:8]}"


def values(row: DataRowMetadata) -> dict[str | None, Any]:
    """A row's fields by schema id, without precomputed embeddings the server may add."""
    return {f.schema_id: f.value for f in row.fields if f.schema_id != PRECOMPUTED}


@pytest.fixture
def mdo(client: lb.Client) -> Iterator[DataRowMetadataOntology]:
    """A fresh ontology; custom schemas created during the test are deleted afterwards."""
    ontology = client.get_data_row_metadata_ontology()
    before = set(ontology.custom_by_id)
    yield ontology
    ontology.refresh_ontology()
    for schema in list(ontology.custom_fields):
        if schema.uid not in before:
            ontology.delete_schema(schema.name)


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


def test_bulk_upsert_export_and_delete(
    client: lb.Client, dataset: lb.Dataset, mdo: DataRowMetadataOntology
) -> None:
    by_id, by_name = create_rows(dataset, 2)
    score = mdo.create_schema(unique("score"), DataRowMetadataKind.number)
    vector = mdo.create_schema(unique("vector"), DataRowMetadataKind.embedding)

    failures = mdo.bulk_upsert(
        [
            DataRowMetadata(
                data_row_id=by_id,
                fields=[
                    DataRowMetadataField(schema_id=TAG, value="by id"),
                    DataRowMetadataField(schema_id=CAPTURE, value=MOMENT),
                    DataRowMetadataField(schema_id=EMBEDDING, value=VECTOR),
                    DataRowMetadataField(schema_id=SPLIT, value=TRAIN),
                    DataRowMetadataField(schema_id=score.uid, value=7.25),
                ],
            ),
            DataRowMetadata(
                data_row_id=by_name,
                fields=[
                    DataRowMetadataField(name="tag", value="by name"),
                    DataRowMetadataField(name="captureDateTime", value="2023-01-02T03:04:05.123Z"),
                    DataRowMetadataField(name="split", value="test"),
                    DataRowMetadataField(name=score.name, value=3),
                    DataRowMetadataField(name=vector.name, value=[1.5, -2.0, 3.25]),
                ],
            ),
        ]
    )
    assert failures == []

    first, second = mdo.bulk_export([by_id, by_name])
    assert (first.data_row_id, second.data_row_id) == (by_id, by_name)
    assert values(first) == {
        TAG: "by id",
        CAPTURE: MOMENT,
        EMBEDDING: VECTOR,
        SPLIT: TRAIN,
        score.uid: 7.25,
    }
    assert values(second) == {
        TAG: "by name",
        CAPTURE: MOMENT,
        SPLIT: TEST,
        score.uid: 3.0,
        vector.uid: [1.5, -2.0, 3.25],
    }
    names = {f.schema_id: f.name for f in first.fields}
    assert names[SPLIT] == "train" and names[TAG] == "tag"
    moment = values(first)[CAPTURE]
    assert isinstance(moment, datetime) and moment.tzinfo is not None

    # upserting again replaces the given schemas and keeps the others
    assert (
        mdo.bulk_upsert(
            [
                DataRowMetadata(
                    data_row_id=by_id,
                    fields=[
                        DataRowMetadataField(name="tag", value="changed"),
                        DataRowMetadataField(name="split", value="valid"),
                    ],
                )
            ]
        )
        == []
    )
    assert values(mdo.bulk_export([by_id])[0]) == {
        TAG: "changed",
        CAPTURE: MOMENT,
        EMBEDDING: VECTOR,
        SPLIT: VALID,
        score.uid: 7.25,
    }

    # deleting: an enum's id removes its value; fields without a value are fine
    assert (
        mdo.bulk_delete(
            [
                DeleteDataRowMetadata(data_row_id=by_id, fields=[TAG, SPLIT, score.uid]),
                DeleteDataRowMetadata(data_row_id=by_name, fields=[EMBEDDING, CAPTURE]),
            ]
        )
        == []
    )
    first, second = mdo.bulk_export([by_id, by_name])
    assert values(first) == {CAPTURE: MOMENT, EMBEDDING: VECTOR}
    assert values(second) == {
        TAG: "by name",
        SPLIT: TEST,
        score.uid: 3.0,
        vector.uid: [1.5, -2.0, 3.25],
    }


def test_metadata_given_at_creation(dataset: lb.Dataset, mdo: DataRowMetadataOntology) -> None:
    row = dataset.create_data_row(
        row_data=IMAGE_URL,
        metadata_fields=[
            DataRowMetadataField(name="tag", value="created"),
            {"name": "split", "value": "valid"},
            {"schema_id": CAPTURE, "value": MOMENT},
        ],
    )
    (exported,) = mdo.bulk_export([row.uid])
    assert values(exported) == {TAG: "created", SPLIT: VALID, CAPTURE: MOMENT}
    assert {f.schema_id: f.value for f in row.metadata if f.schema_id != PRECOMPUTED} == {
        TAG: "created",
        SPLIT: VALID,
        CAPTURE: MOMENT,
    }


def test_export_of_rows_without_metadata(
    client: lb.Client, dataset: lb.Dataset, mdo: DataRowMetadataOntology
) -> None:
    ids = create_rows(dataset, 3)
    exported = mdo.bulk_export([ids[2], ids[0], ids[1]])
    assert [row.data_row_id for row in exported] == [ids[2], ids[0], ids[1]]
    assert all(values(row) == {} for row in exported)


def test_more_than_50_rows(
    client: lb.Client, dataset: lb.Dataset, mdo: DataRowMetadataOntology, wire: list[httpx.Request]
) -> None:
    ids = create_rows(dataset, 120)
    wire.clear()
    rows = [
        DataRowMetadata(
            data_row_id=row_id,
            fields=[
                DataRowMetadataField(name="tag", value=f"row {i}"),
                DataRowMetadataField(name="split", value="train" if i % 2 else "test"),
            ],
        )
        for i, row_id in enumerate(ids)
    ]
    assert mdo.bulk_upsert(rows) == []
    upserts = sent_variables(wire, "UpsertDataRowMetadataBetaPyApi")
    assert [len(v["metadata"]) for v in upserts] == [50, 50, 20]
    assert [row["dataRowId"] for v in upserts for row in v["metadata"]] == ids

    wire.clear()
    exported = mdo.bulk_export(ids)
    assert [v["dataRowIds"] for v in sent_variables(wire, "DataRowCustomMetadataPyApi")] == [
        ids[:50],
        ids[50:100],
        ids[100:],
    ]
    assert [row.data_row_id for row in exported] == ids
    assert [values(row) for row in exported] == [
        {TAG: f"row {i}", SPLIT: TRAIN if i % 2 else TEST} for i in range(120)
    ]

    deletes = [DeleteDataRowMetadata(data_row_id=row_id, fields=[TAG, SPLIT]) for row_id in ids]
    wire.clear()
    assert mdo.bulk_delete(deletes) == []
    sent_deletes = sent_variables(wire, "DeleteDataRowMetadataBetaPyApi")
    assert [len(v["deletes"]) for v in sent_deletes] == [50, 50, 20]
    assert all(values(row) == {} for row in mdo.bulk_export(ids))


@pytest.mark.parametrize(
    ("field", "reason"),
    [
        (DataRowMetadataField(name="tag", value="x" * 4097), "at most 4096"),
        (DataRowMetadataField(name="tag", value=42), "takes a string"),
        (DataRowMetadataField(name="embedding", value=VECTOR[:127]), "exactly 128"),
        (DataRowMetadataField(name="captureDateTime", value="soon"), "ISO 8601"),
        (DataRowMetadataField(name="split", value="holdout"), "not an option"),
        (DataRowMetadataField(schema_id=TRAIN, value=TRAIN), "give the enum as the schema"),
        (DataRowMetadataField(name="no such schema", value="x"), "unknown metadata schema name"),
    ],
)
def test_invalid_values_are_rejected_before_sending(
    client: lb.Client,
    dataset: lb.Dataset,
    mdo: DataRowMetadataOntology,
    sent: list[str],
    field: DataRowMetadataField,
    reason: str,
) -> None:
    (row_id,) = create_rows(dataset, 1)
    score = mdo.create_schema(unique("score"), DataRowMetadataKind.number)
    valid = DataRowMetadata(
        data_row_id=row_id, fields=[DataRowMetadataField(name="tag", value="fine")]
    )
    invalid = DataRowMetadata(
        data_row_id=row_id,
        fields=[DataRowMetadataField(schema_id=score.uid, value=1), field],
    )
    sent.clear()
    with pytest.raises(InvalidMetadataError) as raised:
        mdo.bulk_upsert([valid, invalid])
    assert raised.value.index == 1
    assert reason in raised.value.reason
    assert raised.value.field is not None and raised.value.field.startswith("fields[1].")
    assert sent == []
    assert values(mdo.bulk_export([row_id])[0]) == {}


def test_invalid_deletes_are_rejected_before_sending(
    client: lb.Client, dataset: lb.Dataset, mdo: DataRowMetadataOntology, sent: list[str]
) -> None:
    (row_id,) = create_rows(dataset, 1)
    sent.clear()
    with pytest.raises(InvalidMetadataError) as raised:
        mdo.bulk_delete(
            [
                DeleteDataRowMetadata(data_row_id=row_id, fields=[TAG]),
                DeleteDataRowMetadata(data_row_id=row_id, fields=["cknotaschema0000000000000"]),
            ]
        )
    assert (raised.value.index, raised.value.field) == (1, "fields[0]")
    assert all("DeleteDataRowMetadataBetaPyApi" not in document for document in sent)


def test_rows_of_another_organization_fail(
    client: lb.Client,
    other_client: lb.Client,
    dataset: lb.Dataset,
    mdo: DataRowMetadataOntology,
) -> None:
    other_dataset = other_client.create_dataset(name="other metadata")
    try:
        (theirs,) = create_rows(other_dataset, 1)
        (ours,) = create_rows(dataset, 1)
        failures = mdo.bulk_upsert(
            [
                DataRowMetadata(
                    data_row_id=theirs, fields=[DataRowMetadataField(name="tag", value="x")]
                ),
                DataRowMetadata(
                    data_row_id=ours, fields=[DataRowMetadataField(name="tag", value="x")]
                ),
            ]
        )
        assert [(f.data_row_id, f.error) for f in failures] == [(theirs, "Data row not found")]
        assert failures[0].fields == [DataRowMetadataField(schema_id=TAG, name="tag", value="x")]
        assert values(mdo.bulk_export([ours])[0]) == {TAG: "x"}
        their_mdo = other_client.get_data_row_metadata_ontology()
        assert values(their_mdo.bulk_export([theirs])[0]) == {}

        deleted = mdo.bulk_delete([DeleteDataRowMetadata(data_row_id=theirs, fields=[TAG])])
        assert [(f.data_row_id, f.error, f.fields) for f in deleted] == [
            (theirs, "Data row not found", [TAG])
        ]
    finally:
        other_dataset.delete()


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


def test_bulk_upsert_sends_batches_of_50_and_reports_failures(
    client: lb.Client,
    other_client: lb.Client,
    dataset: lb.Dataset,
    mdo: DataRowMetadataOntology,
    wire: list[httpx.Request],
) -> None:
    ids = create_rows(dataset, 119)
    deleted = dataset.create_data_row(row_data=IMAGE_URL)
    deleted.delete()
    ids[7] = deleted.uid
    other_dataset = other_client.create_dataset(name="other metadata")
    try:
        (theirs,) = create_rows(other_dataset, 1)
        ids.insert(101, theirs)
        rows = [
            DataRowMetadata(
                data_row_id=row_id,
                fields=[
                    DataRowMetadataField(name="tag", value=f"t{i}"),
                    DataRowMetadataField(name="split", value="test"),
                ],
            )
            for i, row_id in enumerate(ids)
        ]
        wire.clear()
        failures = mdo.bulk_upsert(rows)
    finally:
        other_dataset.delete()
    assert sent_operations(wire) == ["UpsertDataRowMetadataBetaPyApi"] * 3
    upserts = [v["metadata"] for v in sent_variables(wire, "UpsertDataRowMetadataBetaPyApi")]
    assert [len(batch) for batch in upserts] == [50, 50, 20]
    assert upserts[0][0] == {
        "dataRowId": ids[0],
        "fields": [
            {"schemaId": TAG, "value": "t0"},
            {"schemaId": SPLIT, "value": {}},
            {"schemaId": TEST, "value": {}},
        ],
    }
    assert [(f.data_row_id, f.error) for f in failures] == [
        (ids[7], "Data row not found"),
        (ids[101], "Data row not found"),
    ]
    fields = failures[0].fields
    assert all(isinstance(f, DataRowMetadataField) for f in fields)
    assert [(f.schema_id, f.value) for f in fields if isinstance(f, DataRowMetadataField)] == [
        (TAG, "t7"),
        (SPLIT, TEST),
    ]
    stored = [i for i in range(120) if i not in (7, 101)]
    exported = mdo.bulk_export([ids[i] for i in stored])
    assert [values(row) for row in exported] == [{TAG: f"t{i}", SPLIT: TEST} for i in stored]

    wire.clear()
    assert mdo.bulk_upsert([]) == []
    assert wire == []


def test_bulk_upsert_sends_nothing_when_a_row_after_the_first_batch_is_invalid(
    dataset: lb.Dataset, mdo: DataRowMetadataOntology, wire: list[httpx.Request]
) -> None:
    ids = create_rows(dataset, 61)
    rows = [
        DataRowMetadata(data_row_id=row_id, fields=[DataRowMetadataField(name="tag", value="ok")])
        for row_id in ids[:60]
    ]
    rows.append(
        DataRowMetadata(
            data_row_id=ids[60], fields=[DataRowMetadataField(schema_id=EMBEDDING, value=[1.0])]
        )
    )
    wire.clear()
    with pytest.raises(InvalidMetadataError) as raised:
        mdo.bulk_upsert(rows)
    assert (raised.value.index, raised.value.field) == (60, "fields[0].value")
    assert "exactly 128" in raised.value.reason
    assert wire == []
    assert all(values(row) == {} for row in mdo.bulk_export(ids))


def test_bulk_delete_expands_enums_and_reports_failures(
    dataset: lb.Dataset, mdo: DataRowMetadataOntology, wire: list[httpx.Request]
) -> None:
    ids = create_rows(dataset, 51)
    score = mdo.create_schema(unique("score"), DataRowMetadataKind.number)
    written = [
        DataRowMetadataField(name="tag", value="t"),
        DataRowMetadataField(name="split", value="valid"),
        DataRowMetadataField(schema_id=score.uid, value=1.5),
    ]
    assert mdo.bulk_upsert([DataRowMetadata(data_row_id=i, fields=written) for i in ids]) == []
    gone = dataset.create_data_row(row_data=IMAGE_URL)
    gone.delete()

    deletes = [DeleteDataRowMetadata(data_row_id=i, fields=[TAG, SPLIT, TAG]) for i in ids]
    deletes.append(DeleteDataRowMetadata(data_row_id=gone.uid, fields=[score.uid]))
    wire.clear()
    failures = mdo.bulk_delete(deletes)
    assert sent_operations(wire) == ["DeleteDataRowMetadataBetaPyApi"] * 2
    sent_deletes = [v["deletes"] for v in sent_variables(wire, "DeleteDataRowMetadataBetaPyApi")]
    assert [len(batch) for batch in sent_deletes] == [50, 2]
    # an enum removes its options too; repeats are sent once
    assert sent_deletes[0][0] == {
        "dataRowId": ids[0],
        "schemaIds": [TAG, SPLIT, TRAIN, VALID, TEST],
    }
    assert sent_deletes[1][1] == {"dataRowId": gone.uid, "schemaIds": [score.uid]}
    assert failures == [
        DataRowMetadataBatchResponse(
            data_row_id=gone.uid, error="Data row not found", fields=[score.uid]
        )
    ]
    assert [values(row) for row in mdo.bulk_export(ids)] == [{score.uid: 1.5}] * 51


def test_bulk_export_keeps_the_requested_order_across_batches(
    dataset: lb.Dataset, mdo: DataRowMetadataOntology, wire: list[httpx.Request]
) -> None:
    requested = create_rows(dataset, 75)[::-1]
    stored = [
        DataRowMetadata(
            data_row_id=requested[3], fields=[DataRowMetadataField(name="tag", value="three")]
        ),
        DataRowMetadata(
            data_row_id=requested[60], fields=[DataRowMetadataField(name="split", value="train")]
        ),
    ]
    assert mdo.bulk_upsert(stored) == []
    wire.clear()
    exported = mdo.bulk_export(requested)
    assert sent_operations(wire) == ["DataRowCustomMetadataPyApi"] * 2
    sent_ids = [v["dataRowIds"] for v in sent_variables(wire, "DataRowCustomMetadataPyApi")]
    assert sent_ids == [requested[:50], requested[50:]]
    assert [row.data_row_id for row in exported] == requested
    assert [(f.schema_id, f.value) for f in exported[3].fields] == [(TAG, "three")]
    assert [(f.schema_id, f.name, f.value) for f in exported[60].fields] == [
        (SPLIT, "train", TRAIN)
    ]
    assert exported[0].fields == []

    wire.clear()
    assert mdo.bulk_export([]) == []
    assert wire == []


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
