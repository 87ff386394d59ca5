"""What the data-row metadata tests (`test_data_row_metadata_*.py`) share: reserved schema
ids, values, rows to put metadata on, and what went over the wire. Their `mdo` fixture is in
`conftest.py`."""

from __future__ import annotations

import json
import re
import uuid
from datetime import datetime, timezone
from typing import Any

import httpx

import labelbox as lb
from labelbox.schema.data_row_metadata import DataRowMetadata

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
