"""Filters (`where=`) as they go on the wire: any length of `&` chain, values checked."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import httpx
import pytest

import labelbox as lb
from labelbox import Project, exceptions
from labelbox.orm.comparison import LogicalExpressionComponent

ENDPOINT = "http://labelbox.test/graphql"


def _recording_client(bodies: list[dict[str, object]]) -> lb.Client:
    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return httpx.Response(200, json={"data": {"projects": []}})

    return lb.Client(api_key="key", endpoint=ENDPOINT, transport=httpx.MockTransport(handler))


def test_a_chain_of_1500_filters_is_sent_as_one_flat_and() -> None:
    where: LogicalExpressionComponent = Project.name == "p"
    for i in range(1500):
        where = where & (Project.name == f"p{i}")
    bodies: list[dict[str, object]] = []
    assert list(_recording_client(bodies).get_projects(where=where)) == []
    (body,) = bodies
    clauses = body["variables"]["where"]["AND"]  # type: ignore[index]
    assert clauses == [{"name": "p"}, *({"name": f"p{i}"} for i in range(1500)), {"deleted": False}]


@pytest.mark.parametrize(
    ("value", "wire"),
    [
        ("cats", "cats"),
        (datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc), "2024-05-06T07:08:09.000Z"),
        (date(2024, 5, 6), "2024-05-06"),
        (lb.MediaType.Image, "IMAGE"),
        (3, 3),
        (2.5, 2.5),
        (True, True),
    ],
)
def test_valid_filter_values_are_sent_as_given(value: object, wire: object) -> None:
    bodies: list[dict[str, object]] = []
    list(_recording_client(bodies).get_projects(where=Project.name == value))
    assert bodies[0]["variables"]["where"]["AND"][0] == {"name": wire}  # type: ignore[index]


def test_or_and_not_are_refused_before_sending() -> None:
    bodies: list[dict[str, object]] = []
    client = _recording_client(bodies)
    for where in [(Project.name == "a") | (Project.name == "b"), ~(Project.name == "a")]:
        with pytest.raises(exceptions.InvalidQueryError, match="only AND"):
            list(client.get_projects(where=where))
    assert bodies == []
