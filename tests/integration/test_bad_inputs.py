"""Bad input to the SDK's public methods is a typed error naming the item and the field,
raised before anything is sent (`wire` records every request the client makes).

The first cases, here, are the reproductions found by fuzzing; the others, the same classes of
problem on the other public inputs, are in one `bad_inputs_<domain>.py` module per domain.
"""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest

import labelbox as lb
from labelbox import DataRow, Project, exceptions
from labelbox.schema.data_row_metadata import shared_ontology

from .bad_inputs_arguments import ARGUMENT_CASES
from .bad_inputs_common import SURROGATE, TAG, URL, Case, ontology
from .bad_inputs_data_rows import DATA_ROW_CASES
from .bad_inputs_filters import FILTER_CASES
from .bad_inputs_metadata import METADATA_CASES
from .bad_inputs_uploads import UPLOAD_CASES

#: The reproductions of the issue.
REPRODUCTIONS: dict[str, Case] = {
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
            else ontology(c).parse_upsert_metadata([{"schema_id": TAG, "value": 10**400}])
        ),
        exceptions.InvalidMetadataError,
        "metadata_fields[0].value",
    ),
}

#: name -> case: the reproductions first, then the same classes of problem on the other inputs.
CASES: dict[str, Case] = {
    **REPRODUCTIONS,
    **DATA_ROW_CASES,
    **METADATA_CASES,
    **FILTER_CASES,
    **ARGUMENT_CASES,
    **UPLOAD_CASES,
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
