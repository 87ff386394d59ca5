"""Global-key jobs: assign, look up, clear (and their `*Result` queries)."""

from __future__ import annotations

from typing import Any

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import IMAGE_URL, create_dataset, create_row


def assign(api: Api, links: list[dict[str, str]]) -> dict[str, Any]:
    job = api.data(docs.ASSIGN_GLOBAL_KEYS, {"globalKeyDataRowLinks": links})
    result = api.data(
        docs.ASSIGN_GLOBAL_KEYS_RESULT, {"jobId": job["assignGlobalKeysToDataRows"]["jobId"]}
    )["assignGlobalKeysToDataRowsResult"]
    assert result["jobStatus"] == "COMPLETE"
    data: dict[str, Any] = result["data"]
    return data


def lookup(api: Api, keys: list[str]) -> dict[str, Any]:
    job = api.data(docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS, {"globalKeys": keys})
    result = api.data(
        docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS_RESULT, {"jobId": job["dataRowsForGlobalKeys"]["jobId"]}
    )["dataRowsForGlobalKeysResult"]
    assert result["jobStatus"] == "COMPLETE"
    data: dict[str, Any] = result["data"]
    return data


def clear(api: Api, keys: list[str]) -> dict[str, Any]:
    job = api.data(docs.CLEAR_GLOBAL_KEYS, {"globalKeys": keys})
    result = api.data(docs.CLEAR_GLOBAL_KEYS_RESULT, {"jobId": job["clearGlobalKeys"]["jobId"]})[
        "clearGlobalKeysResult"
    ]
    assert result["jobStatus"] == "COMPLETE"
    data: dict[str, Any] = result["data"]
    return data


def link(row: dict[str, Any], key: str) -> dict[str, str]:
    return {"dataRowId": row["id"], "globalKey": key}


def test_assign(api: Api, other_api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    rows = [create_row(api, dataset, IMAGE_URL) for _ in range(8)]
    used = create_row(api, dataset, IMAGE_URL, global_key=unique + "used")
    theirs = create_row(other_api, create_dataset(other_api, unique + "o"), IMAGE_URL)
    links = [
        link(rows[0], unique + "plain"),
        link(rows[1], unique + "needs|sanitizing"),
        link(rows[2], unique + "used"),
        link(rows[3], "k" * 201),
        link(rows[4], " " + unique + "lead"),
        link(rows[5], unique + "double  space"),
        link(rows[6], unique + "plain"),  # second use in the request
        link(rows[7], ""),
        link(theirs, unique + "theirs"),
        {"dataRowId": "cunknown000000000000000000", "globalKey": unique + "nobody"},
        link(used, unique + "used"),  # the row's own key
    ]
    data = assign(api, links)
    assert data["unmodifiedAssignments"] == [links[0], links[10]]
    assert data["sanitizedAssignments"] == [link(rows[1], unique + "needs_sanitizing")]
    assert data["invalidGlobalKeyAssignments"] == [links[i] for i in (2, 3, 4, 5, 6, 7)]
    assert data["accessDeniedAssignments"] == [links[8], links[9]]
    got = api.data(docs.GET_DATA_ROW, {"param_0": rows[1]["id"]})["dataRow"]
    assert got["globalKey"] == unique + "needs_sanitizing"
    assert api.data(docs.GET_DATA_ROW, {"param_0": rows[6]["id"]})["dataRow"]["globalKey"] is None
    # Moving keys between rows of one request works (old keys are freed first).
    swapped = assign(api, [link(rows[0], unique + "x"), link(rows[2], unique + "plain")])
    assert swapped["invalidGlobalKeyAssignments"] == [link(rows[2], unique + "plain")]


def test_lookup(api: Api, other_api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    kept = create_row(api, dataset, IMAGE_URL, global_key=unique + "kept")
    gone = create_row(api, dataset, IMAGE_URL, global_key=unique + "gone")
    api.data(docs.delete_data_rows([gone["id"]]))
    other_key = unique + "theirs"
    create_row(other_api, create_dataset(other_api, unique + "o"), IMAGE_URL, global_key=other_key)
    keys = [unique + "missing", unique + "kept", unique + "gone", other_key]
    data = lookup(api, keys)
    assert data["fetchedDataRows"] == [{"id": ""}, {"id": kept["id"]}, {"id": ""}, {"id": ""}]
    assert data["notFoundGlobalKeys"] == [unique + "missing", other_key]
    assert data["deletedDataRowGlobalKeys"] == [unique + "gone"]
    assert data["accessDeniedGlobalKeys"] == []
    # A deleted row keeps its key: nobody else can take it.
    taken = api.errors(
        docs.CREATE_DATA_ROW,
        {"row_data": IMAGE_URL, "global_key": unique + "gone", "dataset": dataset},
    )
    assert taken[0]["extensions"]["code"] == "RESOURCE_CONFLICT"


def test_clear(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL, global_key=unique + "a")
    data = clear(api, [unique + "a", unique + "nope", unique + "a"])
    assert data == {
        "clearedGlobalKeys": [unique + "a"],
        "failedToClearGlobalKeys": [],
        "notFoundGlobalKeys": [unique + "nope"],
        "accessDeniedGlobalKeys": [],
    }
    assert api.data(docs.GET_DATA_ROW, {"param_0": row["id"]})["dataRow"]["globalKey"] is None
    assert create_row(api, dataset, IMAGE_URL, global_key=unique + "a")["globalKey"] == unique + "a"


def test_job_ids(api: Api, other_api: Api) -> None:
    job = api.data(docs.CLEAR_GLOBAL_KEYS, {"globalKeys": []})["clearGlobalKeys"]["jobId"]
    assert api.error_codes(docs.ASSIGN_GLOBAL_KEYS_RESULT, {"jobId": job}) == ["RESOURCE_NOT_FOUND"]
    assert other_api.error_codes(docs.CLEAR_GLOBAL_KEYS_RESULT, {"jobId": job}) == [
        "RESOURCE_NOT_FOUND"
    ]
    unknown = "cunknown000000000000000000"
    for document in (
        docs.ASSIGN_GLOBAL_KEYS_RESULT,
        docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS_RESULT,
        docs.CLEAR_GLOBAL_KEYS_RESULT,
    ):
        assert api.error_codes(document, {"jobId": unknown}) == ["RESOURCE_NOT_FOUND"]
