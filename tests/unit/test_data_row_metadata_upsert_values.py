"""What `parse_upsert_metadata` sends for each kind of value (strings, numbers, datetimes,
embeddings, enums), without a server.

Nothing here reaches the network; the ontology is built from the canned schemas of
`metadata_ontology.py`.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from functools import partial

from labelbox.schema.data_row_metadata import (
    DataRowMetadataField,
    DataRowMetadataOntology,
)

from .metadata_ontology import (
    CAPTURE,
    EMBEDDING,
    NUMBER,
    SPLIT,
    SUNNY,
    TAG,
    TEST,
    TEXT,
    TRAIN,
    VECTOR,
    WEATHER,
    rejects,
)


def test_string_by_id_name_and_dicts(mdo: DataRowMetadataOntology) -> None:
    expected = [{"schemaId": TAG, "value": "a"}]
    assert mdo.parse_upsert_metadata([DataRowMetadataField(schema_id=TAG, value="a")]) == expected
    assert mdo.parse_upsert_metadata([DataRowMetadataField(name="tag", value="a")]) == expected
    assert mdo.parse_upsert_metadata([{"schema_id": TAG, "value": "a"}]) == expected
    assert mdo.parse_upsert_metadata([{"schemaId": TAG, "value": "a"}]) == expected
    assert mdo.parse_upsert_metadata([{"name": "tag", "value": "a"}]) == expected
    # the shape DataRow.metadata_fields returns is accepted back
    assert (
        mdo.parse_upsert_metadata(
            [{"schemaId": TAG, "name": "tag", "value": "a", "kind": "CustomMetadataString"}]
        )
        == expected
    )
    # the id wins over the name
    assert (
        mdo.parse_upsert_metadata([DataRowMetadataField(schema_id=TAG, name="score", value="a")])
        == expected
    )
    # names: exact first, then any case and spacing
    assert mdo.parse_upsert_metadata([{"name": "CUSTOMTEXT", "value": "b"}]) == [
        {"schemaId": TEXT, "value": "b"}
    ]
    assert mdo.parse_upsert_metadata([]) == []


def test_string_limits(mdo: DataRowMetadataOntology) -> None:
    assert (
        mdo.parse_upsert_metadata([{"schema_id": TAG, "value": "x" * 4096}])[0]["value"]
        == "x" * 4096
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema_id": TAG, "value": "x" * 4097}]),
        "metadata_fields[0].value",
        "at most 4096",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema_id": TAG, "value": 12}]),
        "metadata_fields[0].value",
        "takes a string",
    )


def test_numbers(mdo: DataRowMetadataOntology) -> None:
    def parsed(value: object) -> object:
        return mdo.parse_upsert_metadata([{"name": "score", "value": value}])[0]["value"]

    assert parsed(3) == 3.0 and isinstance(parsed(3), float)
    assert parsed(2.5) == 2.5
    assert parsed("1e3") == 1000.0
    for bad in (True, "three", math.nan, math.inf, None, [1]):
        rejects(partial(parsed, bad), "metadata_fields[0].value", "finite number")


def test_datetimes_are_sent_in_utc_with_z(mdo: DataRowMetadataOntology) -> None:
    def parsed(value: object) -> object:
        return mdo.parse_upsert_metadata([{"schema_id": CAPTURE, "value": value}])[0]["value"]

    aware = datetime(2023, 1, 2, 5, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    assert parsed(aware) == "2023-01-02T03:04:05Z"
    assert (
        parsed(datetime(2023, 1, 2, 3, 4, 5, 123456, tzinfo=timezone.utc))
        == "2023-01-02T03:04:05.123456Z"
    )
    assert parsed("2023-01-02T03:04:05Z") == "2023-01-02T03:04:05Z"
    assert parsed("2023-01-02T03:04:05.5Z") == "2023-01-02T03:04:05.500000Z"
    assert parsed("2023-01-02T04:04:05+01:00") == "2023-01-02T03:04:05Z"
    assert parsed("2023-01-02T03:04:05+00:00Z") == "2023-01-02T03:04:05Z"  # what 3.36 sent
    # naive datetimes (and strings without offset) are local time
    naive = datetime(2023, 6, 1, 12, 0, 0)
    local_as_utc = naive.astimezone(timezone.utc).replace(tzinfo=None)
    assert parsed(naive) == local_as_utc.isoformat() + "Z"
    assert parsed("2023-06-01T12:00:00") == local_as_utc.isoformat() + "Z"

    rejects(lambda: parsed("yesterday"), "metadata_fields[0].value", "not an ISO 8601 datetime")
    rejects(lambda: parsed(1672628645), "metadata_fields[0].value", "takes a datetime")


def test_embeddings(mdo: DataRowMetadataOntology) -> None:
    vector = [float(i) for i in range(128)]
    assert mdo.parse_upsert_metadata([{"name": "embedding", "value": vector}]) == [
        {"schemaId": EMBEDDING, "value": vector}
    ]
    ints = mdo.parse_upsert_metadata([{"schema_id": EMBEDDING, "value": tuple(range(128))}])
    assert ints[0]["value"] == vector and all(isinstance(x, float) for x in ints[0]["value"])
    for bad in (vector[:127], [*vector, 1.0]):
        rejects(
            partial(mdo.parse_upsert_metadata, [{"schema_id": EMBEDDING, "value": bad}]),
            "metadata_fields[0].value",
            "exactly 128",
        )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema_id": EMBEDDING, "value": "1,2"}]),
        "metadata_fields[0].value",
        "list of floats",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema_id": EMBEDDING, "value": ["1"] * 128}]),
        "metadata_fields[0].value",
        "finite numbers",
    )
    # custom embeddings: 1 to 2,048 floats
    assert mdo.parse_upsert_metadata([{"name": "my vector", "value": [1, 2, 3]}])[0]["value"] == [
        1.0,
        2.0,
        3.0,
    ]
    assert (
        len(mdo.parse_upsert_metadata([{"schema_id": VECTOR, "value": [0.0] * 2048}])[0]["value"])
        == 2048
    )
    for bad in ([], [0.0] * 2049):
        rejects(
            partial(mdo.parse_upsert_metadata, [{"schema_id": VECTOR, "value": bad}]),
            "metadata_fields[0].value",
            "1 to 2048",
        )


def test_enums_become_two_items(mdo: DataRowMetadataOntology) -> None:
    expected = [{"schemaId": SPLIT, "value": {}}, {"schemaId": TRAIN, "value": {}}]
    assert (
        mdo.parse_upsert_metadata([DataRowMetadataField(schema_id=SPLIT, value=TRAIN)]) == expected
    )
    assert mdo.parse_upsert_metadata([DataRowMetadataField(name="split", value=TRAIN)]) == expected
    # beyond the reference: the option's name, any case and spacing, or its schema
    assert mdo.parse_upsert_metadata([{"name": "split", "value": "train"}]) == expected
    assert mdo.parse_upsert_metadata([{"name": "split", "value": "TRAIN"}]) == expected
    assert (
        mdo.parse_upsert_metadata([{"name": "split", "value": mdo.fields_by_id[TRAIN]}]) == expected
    )
    assert mdo.parse_upsert_metadata([{"name": "Weather", "value": "sunnyday"}]) == [
        {"schemaId": WEATHER, "value": {}},
        {"schemaId": SUNNY, "value": {}},
    ]
    rejects(
        lambda: mdo.parse_upsert_metadata([{"name": "split", "value": "holdout"}]),
        "metadata_fields[0].value",
        "not an option of the enum 'split'",
    )
    rejects(  # an option of another enum
        lambda: mdo.parse_upsert_metadata([{"name": "split", "value": SUNNY}]),
        "metadata_fields[0].value",
        "not an option",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"name": "split", "value": None}]),
        "metadata_fields[0].value",
        "not an option",
    )


def test_option_id_as_schema_is_rejected(mdo: DataRowMetadataOntology) -> None:
    rejects(
        lambda: mdo.parse_upsert_metadata([DataRowMetadataField(schema_id=TRAIN, value=TRAIN)]),
        "metadata_fields[0].schema_id",
        "option 'train' of the enum 'split'",
    )


def test_flattening_keeps_order(mdo: DataRowMetadataOntology) -> None:
    flat = mdo.parse_upsert_metadata(
        [
            DataRowMetadataField(name="tag", value="t"),
            {"name": "split", "value": "test"},
            {"schema_id": NUMBER, "value": 1},
        ]
    )
    assert flat == [
        {"schemaId": TAG, "value": "t"},
        {"schemaId": SPLIT, "value": {}},
        {"schemaId": TEST, "value": {}},
        {"schemaId": NUMBER, "value": 1.0},
    ]


def test_user_fields_are_not_modified(mdo: DataRowMetadataOntology) -> None:
    field = DataRowMetadataField(name="split", value="train")
    raw = {"name": "score", "value": "2"}
    mdo.parse_upsert_metadata([field, raw])
    assert field.schema_id is None and field.value == "train"
    assert raw == {"name": "score", "value": "2"}
