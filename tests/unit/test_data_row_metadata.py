"""Data-row metadata without a server: models, indexes, value validation and parsing.

The ontology is built from canned schemas (`DataRowMetadataOntology._from_schemas`);
nothing here reaches the network. What the bulk calls and schema changes send, and
what the server answers, is tested against a real server in
`tests/integration/test_data_row_metadata.py`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any

import pytest
from pydantic import ValidationError

from labelbox.exceptions import (
    InvalidDataRowError,
    InvalidMetadataError,
    InvalidQueryError,
)
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataBatchResponse,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DataRowMetadataSchema,
    DeleteDataRowMetadata,
    String,
)

TAG = "cko8s9r5v0001h2dk9elqdidh"
SPLIT = "cko8sbczn0002h2dkdaxb5kal"
TRAIN = "cko8sbscr0003h2dk04w86hof"
TEST = "cko8scbz70005h2dkastwhgqt"
VALID = "cko8sc2yr0004h2dk69aj5x63"
CAPTURE = "cko8sdzv70006h2dk8jg64zvb"
EMBEDDING = "ckpyije740000yxdk81pbgjdc"
PRECOMPUTED = "ckrzang79000008l6hb5s6za1"

TEXT = "clcustomtext0000000000001"
NUMBER = "clcustomnumber00000000001"
WHEN = "clcustomdatetime000000001"
WEATHER = "clcustomenum0000000000001"
SUNNY = "clcustomsunny000000000001"
RAINY = "clcustomrainy000000000001"
VECTOR = "clcustomembedding00000001"

Wire = dict[str, Any]


def wire_schema(uid: str, name: str, kind: str, reserved: bool, options: Any = None) -> Wire:
    """A schema as `customMetadataOntology` returns it (our query aliases `id` as `uid`)."""
    return {"uid": uid, "name": name, "kind": kind, "reserved": reserved, "options": options}


def wire_option(uid: str, name: str, reserved: bool) -> Wire:
    return {"uid": uid, "name": name, "kind": "CustomMetadataEnumOption", "reserved": reserved}


WIRE_ONTOLOGY: list[Wire] = [
    wire_schema(TAG, "tag", "CustomMetadataString", True),
    wire_schema(
        SPLIT,
        "split",
        "CustomMetadataEnum",
        True,
        [
            wire_option(TRAIN, "train", True),
            wire_option(VALID, "valid", True),
            wire_option(TEST, "test", True),
        ],
    ),
    wire_schema(CAPTURE, "captureDateTime", "CustomMetadataDateTime", True),
    wire_schema(EMBEDDING, "embedding", "CustomMetadataEmbedding", True),
    wire_schema(PRECOMPUTED, "precomputedImageEmbedding", "CustomMetadataEmbedding", True),
    wire_schema(TEXT, "Custom Text", "CustomMetadataString", False),
    wire_schema(NUMBER, "score", "CustomMetadataNumber", False),
    wire_schema(WHEN, "taken at", "CustomMetadataDateTime", False),
    wire_schema(
        WEATHER,
        "Weather",
        "CustomMetadataEnum",
        False,
        [wire_option(SUNNY, "Sunny Day", False), wire_option(RAINY, "rainy", False)],
    ),
    wire_schema(VECTOR, "my vector", "CustomMetadataEmbedding", False),
]


def canned_schemas() -> list[DataRowMetadataSchema]:
    def schema(item: Wire) -> DataRowMetadataSchema:
        return DataRowMetadataSchema(
            uid=item["uid"],
            name=item["name"],
            reserved=item["reserved"],
            kind=DataRowMetadataKind(item["kind"]),
            options=None
            if item["options"] is None
            else [schema({**option, "options": None}) for option in item["options"]],
        )

    return [schema(item) for item in WIRE_ONTOLOGY]


@pytest.fixture
def mdo() -> DataRowMetadataOntology:
    return DataRowMetadataOntology._from_schemas(canned_schemas())


def rejects(
    call: Callable[[], object], field: str | None, reason: str, index: int | None = None
) -> InvalidMetadataError:
    """`call` raises InvalidMetadataError naming `field` with `reason` in its reason."""
    with pytest.raises(InvalidMetadataError) as raised:
        call()
    error = raised.value
    assert error.field == field
    assert reason in error.reason
    assert error.index == index
    return error


# -- models ----------------------------------------------------------------------------------


def test_kind_values() -> None:
    assert {kind.name: kind.value for kind in DataRowMetadataKind} == {
        "number": "CustomMetadataNumber",
        "datetime": "CustomMetadataDateTime",
        "enum": "CustomMetadataEnum",
        "string": "CustomMetadataString",
        "option": "CustomMetadataEnumOption",
        "embedding": "CustomMetadataEmbedding",
    }
    assert DataRowMetadataKind("CustomMetadataEnum") is DataRowMetadataKind.enum


def test_models_by_keyword_and_by_camel_case() -> None:
    field = DataRowMetadataField(schema_id=TAG, value="x")
    assert (field.schema_id, field.name, field.value) == (TAG, None, "x")
    assert DataRowMetadataField(name="tag", value="x").name == "tag"
    assert DataRowMetadataField.model_validate({"schemaId": TAG, "value": 1}).schema_id == TAG
    assert field.model_dump(by_alias=True) == {"schemaId": TAG, "name": None, "value": "x"}

    row = DataRowMetadata(data_row_id="row", fields=[field])
    assert row.fields == [field]
    assert DataRowMetadata.model_validate({"dataRowId": "row", "fields": []}).data_row_id == "row"

    delete = DeleteDataRowMetadata(data_row_id="row", fields=[TAG, SPLIT])
    assert delete.fields == [TAG, SPLIT]

    response = DataRowMetadataBatchResponse(data_row_id="row", fields=[TAG, field])
    assert response.error is None
    assert response.fields == [TAG, field]


def test_schema_name_is_stripped_and_bounded() -> None:
    schema = DataRowMetadataSchema(
        uid="id", name="  padded  ", reserved=False, kind=DataRowMetadataKind.string
    )
    assert schema.name == "padded"
    assert schema.options is None and schema.parent is None
    for name in ("", "   ", "x" * 101):
        with pytest.raises(ValidationError):
            DataRowMetadataSchema(
                uid="id", name=name, reserved=False, kind=DataRowMetadataKind.string
            )


def test_string_alias_is_constrained() -> None:
    from pydantic import TypeAdapter

    adapter = TypeAdapter(String)
    assert adapter.validate_python("x" * 4096) == "x" * 4096
    with pytest.raises(ValidationError):
        adapter.validate_python("x" * 4097)


def test_invalid_metadata_error_is_a_value_error() -> None:
    assert issubclass(InvalidMetadataError, InvalidDataRowError)
    assert issubclass(InvalidMetadataError, InvalidQueryError)
    assert issubclass(InvalidMetadataError, ValueError)


# -- indexes ---------------------------------------------------------------------------------


def test_indexes(mdo: DataRowMetadataOntology) -> None:
    assert [schema.uid for schema in mdo.fields] == [item["uid"] for item in WIRE_ONTOLOGY]
    assert {s.uid for s in mdo.reserved_fields} == {
        TAG,
        SPLIT,
        CAPTURE,
        EMBEDDING,
        PRECOMPUTED,
    }
    assert {s.uid for s in mdo.custom_fields} == {TEXT, NUMBER, WHEN, WEATHER, VECTOR}

    # by id: options included, with their enum as parent
    assert mdo.fields_by_id[TRAIN].name == "train"
    assert mdo.fields_by_id[TRAIN].parent == SPLIT
    assert mdo.fields_by_id[TRAIN].kind is DataRowMetadataKind.option
    assert set(mdo.reserved_by_id) == {
        TAG,
        SPLIT,
        TRAIN,
        VALID,
        TEST,
        CAPTURE,
        EMBEDDING,
        PRECOMPUTED,
    }
    assert SUNNY in mdo.custom_by_id and TAG not in mdo.custom_by_id

    # by name: enums map to {option name: option}
    tag = mdo.reserved_by_name["tag"]
    assert isinstance(tag, DataRowMetadataSchema) and tag.uid == TAG
    split = mdo.reserved_by_name["split"]
    assert isinstance(split, dict)
    assert {name: option.uid for name, option in split.items()} == {
        "train": TRAIN,
        "valid": VALID,
        "test": TEST,
    }
    weather = mdo.custom_by_name["Weather"]
    assert isinstance(weather, dict) and weather["Sunny Day"].uid == SUNNY
    assert "tag" not in mdo.custom_by_name


def test_normalized_indexes_ignore_case_and_spaces(mdo: DataRowMetadataOntology) -> None:
    index = mdo.reserved_by_name_normalized
    assert index["captureDateTime"].uid == CAPTURE
    assert index["capturedatetime"].uid == CAPTURE
    assert index["Capture Date Time"].uid == CAPTURE
    assert "CAPTUREDATETIME" in index
    assert set(index) == {
        "tag",
        "split",
        "capturedatetime",
        "embedding",
        "precomputedimageembedding",
    }
    # enums map to the enum schema itself
    assert index["split"].uid == SPLIT
    assert mdo.custom_by_name_normalized["customtext"].uid == TEXT
    assert mdo.custom_by_name_normalized.get("TAKEN AT") is not None
    assert mdo.custom_by_name_normalized.get("nope") is None
    assert "tag" not in mdo.custom_by_name_normalized
    assert not index.__contains__(1)
    with pytest.raises(KeyError):
        mdo.custom_by_name_normalized["tag"]


def test_get_by_name(mdo: DataRowMetadataOntology) -> None:
    tag = mdo.get_by_name("tag")
    assert isinstance(tag, DataRowMetadataSchema) and tag.uid == TAG
    weather = mdo.get_by_name("Weather")
    assert isinstance(weather, dict) and set(weather) == {"Sunny Day", "rainy"}
    with pytest.raises(KeyError):
        mdo.get_by_name("no such schema")
    with pytest.raises(KeyError):
        mdo.get_by_name("weather")  # exact names only, as in the reference


def test_reserved_names_are_searched_first() -> None:
    schemas = [
        *canned_schemas(),
        DataRowMetadataSchema(
            uid="clshadow", name="tag", reserved=False, kind=DataRowMetadataKind.number
        ),
    ]
    mdo = DataRowMetadataOntology._from_schemas(schemas)
    found = mdo.get_by_name("tag")
    assert isinstance(found, DataRowMetadataSchema) and found.uid == TAG
    assert mdo.parse_upsert_metadata([{"name": "tag", "value": "x"}]) == [
        {"schemaId": TAG, "value": "x"}
    ]


def test_options_get_their_parent_when_given_without() -> None:
    enum = DataRowMetadataSchema(
        uid="clenum",
        name="e",
        reserved=False,
        kind=DataRowMetadataKind.enum,
        options=[
            DataRowMetadataSchema(
                uid="clopt", name="o", reserved=False, kind=DataRowMetadataKind.option
            )
        ],
    )
    mdo = DataRowMetadataOntology._from_schemas([enum])
    assert mdo.fields_by_id["clopt"].parent == "clenum"


# -- parse_upsert_metadata: values by kind ---------------------------------------------------


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


# -- parse_upsert_metadata: errors -----------------------------------------------------------


def test_unknown_schemas(mdo: DataRowMetadataOntology) -> None:
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema_id": "clnope", "value": "x"}]),
        "metadata_fields[0].schema_id",
        "unknown metadata schema id 'clnope'",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"name": "tag"}, {"name": "nope", "value": "x"}][1:]),
        "metadata_fields[0].name",
        "unknown metadata schema name 'nope'",
    )


def test_malformed_fields(mdo: DataRowMetadataOntology) -> None:
    rejects(
        lambda: mdo.parse_upsert_metadata([{"value": "x"}]),
        "metadata_fields[0]",
        "schema_id or a name",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([DataRowMetadataField(value="x")]),
        "metadata_fields[0]",
        "schema_id or a name",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"name": "tag"}]), "metadata_fields[0]", "no 'value'"
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema": TAG, "value": "x"}]),
        "metadata_fields[0]",
        "unknown key(s) 'schema'",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema_id": 5, "value": "x"}]),
        "metadata_fields[0].schema_id",
        "must be a string",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema_id": TAG, "schemaId": NUMBER, "value": "x"}]),
        "metadata_fields[0].schema_id",
        "differ",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata(["tag"]),  # type: ignore[list-item]
        "metadata_fields[0]",
        "expected a DataRowMetadataField or a dict",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata({"name": "tag", "value": "x"}),  # type: ignore[arg-type]
        "metadata_fields",
        "must be a list",
    )


def test_same_schema_twice_is_rejected(mdo: DataRowMetadataOntology) -> None:
    rejects(
        lambda: mdo.parse_upsert_metadata(
            [
                {"name": "tag", "value": "a"},
                {"name": "score", "value": 1},
                {"schema_id": TAG, "value": "b"},
            ]
        ),
        "metadata_fields[2]",
        "given twice (also metadata_fields[0])",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata(
            [{"name": "split", "value": "train"}, {"name": "split", "value": "test"}]
        ),
        "metadata_fields[1]",
        "given twice",
    )


def test_error_message_names_field_and_reason(mdo: DataRowMetadataOntology) -> None:
    error = rejects(
        lambda: mdo.parse_upsert_metadata([{"name": "tag", "value": 1}]),
        "metadata_fields[0].value",
        "takes a string",
    )
    assert str(error) == "metadata_fields[0].value: 'tag' takes a string, not int"


# -- reading ---------------------------------------------------------------------------------


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


# -- bulk calls: validation before anything is sent ------------------------------------------


def test_bulk_upsert_validates_every_row_first(mdo: DataRowMetadataOntology) -> None:
    # no client: reaching the network would raise RuntimeError, not InvalidMetadataError
    rows = [
        DataRowMetadata(data_row_id="a", fields=[DataRowMetadataField(name="tag", value="ok")]),
        DataRowMetadata(
            data_row_id="b",
            fields=[
                DataRowMetadataField(name="tag", value="ok"),
                DataRowMetadataField(name="score", value="x"),
            ],
        ),
    ]
    error = rejects(lambda: mdo.bulk_upsert(rows), "fields[1].value", "finite number", index=1)
    assert str(error).startswith("item 1: fields[1].value:")
    rejects(lambda: mdo.bulk_upsert(["row"]), None, "expected a DataRowMetadata", index=0)  # type: ignore[list-item]


def test_bulk_delete_validates_every_row_first(mdo: DataRowMetadataOntology) -> None:
    rejects(
        lambda: mdo.bulk_delete(
            [
                DeleteDataRowMetadata(data_row_id="a", fields=[TAG]),
                DeleteDataRowMetadata(data_row_id="b", fields=[TAG, "clnope"]),
            ]
        ),
        "fields[1]",
        "unknown metadata schema id",
        index=1,
    )
    rejects(
        lambda: mdo.bulk_delete([DeleteDataRowMetadata(data_row_id="a", fields=[])]),
        "fields",
        "no schema ids",
        index=0,
    )


def test_bulk_export_validates_ids(mdo: DataRowMetadataOntology) -> None:
    rejects(lambda: mdo.bulk_export("abc"), "data_row_ids", "list of data row ids")
    rejects(lambda: mdo.bulk_export(["a", ""]), "data_row_ids[1]", "not a data row id")


def test_schema_changes_validate_first(mdo: DataRowMetadataOntology) -> None:
    rejects(lambda: mdo.create_schema("x", "CustomMetadataString"), "kind", "DataRowMetadataKind")  # type: ignore[arg-type]
    rejects(lambda: mdo.create_schema("x", DataRowMetadataKind.option), "kind", "with their enum")
    rejects(
        lambda: mdo.create_schema("x", DataRowMetadataKind.string, ["a"]), "options", "only enum"
    )
    rejects(lambda: mdo.create_schema(" ", DataRowMetadataKind.string), "name", "1 to 100")
    rejects(lambda: mdo.create_schema("x" * 101, DataRowMetadataKind.string), "name", "1 to 100")
    rejects(
        lambda: mdo.create_schema("x", DataRowMetadataKind.enum, ["a", "b", "a"]),
        "options[2]",
        "twice",
    )
    rejects(lambda: mdo.update_schema("score", ""), "new_name", "1 to 100")
    rejects(lambda: mdo.update_enum_option("score", "a", "b"), "name", "not an enum")
    with pytest.raises(KeyError, match="reserved"):
        mdo.update_schema("tag", "mine")
    with pytest.raises(KeyError, match="reserved"):
        mdo.delete_schema("split")
    with pytest.raises(KeyError, match="not a custom"):
        mdo.delete_schema("nope")
    with pytest.raises(KeyError, match="no option 'cloudy'"):
        mdo.update_enum_option("Weather", "cloudy", "foggy")
