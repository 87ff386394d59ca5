"""The canned metadata ontology of the data-row metadata unit tests
(`test_data_row_metadata_*.py`): reserved and custom schema ids, the schemas as the server
returns them, and `rejects`. Their `mdo` fixture (the ontology built from these) is in
`conftest.py`.

The ontology is built from these schemas (`DataRowMetadataOntology._from_schemas`); nothing
in these tests reaches the network. What the bulk calls and schema changes send, and what the
server answers, is tested against a real server in `tests/integration/test_data_row_metadata_*.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from labelbox.exceptions import InvalidMetadataError
from labelbox.schema.data_row_metadata import DataRowMetadataKind, DataRowMetadataSchema

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
