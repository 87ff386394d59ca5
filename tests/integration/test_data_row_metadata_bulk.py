"""Data-row metadata values with our SDK against a real local server: bulk upsert, export and
delete, metadata given at creation, rows without metadata, another organization's rows."""

from __future__ import annotations

from datetime import datetime

import labelbox as lb
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DeleteDataRowMetadata,
)

from .metadata_helpers import (
    CAPTURE,
    EMBEDDING,
    IMAGE_URL,
    MOMENT,
    PRECOMPUTED,
    SPLIT,
    TAG,
    TEST,
    TRAIN,
    VALID,
    VECTOR,
    create_rows,
    unique,
    values,
)


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
