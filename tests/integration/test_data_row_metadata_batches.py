"""Data-row metadata in batches of 50 with our SDK against a real local server: what each bulk
call sends, in which order, and the rows that fail (deleted, another organization's)."""

from __future__ import annotations

import httpx

import labelbox as lb
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataBatchResponse,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DeleteDataRowMetadata,
)

from .metadata_helpers import (
    IMAGE_URL,
    SPLIT,
    TAG,
    TEST,
    TRAIN,
    VALID,
    create_rows,
    sent_operations,
    sent_variables,
    unique,
    values,
)


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
