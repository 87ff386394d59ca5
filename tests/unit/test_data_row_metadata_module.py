"""`labelbox.schema.data_row_metadata` is the public face of `labelbox.schema._metadata`.

The code lives in the private package; the names, the classes' module path (reprs,
pickles, `help()`), the logger and the lazy loading of generated code are the
public module's.
"""

from __future__ import annotations

import json
import logging
import pickle
import subprocess
import sys
import typing
from datetime import datetime, timezone

import pytest

import labelbox.schema.data_row_metadata as public
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DataRowMetadataSchema,
)

PUBLIC = "labelbox.schema.data_row_metadata"

CLASSES = [
    "DataRowMetadataKind",
    "DataRowMetadataSchema",
    "DataRowMetadataField",
    "DataRowMetadata",
    "DeleteDataRowMetadata",
    "DataRowMetadataBatchResponse",
    "DataRowMetadataOntology",
    "NormalizedNameIndex",
]

OTHER_NAMES = [
    "shared_ontology",
    "logger",
    "NameIndexEntry",
    "String",
    "Embedding",
    "SchemaName",
    "MAX_STRING_LENGTH",
    "EMBEDDING_LENGTH",
    "MAX_EMBEDDING_LENGTH",
    "BATCH_SIZE",
    "InvalidMetadataError",
    "LabelboxError",
    "ResponseValidationError",
    "UnknownMetadataSchemaError",
]


@pytest.mark.parametrize("name", CLASSES)
def test_each_class_belongs_to_the_public_module(name: str) -> None:
    cls = getattr(public, name)
    assert cls.__module__ == PUBLIC
    assert getattr(public, cls.__qualname__) is cls


@pytest.mark.parametrize("name", CLASSES)
def test_the_annotations_of_each_class_resolve(name: str) -> None:
    hints = typing.get_type_hints(getattr(public, name))
    if name == "DataRowMetadataField":
        assert hints["value"] is typing.Any
    if name == "DataRowMetadataOntology":
        assert hints["fields_by_id"] == dict[str, DataRowMetadataSchema]


def test_the_other_public_names_are_still_there() -> None:
    missing = [name for name in OTHER_NAMES if not hasattr(public, name)]
    assert missing == []
    assert public.MAX_STRING_LENGTH == 4096
    assert public.BATCH_SIZE == 50
    assert public.logger.name == PUBLIC


def test_pickles_name_the_public_module() -> None:
    row = DataRowMetadata(
        data_row_id="row",
        fields=[DataRowMetadataField(schema_id="s", name="when", value=datetime.now(timezone.utc))],
    )
    for value in (row, DataRowMetadataKind.enum):
        data = pickle.dumps(value)
        assert PUBLIC.encode() in data
        assert b"labelbox.schema._metadata" not in data
        assert pickle.loads(data) == value


def test_warnings_come_from_the_public_modules_logger(caplog: pytest.LogCaptureFixture) -> None:
    number = DataRowMetadataSchema(
        uid="clnumber", name="n", reserved=False, kind=DataRowMetadataKind.number
    )
    mdo = DataRowMetadataOntology._from_schemas([number])
    with caplog.at_level(logging.WARNING, logger="labelbox"):
        fields = mdo.parse_metadata_fields(
            [{"schemaId": "clunknown", "value": 1}, {"schemaId": "clnumber", "value": "x"}]
        )
    assert [(f.schema_id, f.value) for f in fields] == [("clunknown", 1), ("clnumber", "x")]
    assert len(caplog.records) == 2
    assert {record.name for record in caplog.records} == {PUBLIC}


def test_importing_the_module_loads_no_fragment_or_input_model() -> None:
    code = f"import json, sys, {PUBLIC}; print(json.dumps(sorted(sys.modules)))"
    modules = json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))
    generated = [m for m in modules if m.startswith("labelbox._generated")]
    assert generated == ["labelbox._generated", "labelbox._generated.enums"]
