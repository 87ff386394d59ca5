"""Reading metadata without a server: `parse_metadata_fields`, `parse_metadata`, values kept
raw, and the round trip.

Nothing here reaches the network; the ontology is built from the canned schemas of
`metadata_ontology.py`.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest

from labelbox.exceptions import (
    InvalidMetadataError,
)
from labelbox.schema.data_row_metadata import (
    DataRowMetadataField,
    DataRowMetadataOntology,
)

from .metadata_ontology import (
    CAPTURE,
    EMBEDDING,
    NUMBER,
    SPLIT,
    TAG,
    TRAIN,
    VALID,
    VECTOR,
)


def test_parse_metadata_fields(mdo: DataRowMetadataOntology) -> None:
    vector = [0.5] * 128
    fields = mdo.parse_metadata_fields(
        [
            {"schemaId": TAG, "value": "t"},
            {"schemaId": SPLIT, "value": {}},
            {"schemaId": TRAIN, "value": {}},
            {"schemaId": CAPTURE, "value": "2023-01-02T03:04:05.123Z"},
            {"schemaId": NUMBER, "value": 2},
            {"schemaId": EMBEDDING, "value": vector},
        ]
    )
    assert [(f.schema_id, f.name, f.value) for f in fields] == [
        (TAG, "tag", "t"),
        (SPLIT, "train", TRAIN),
        (CAPTURE, "captureDateTime", datetime(2023, 1, 2, 3, 4, 5, 123000, tzinfo=timezone.utc)),
        (NUMBER, "score", 2.0),
        (EMBEDDING, "embedding", vector),
    ]
    assert isinstance(fields[3].value, float)
    moment = fields[2].value
    assert isinstance(moment, datetime) and moment.utcoffset() == timedelta(0)


def test_parse_unknown_schema_is_kept_raw_with_a_warning(
    mdo: DataRowMetadataOntology, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="labelbox"):
        fields = mdo.parse_metadata_fields([{"schemaId": "clunknown", "value": [1, 2]}])
    assert [(f.schema_id, f.name, f.value) for f in fields] == [("clunknown", None, [1, 2])]
    assert "clunknown" in caplog.text


def test_parse_malformed_values_are_kept_raw(
    mdo: DataRowMetadataOntology, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="labelbox"):
        fields = mdo.parse_metadata_fields([{"schemaId": CAPTURE, "value": "not a date"}])
    assert fields[0].value == "not a date"
    assert "kept raw" in caplog.text


def test_parse_metadata(mdo: DataRowMetadataOntology) -> None:
    rows = mdo.parse_metadata(
        [
            {"dataRowId": "a", "fields": [{"schemaId": TAG, "value": "x"}]},
            {"dataRowId": "b", "fields": []},
            {"dataRowId": "c"},
        ]
    )
    assert [(row.data_row_id, len(row.fields)) for row in rows] == [("a", 1), ("b", 0), ("c", 0)]
    with pytest.raises(InvalidMetadataError):
        mdo.parse_metadata({"dataRowId": "a", "fields": []})  # type: ignore[arg-type]


def test_round_trip(mdo: DataRowMetadataOntology) -> None:
    moment = datetime(2024, 2, 29, 23, 59, 58, 250000, tzinfo=timezone.utc)
    given = [
        DataRowMetadataField(schema_id=TAG, value="hello"),
        DataRowMetadataField(schema_id=CAPTURE, value=moment),
        DataRowMetadataField(schema_id=NUMBER, value=7.25),
        DataRowMetadataField(schema_id=SPLIT, value=VALID),
        DataRowMetadataField(schema_id=VECTOR, value=[0.1, 0.2]),
    ]
    back = mdo.parse_metadata_fields(mdo.parse_upsert_metadata(given))
    assert [(f.schema_id, f.value) for f in back] == [(f.schema_id, f.value) for f in given]
