"""The metadata ontology's indexes without a server: by id, by name, by normalized name,
`get_by_name`, and the options' parents.

Nothing here reaches the network; the ontology is built from the canned schemas of
`metadata_ontology.py`.
"""

from __future__ import annotations

import pytest

from labelbox.schema.data_row_metadata import (
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DataRowMetadataSchema,
)

from .metadata_ontology import (
    CAPTURE,
    EMBEDDING,
    NUMBER,
    PRECOMPUTED,
    SPLIT,
    SUNNY,
    TAG,
    TEST,
    TEXT,
    TRAIN,
    VALID,
    VECTOR,
    WEATHER,
    WHEN,
    WIRE_ONTOLOGY,
    canned_schemas,
)


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
