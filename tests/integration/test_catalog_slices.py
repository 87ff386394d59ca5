"""Catalog slices with our SDK against a real server: `client.get_catalog_slice` and
`CatalogSlice.get_data_row_ids` (slices are made with the server's `createCatalogSlice`)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest

import labelbox as lb
from labelbox.exceptions import InvalidAttributeError, ResourceNotFoundError
from labelbox.schema.slice import CatalogSlice, Slice

CREATE_SLICE = """mutation($name: String!, $description: String, $filter: Json!) {
    createCatalogSlice(data: {name: $name, description: $description, filter: $filter}) { id } }"""


def _create(client: lb.Client, filter_: list[dict[str, Any]]) -> str:
    created = client.execute(
        CREATE_SLICE, {"name": "cats", "description": "only cats", "filter": filter_}
    )
    assert created is not None
    slice_id: str = created["createCatalogSlice"]["id"]
    return slice_id


def test_a_slice_lists_the_ids_of_its_rows(client: lb.Client) -> None:
    dataset = client.create_dataset(name=f"catalog slices {uuid.uuid4().hex[:6]}")
    rows = [
        dataset.create_data_row(row_data=f"https://x.example/{i}.jpg", external_id=f"cat-{i}")
        for i in range(150)
    ]
    dataset.create_data_row(row_data="https://x.example/dog.jpg", external_id="dog")
    filter_: list[dict[str, Any]] = [
        {"type": "dataset", "operator": "is", "ids": [dataset.uid]},
        {"type": "external_id", "operator": "starts_with", "value": "cat-"},
    ]
    found = client.get_catalog_slice(_create(client, filter_))
    assert isinstance(found, CatalogSlice) and isinstance(found, Slice)
    assert (found.name, found.description, found.filter) == ("cats", "only cats", filter_)
    assert isinstance(found.created_at, datetime)
    ids = list(found.get_data_row_ids())
    assert ids == sorted(row.uid for row in rows)  # 2 pages
    assert found.get_data_row_ids().get_many(3) == ids[:3]


def test_unknown_slices_and_bad_ids(client: lb.Client, sent: list[str]) -> None:
    with pytest.raises(InvalidAttributeError):
        client.get_catalog_slice(42)  # type: ignore[arg-type]
    assert sent == []
    with pytest.raises(ResourceNotFoundError):
        client.get_catalog_slice("cl" + uuid.uuid4().hex[:23])
