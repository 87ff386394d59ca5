"""`export_data_rows` streams: each row is given as soon as its line has arrived, so memory
stays constant however large the export.

The export body is produced lazily (an injected transport's body iterator): the test sees
which rows the SDK had yielded by the time each later part of the body was read. An SDK
that read the whole body before yielding would have yielded nothing by then.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx

import labelbox as lb

ENDPOINT = "http://labelbox.test/graphql"
EXPORT_URL = "http://labelbox.test/files/export.ndjson?signature=s"
NOW = "2024-01-01T00:00:00.000Z"
ROWS = 2000


def _line(number: int) -> bytes:
    row: dict[str, Any] = {
        "id": f"row{number}",
        "externalId": f"e{number}",
        "globalKey": None,
        "rowData": f"https://example.com/{number}.jpg",
        "mediaType": "IMAGE",
        "createdAt": NOW,
        "updatedAt": NOW,
        "mediaAttributes": {},
        "customMetadata": [],
        "metadataFields": [],
    }
    return json.dumps(row).encode() + b"\n"


def test_rows_are_yielded_while_the_body_is_still_arriving() -> None:
    received: list[str] = []
    #: For each chunk of the body, how many rows the caller had when it was read.
    seen_at_chunk: list[int] = []

    def body() -> Iterator[bytes]:
        for number in range(ROWS):
            seen_at_chunk.append(len(received))
            yield _line(number)

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/files/"):
            assert "Authorization" not in request.headers
            return httpx.Response(200, content=body())
        export = {"downloadUrl": EXPORT_URL, "createdAt": NOW, "status": "COMPLETE"}
        return httpx.Response(200, json={"data": {"exportDatasetDataRows": export}})

    client = lb.Client(api_key="key", endpoint=ENDPOINT, transport=httpx.MockTransport(handler))
    dataset = lb.Dataset(
        client,
        {
            "id": "d1",
            "name": "d",
            "description": "",
            "rowCount": ROWS,
            "createdAt": NOW,
            "updatedAt": NOW,
        },
    )
    for row in dataset.export_data_rows():
        received.append(row.external_id or "")
    assert received == [f"e{number}" for number in range(ROWS)]
    assert len(seen_at_chunk) == ROWS
    # When the last line was produced, all rows but the few in flight had been given out.
    assert seen_at_chunk[-1] >= ROWS - 2
    # And at every point, the rows given lag the body read by a bounded amount.
    assert max(chunk - seen for chunk, seen in enumerate(seen_at_chunk)) <= 2
