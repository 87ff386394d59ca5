"""Finding data rows with our SDK against the real local server: a dataset's rows (pages,
filters, order), external-id lookups, global keys (assign, look up, clear), exports."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

import labelbox as lb
from labelbox import DataRow
from labelbox.exceptions import (
    ResourceNotFoundError,
)
from labelbox.schema.data_row import DataRowItem

from .data_row_helpers import (
    IMAGE_URL,
)


def _page_requests(wire: list[httpx.Request]) -> list[dict[str, Any]]:
    """The variables of the data-row page requests on the wire."""
    bodies = [json.loads(r.content) for r in wire if r.url.path.endswith("/graphql")]
    return [b["variables"] for b in bodies if "GetDatasetDataRowsPyApi" in b["query"]]


def test_data_rows_paging_filtering_and_ordering(
    new_dataset: lb.Dataset, wire: list[httpx.Request]
) -> None:
    # More rows than two pages of 500: the cursor is followed across three pages.
    items: list[DataRowItem] = [
        {"row_data": IMAGE_URL, "external_id": f"x{i:04}"} for i in range(1100)
    ]
    items.append({"row_data": IMAGE_URL, "external_id": "x0001"})
    new_dataset.create_data_rows(items).wait_till_done()
    wire.clear()
    rows = list(new_dataset.data_rows())
    pages = _page_requests(wire)
    assert [page["first"] for page in pages] == [500, 500, 500]
    assert pages[0].get("from") is None
    assert all(isinstance(page["from"], str) and page["from"] for page in pages[1:])
    assert len({page.get("from") for page in pages}) == 3
    assert len(rows) == 1101 and len({row.uid for row in rows}) == 1101  # each row once
    assert sorted(row.external_id or "" for row in rows) == sorted(
        [f"x{i:04}" for i in range(1100)] + ["x0001"]
    )
    descending = [r.external_id for r in new_dataset.data_rows(order_by=DataRow.external_id.desc)]
    assert descending[:2] == ["x1099", "x1098"] and len(descending) == 1101
    assert descending[-3:] == ["x0001", "x0001", "x0000"]
    assert len(new_dataset.data_rows_for_external_id("x0001")) == 2
    assert new_dataset.data_row_for_external_id("x0002").external_id == "x0002"
    with pytest.raises(ResourceNotFoundError):
        new_dataset.data_row_for_external_id("x0001")
    with pytest.raises(ResourceNotFoundError):
        new_dataset.data_rows_for_external_id("nope")


def test_export_data_rows(new_dataset: lb.Dataset) -> None:
    items: list[DataRowItem] = [
        {
            "row_data": IMAGE_URL,
            "external_id": f"e{i}",
            "metadata_fields": [{"name": "tag", "value": f"t{i}"}],
        }
        for i in range(30)
    ]
    new_dataset.create_data_rows(items).wait_till_done()
    exported = list(new_dataset.export_data_rows(include_metadata=True))
    assert sorted(row.external_id or "" for row in exported) == sorted(f"e{i}" for i in range(30))
    assert all(isinstance(row, DataRow) and row.row_data == IMAGE_URL for row in exported)
    assert {row.external_id: [f.value for f in row.metadata] for row in exported}["e7"] == ["t7"]


def test_external_ids_to_data_row_ids(client: lb.Client, new_dataset: lb.Dataset) -> None:
    first = new_dataset.create_data_row(row_data=IMAGE_URL, external_id=f"same-{new_dataset.uid}")
    second = new_dataset.create_data_row(row_data=IMAGE_URL, external_id=f"same-{new_dataset.uid}")
    found = client.get_data_row_ids_for_external_ids([f"same-{new_dataset.uid}", "missing"])
    assert found == {f"same-{new_dataset.uid}": [first.uid, second.uid]}
    assert client.get_data_row_ids_for_external_ids([]) == {}


def test_global_keys(client: lb.Client, new_dataset: lb.Dataset) -> None:
    a = new_dataset.create_data_row(row_data=IMAGE_URL)
    b = new_dataset.create_data_row(row_data=IMAGE_URL)
    key_a, key_b = f"a-{a.uid}", f"b {b.uid}<x>"
    assigned = client.assign_global_keys_to_data_rows(
        [{"data_row_id": a.uid, "global_key": key_a}, {"data_row_id": b.uid, "global_key": key_b}]
    )
    assert assigned["status"] == "SUCCESS"
    by_row = {r["data_row_id"]: r for r in assigned["results"]}
    assert by_row[a.uid] == {"data_row_id": a.uid, "global_key": key_a, "sanitized": False}
    assert by_row[b.uid]["sanitized"] is True and by_row[b.uid]["global_key"] == f"b {b.uid}_x_"

    taken = client.assign_global_keys_to_data_rows([{"data_row_id": b.uid, "global_key": key_a}])
    assert taken["status"] == "FAILURE"
    assert taken["errors"][0]["error"] == "Invalid global key"

    found = client.get_data_row_ids_for_global_keys([key_a, "nobody"])
    assert found["results"] == [a.uid, ""]
    assert found["errors"] == [{"global_key": "nobody", "error": "Data Row not found"}]
    assert found["status"] == "PARTIAL SUCCESS"

    cleared = client.clear_global_keys([key_a])
    # dict(): mypy finds a TypedDict and a dict display never equal (they are).
    assert dict(cleared) == {"status": "SUCCESS", "results": [key_a], "errors": []}
    assert client.get_data_row(a.uid).global_key is None
