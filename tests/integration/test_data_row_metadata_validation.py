"""Data-row metadata the SDK refuses before sending anything, against a real local server:
invalid values, invalid deletes, an invalid row after the first batch."""

from __future__ import annotations

import httpx
import pytest

import labelbox as lb
from labelbox.exceptions import InvalidMetadataError
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DeleteDataRowMetadata,
)

from .metadata_helpers import (
    EMBEDDING,
    TAG,
    TRAIN,
    VECTOR,
    create_rows,
    unique,
    values,
)


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
