"""To-one relationships the schema makes non-null (`Label.dataRow: DataRow!`) are typed
without None; if the server still answers null (the source is gone), the call raises
`ResourceNotFoundError` instead of returning a None the types do not admit. Nullable ones
(`Label.createdBy: User`) still give None."""

from __future__ import annotations

import httpx
import pytest

import labelbox as lb
from labelbox.exceptions import ResourceNotFoundError

NOW = "2024-01-01T00:00:00.000Z"
LABEL = {
    "id": "l1",
    "label": "{}",
    "secondsToLabel": 1.0,
    "agreement": None,
    "benchmarkAgreement": None,
    "isBenchmarkReference": False,
    "createdAt": NOW,
    "updatedAt": NOW,
}


def _label_answering(data: object) -> lb.Label:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": data})

    transport = httpx.MockTransport(answer)
    client = lb.Client(api_key="key", endpoint="http://labelbox.test/graphql", transport=transport)
    return lb.Label(client, LABEL)


def test_a_required_relationship_of_a_vanished_source_raises_not_found() -> None:
    label = _label_answering({"label": None})
    with pytest.raises(ResourceNotFoundError, match="l1"):
        label.data_row()
    with pytest.raises(ResourceNotFoundError):
        label.project()


def test_a_nullable_relationship_still_gives_none() -> None:
    assert _label_answering({"label": {"createdBy": None}}).created_by() is None
    assert _label_answering({"label": None}).created_by() is None
