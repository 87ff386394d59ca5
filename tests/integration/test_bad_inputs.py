"""Bad input to the SDK's public methods is a typed error naming the item and the field,
raised before anything is sent (`wire` records every request the client makes).

The first cases are the reproductions found by fuzzing; the others are the same classes of
problem on the other public inputs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest

import labelbox as lb
from labelbox import DataRow, Dataset, Project, exceptions
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataField,
    DataRowMetadataKind,
    DeleteDataRowMetadata,
    shared_ontology,
)

SURROGATE = "bad \ud800 text"
URL = "https://example.com/a.jpg"
TAG = "cko8s9r5v0001h2dk9elqdidh"


def _ontology(client: lb.Client) -> Any:
    return shared_ontology(client)


Call = Callable[[lb.Client, lb.Dataset, lb.Project], Any]

#: name -> (call, exception, text the message must hold: the field, and the item if any).
CASES: dict[str, tuple[Call, type[exceptions.LabelboxError], str]] = {
    # -- the reproductions of the issue
    "a 300-character row_data string": (
        lambda c, d, p: d.create_data_rows(["x" * 300]),
        exceptions.InvalidDataRowError,
        "item 0: row_data: no such local file",
    ),
    "row_data with a lone surrogate": (
        lambda c, d, p: d.create_data_rows([URL, {"row_data": SURROGATE}]),
        exceptions.InvalidDataRowError,
        "item 1: row_data: contains a lone surrogate",
    ),
    "where= with bytes": (
        lambda c, d, p: list(c.get_projects(where=Project.name == b"cats")),
        exceptions.InvalidQueryError,
        "Project.name: a bytes is not a filter value",
    ),
    "where= with datetime.min": (
        lambda c, d, p: list(c.get_projects(where=Project.created_at >= datetime.min)),
        exceptions.InvalidQueryError,
        "Project.created_at",
    ),
    "a metadata number of 10**400": (
        lambda c, d, p: (
            d.create_data_rows(
                [{"row_data": URL, "metadata_fields": [{"name": "score-unused", "value": 1}]}]
            )
            if False
            else _ontology(c).parse_upsert_metadata([{"schema_id": TAG, "value": 10**400}])
        ),
        exceptions.InvalidMetadataError,
        "metadata_fields[0].value",
    ),
    # -- data rows: the same classes of problem on the other fields
    "a 5,000-character path": (
        lambda c, d, p: d.create_data_rows(["/tmp/" + "a" * 5000]),
        exceptions.InvalidDataRowError,
        "item 0: row_data",
    ),
    "a path with a NUL": (
        lambda c, d, p: d.create_data_row(row_data="/tmp/a\x00b.jpg", external_id="x\x00"),
        exceptions.InvalidDataRowError,
        "row_data: contains a NUL",
    ),
    "an external id with a lone surrogate": (
        lambda c, d, p: d.create_data_rows([{"row_data": URL, "external_id": SURROGATE}]),
        exceptions.InvalidDataRowError,
        "item 0: external_id",
    ),
    "a global key with a lone surrogate": (
        lambda c, d, p: d.create_data_row(row_data=URL, global_key=SURROGATE),
        exceptions.InvalidDataRowError,
        "global_key",
    ),
    "an attachment value with a lone surrogate": (
        lambda c, d, p: d.create_data_rows(
            [{"row_data": URL, "attachments": [{"type": "RAW_TEXT", "value": SURROGATE}]}]
        ),
        exceptions.InvalidDataRowError,
        "item 0: attachments[0].value",
    ),
    "row data of bytes inside a dict": (
        lambda c, d, p: d.create_data_rows([{"row_data": {"pdfUrl": b"x"}}]),
        exceptions.InvalidDataRowError,
        "item 0: row_data: cannot be sent as JSON",
    ),
    "row data with NaN inside a dict": (
        lambda c, d, p: d.create_data_rows([{"row_data": {"bounds": [[math.nan, 0]]}}]),
        exceptions.InvalidDataRowError,
        "item 0: row_data",
    ),
    "a string instead of a list of items": (
        lambda c, d, p: d.create_data_rows(URL),  # type: ignore[arg-type]
        exceptions.InvalidDataRowError,
        "items: pass a list",
    ),
    "a number instead of a list of items": (
        lambda c, d, p: d.create_data_rows(5),  # type: ignore[arg-type]
        exceptions.InvalidDataRowError,
        "items",
    ),
    "an attachment value with a lone surrogate on a data row": (
        lambda c, d, p: DataRow(c, _fake_row()).create_attachment("RAW_TEXT", SURROGATE),
        exceptions.InvalidDataRowError,
        "attachment_value",
    ),
    "an unhashable attachment type": (
        lambda c, d, p: DataRow(c, _fake_row()).create_attachment(["IMAGE"], "x"),  # type: ignore[arg-type]
        exceptions.InvalidDataRowError,
        "attachment_type",
    ),
    "bulk_delete of something that is not a data row": (
        lambda c, d, p: DataRow.bulk_delete([DataRow(c, _fake_row()), 42]),  # type: ignore[list-item]
        exceptions.InvalidAttributeError,
        "not an object or an id: 42",
    ),
    # -- metadata
    "a metadata string with a lone surrogate": (
        lambda c, d, p: d.create_data_rows(
            [{"row_data": URL, "metadata_fields": [{"name": "tag", "value": SURROGATE}]}]
        ),
        exceptions.InvalidMetadataError,
        "item 0: metadata_fields[0].value",
    ),
    "a metadata schema name with a lone surrogate": (
        lambda c, d, p: _ontology(c).create_schema(SURROGATE, DataRowMetadataKind.string),
        exceptions.InvalidMetadataError,
        "name: contains a lone surrogate",
    ),
    "a metadata field name with a NUL": (
        lambda c, d, p: _ontology(c).parse_upsert_metadata([{"name": "t\x00g", "value": "x"}]),
        exceptions.InvalidMetadataError,
        "metadata_fields[0].name",
    ),
    "a data row id with a lone surrogate in an upsert": (
        lambda c, d, p: _ontology(c).bulk_upsert(
            [
                DataRowMetadata(
                    data_row_id=SURROGATE, fields=[DataRowMetadataField(schema_id=TAG, value="x")]
                )
            ]
        ),
        exceptions.InvalidMetadataError,
        "item 0: data_row_id",
    ),
    "an embedding with 10**400": (
        lambda c, d, p: _ontology(c).parse_upsert_metadata(
            [{"name": "embedding", "value": [10**400] * 128}]
        ),
        exceptions.InvalidMetadataError,
        "metadata_fields[0].value",
    ),
    "a metadata datetime without a UTC time": (
        lambda c, d, p: _ontology(c).parse_upsert_metadata(
            [
                {
                    "name": "captureDateTime",
                    "value": datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
                }
            ]
        ),
        exceptions.InvalidMetadataError,
        "metadata_fields[0].value",
    ),
    "bulk_upsert of a dict": (
        lambda c, d, p: _ontology(c).bulk_upsert({"data_row_id": "x"}),  # type: ignore[arg-type]
        exceptions.InvalidMetadataError,
        "metadata: pass a list",
    ),
    "bulk_delete of a number": (
        lambda c, d, p: _ontology(c).bulk_delete(7),  # type: ignore[arg-type]
        exceptions.InvalidMetadataError,
        "deletes",
    ),
    "parse_metadata of rows without ids": (
        lambda c, d, p: _ontology(c).parse_metadata([{"fields": []}]),
        exceptions.InvalidMetadataError,
        "item 0: dataRowId",
    ),
    "parse_metadata_fields without schema ids": (
        lambda c, d, p: _ontology(c).parse_metadata_fields([{"value": 1}]),
        exceptions.InvalidMetadataError,
        "fields[0]",
    ),
    "a delete of a data row id with a NUL": (
        lambda c, d, p: _ontology(c).bulk_delete(
            [DeleteDataRowMetadata(data_row_id="a\x00", fields=[TAG])]
        ),
        exceptions.InvalidMetadataError,
        "item 0: data_row_id",
    ),
    # -- filters and orderings
    "where= with NaN": (
        lambda c, d, p: list(c.get_datasets(where=Dataset.row_count > math.nan)),
        exceptions.InvalidQueryError,
        "Dataset.row_count",
    ),
    "where= with 10**400": (
        lambda c, d, p: list(c.get_datasets(where=Dataset.row_count > 10**400)),
        exceptions.InvalidQueryError,
        "Dataset.row_count",
    ),
    "where= with a lone surrogate": (
        lambda c, d, p: list(c.get_projects(where=Project.name == SURROGATE)),
        exceptions.InvalidQueryError,
        "Project.name: the value contains a lone surrogate",
    ),
    "where= with a field as the value": (
        lambda c, d, p: list(c.get_projects(where=Project.name == Project.description)),
        exceptions.InvalidQueryError,
        "Project.name",
    ),
    "where= on a data row relationship with bytes": (
        lambda c, d, p: list(d.data_rows(where=DataRow.external_id == b"x")),
        exceptions.InvalidQueryError,
        "DataRow.external_id",
    ),
    "where= that is a string": (
        lambda c, d, p: list(c.get_projects(where="name = 'x'")),  # type: ignore[arg-type]
        exceptions.InvalidQueryError,
        "Not a filter expression",
    ),
    "order_by= that is a string": (
        lambda c, d, p: list(d.data_rows(order_by="external_id")),  # type: ignore[arg-type]
        exceptions.InvalidQueryError,
        "order_by",
    ),
    "get_many of a string": (
        lambda c, d, p: c.get_projects().get_many("3"),  # type: ignore[arg-type]
        exceptions.InvalidQueryError,
        "get_many",
    ),
    # -- names, ids and other arguments
    "a project name with a lone surrogate": (
        lambda c, d, p: c.create_project(name=SURROGATE),
        exceptions.InvalidAttributeError,
        "'name'",
    ),
    "a dataset description with a NUL": (
        lambda c, d, p: d.update(description="a\x00b"),
        exceptions.InvalidAttributeError,
        "'description'",
    ),
    "an id with a lone surrogate": (
        lambda c, d, p: c.get_project(SURROGATE),
        exceptions.InvalidAttributeError,
        "'id'",
    ),
    "an id that is a number": (
        lambda c, d, p: c.get_dataset(12345),  # type: ignore[arg-type]
        exceptions.InvalidAttributeError,
        "'id'",
    ),
    "connecting a string to a relationship": (
        lambda c, d, p: p.datasets.connect("not a dataset"),  # type: ignore[arg-type]
        exceptions.InvalidQueryError,
        "relates Dataset objects",
    ),
    "global keys that are one string": (
        lambda c, d, p: c.get_data_row_ids_for_global_keys("key"),  # type: ignore[arg-type]
        exceptions.InvalidDataRowError,
        "global_keys: pass a list",
    ),
    "a global key to clear with a lone surrogate": (
        lambda c, d, p: c.clear_global_keys(["ok", SURROGATE]),
        exceptions.InvalidDataRowError,
        "item 1: global_keys",
    ),
    "a global key assignment that is not a dict": (
        lambda c, d, p: c.assign_global_keys_to_data_rows([("row", "key")]),  # type: ignore[list-item]
        exceptions.InvalidDataRowError,
        "item 0",
    ),
    "a timeout of NaN": (
        lambda c, d, p: c.get_data_row_ids_for_global_keys(["k"], timeout_seconds=math.nan),
        exceptions.InvalidAttributeError,
        "timeout_seconds",
    ),
    "an export timeout below zero": (
        lambda c, d, p: d.export_data_rows(timeout_seconds=-1),
        exceptions.InvalidAttributeError,
        "timeout_seconds",
    ),
    "a lookup limit of zero": (
        lambda c, d, p: d.data_rows_for_external_id("x", limit=0),
        exceptions.InvalidAttributeError,
        "limit",
    ),
    "external ids that are one string": (
        lambda c, d, p: c.get_data_row_ids_for_external_ids("abc"),  # type: ignore[arg-type]
        exceptions.InvalidAttributeError,
        "external_ids",
    ),
    "raw variables of bytes": (
        lambda c, d, p: c.execute("query Q($n: String) { user { id } }", {"n": b"x"}),
        exceptions.InvalidQueryError,
        "variables.n: bytes is not a JSON value",
    ),
    "raw variables with a lone surrogate": (
        lambda c, d, p: c.execute("query Q($n: String) { user { id } }", {"n": ["ok", SURROGATE]}),
        exceptions.InvalidQueryError,
        "variables.n[1]",
    ),
    "raw variables nested 5,000 deep": (
        lambda c, d, p: c.execute("query Q($n: JSON) { user { id } }", {"n": _nested(5000)}),
        exceptions.InvalidQueryError,
        "nested",
    ),
    "a raw query that is not a string": (
        lambda c, d, p: c.execute(b"query { user { id } }"),  # type: ignore[arg-type]
        exceptions.InvalidQueryError,
        "query must be a string",
    ),
    # -- uploads
    "upload text with a lone surrogate": (
        lambda c, d, p: c.upload_data(SURROGATE, "a.txt"),
        exceptions.InvalidAttributeError,
        "'content'",
    ),
    "upload of a number": (
        lambda c, d, p: c.upload_data(42),  # type: ignore[arg-type]
        exceptions.InvalidAttributeError,
        "'content'",
    ),
    "an upload file name with a line break": (
        lambda c, d, p: c.upload_data(b"x", "a\r\nContent-Type: text/html"),
        exceptions.InvalidAttributeError,
        "'filename'",
    ),
    "an upload file name with a lone surrogate": (
        lambda c, d, p: c.upload_data(b"x", SURROGATE),
        exceptions.InvalidAttributeError,
        "'filename'",
    ),
    "an upload content type that is not one": (
        lambda c, d, p: c.upload_data(b"x", "a.txt", "text/plain\r\nX-Injected: 1"),
        exceptions.InvalidAttributeError,
        "'content_type'",
    ),
    "an upload of a file that does not exist": (
        lambda c, d, p: c.upload_file("/no/such/file.png"),
        exceptions.InvalidAttributeError,
        "'path'",
    ),
    "an upload of a path too long for the file system": (
        lambda c, d, p: c.upload_file("/tmp/" + "a" * 300),
        exceptions.InvalidAttributeError,
        "'path'",
    ),
}


def _nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = {"n": value}
    return value


def _fake_row() -> dict[str, Any]:
    now = "2024-01-01T00:00:00.000Z"
    return {
        "id": "ckfakerow000000000000000",
        "rowData": URL,
        "createdAt": now,
        "updatedAt": now,
        "mediaAttributes": {},
        "customMetadata": [],
        "metadataFields": [],
    }


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_a_typed_error_before_anything_is_sent(
    case: str,
    client: lb.Client,
    dataset: lb.Dataset,
    project: lb.Project,
    wire: list[httpx.Request],
) -> None:
    call, expected, text = CASES[case]
    shared_ontology(client)  # fetched up front, so that only the call is watched
    wire.clear()
    with pytest.raises(expected) as raised:
        result = call(client, dataset, project)
        if hasattr(result, "__next__"):
            next(result)
    assert text in str(raised.value)
    assert wire == []


def test_valid_unicode_is_sent_as_given(client: lb.Client, dataset: lb.Dataset) -> None:
    text = "ünïcödé 😀 中文 \u2028 tab\there"
    row = dataset.create_data_row(row_data=URL, external_id=text, global_key=f"{dataset.uid} 😀")
    assert client.get_data_row(row.uid).external_id == text
    assert [r.uid for r in dataset.data_rows(where=DataRow.external_id == text)] == [row.uid]
