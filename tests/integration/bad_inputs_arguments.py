"""Bad names, ids and other arguments for `test_bad_inputs`: names and descriptions, ids,
relationships, global and external ids, timeouts and limits, raw queries and variables."""

from __future__ import annotations

import math
from typing import Any

from labelbox import exceptions

from .bad_inputs_common import SURROGATE, Case

ARGUMENT_CASES: dict[str, Case] = {
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
        lambda c, d, p: c.execute(b"query { user { id } }"),  # type: ignore[call-overload]
        exceptions.InvalidQueryError,
        "query must be a string",
    ),
}


def _nested(depth: int) -> Any:
    value: Any = "leaf"
    for _ in range(depth):
        value = {"n": value}
    return value
