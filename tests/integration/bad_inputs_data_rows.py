"""Bad inputs of data rows for `test_bad_inputs`: the classes of problem fuzzing found, on
every field of a data row, its attachments and bulk deletes."""

from __future__ import annotations

import math
from typing import Any

from labelbox import DataRow, exceptions

from .bad_inputs_common import SURROGATE, URL, Case

DATA_ROW_CASES: dict[str, Case] = {
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
        # A str is an Iterable of str items, so this type-checks: only the run time tells.
        lambda c, d, p: d.create_data_rows(URL),
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
}


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
