"""Batches: the official SDK's documents (sync and async creation), failures reported per
row, idempotent adds, removal of queued rows, deletion, pages, and rejected input."""

from __future__ import annotations

import pytest
from graphql import parse, validate

from labelbox_server.graphql.schema import build_schema

from . import setup_documents as docs
from .conftest import Api
from .data_helpers import create_dataset, create_row
from .queue_helpers import Labels, batch_project, batch_rows, create_batch, make_rows, queued


@pytest.fixture
def labels(api: Api) -> Labels:
    return Labels(api)


def test_the_official_documents_validate() -> None:
    documents = [
        value
        for name, value in vars(docs).items()
        if name.isupper()
        and isinstance(value, str)
        and value.lstrip().startswith(("query", "mutation"))
    ]
    documents += [
        docs.set_labeling_parameter_overrides([("c1", 1, 2), ("c2", 3, 1)]),
        docs.unset_labeling_parameter_overrides(["c1", "c2"]),
        docs.extend_reservations("LabelingQueue"),
    ]
    documents.remove(docs.GET_LABELING_FRONTEND_OPTIONS_PROJECT)  # rejected, as by Labelbox
    assert len(documents) > 30
    schema = build_schema()
    for document in documents:
        assert validate(schema, parse(document)) == [], document


def test_create_batch_sync(api: Api, unique: str) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 3)
    check = api.data(docs.CHECK_PROCESSED, {"data_row_ids": rows})
    assert check["queryAllDataRowsHaveBeenProcessed"]["allDataRowsHaveBeenProcessed"] is True
    consensus = {"numberOfLabels": 3, "coveragePercentage": 0.5}
    created = create_batch(api, project, unique + "b", rows, 2, consensusSettings=consensus)
    batch = created["batch"]
    assert created["failedDataRowIds"] == []
    assert (batch["name"], batch["size"]) == (unique + "b", 3)
    assert batch["consensusSettingsJson"] == consensus
    found = api.data(docs.GET_PROJECT_BATCH, {"projectId": project, "batchId": batch["id"]})
    assert found["project"]["batches"]["nodes"] == [batch]
    assert batch_rows(api, batch["id"]) == rows
    user = api.data(docs.GET_BATCH_USER, {"param_0": batch["id"]})["batch"]["user"]
    assert user["id"] == api.data("{ user { id } }")["user"]["id"]


def test_create_batch_async(api: Api, unique: str) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 20)
    empty = api.data(
        docs.CREATE_EMPTY_BATCH,
        {"projectId": project, "input": {"name": unique + "b", "consensusSettings": None}},
    )["project"]["createEmptyBatch"]
    task = api.data(
        docs.ADD_DATA_ROWS_TO_BATCH_ASYNC,
        {
            "projectId": project,
            "input": {"batchId": empty["id"], "dataRowIds": rows, "priority": 5},
        },
    )["project"]["addDataRowsToBatchAsync"]
    assert api.data(docs.GET_TASK, {"taskId": task["taskId"]})["task"]["status"] == "COMPLETE"
    found = api.data(docs.GET_PROJECT_BATCH, {"projectId": project, "batchId": empty["id"]})
    assert found["project"]["batches"]["nodes"][0]["size"] == 20
    assert batch_rows(api, empty["id"]) == rows


def test_every_row_not_added_is_reported_with_the_reason(
    api: Api, other_api: Api, unique: str
) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 4)
    dataset = create_dataset(api, unique + "gs")
    unreadable = create_row(api, dataset, "gs://invalid-bucket/example.png")["id"]
    deleted = create_row(api, dataset, "https://x.example/deleted.jpg")["id"]
    api.data(
        "mutation($ids: [ID!]!) { deleteDataRows(where: {dataRowIds: $ids}) { id } }",
        {"ids": [deleted]},
    )
    foreign = make_rows(other_api, unique + "foreign", 1)[0]
    first = create_batch(api, project, unique + "first", rows[:2])
    assert first["failedDataRowIds"] == []

    ids = [
        rows[0],
        rows[2],
        unreadable,
        "cmissing000000000000000000",
        deleted,
        foreign,
        rows[3],
        rows[2],
    ]
    result = api.data(
        "mutation($p: ID!, $input: CreateBatchInput!) { project(where: {id: $p}) {"
        " createBatchV2(input: $input) { batch { id size } failedDataRowIds"
        " failedDataRows { dataRowId error } } } }",
        {"p": project, "input": {"name": unique + "second", "dataRowIds": ids}},
    )["project"]["createBatchV2"]
    assert result["batch"]["size"] == 2
    failures = {f["dataRowId"]: f["error"] for f in result["failedDataRows"]}
    assert list(failures) == result["failedDataRowIds"]
    assert failures == {
        rows[0]: f'The data row is already in batch "{unique}first" of this project',
        unreadable: "The data row's asset cannot be read: gs:// URLs need a delegated access"
        " (IAM) integration",
        "cmissing000000000000000000": "Data row not found",
        deleted: "Data row not found",
        foreign: "Data row not found",
    }
    assert batch_rows(api, result["batch"]["id"]) == [rows[2], rows[3]]
    assert queued(api, project) == [rows[0], rows[1], rows[2], rows[3]]


def test_adding_the_same_rows_again_adds_nothing(api: Api, unique: str) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 5)
    batch = create_batch(api, project, unique + "b", rows[:3])["batch"]
    add = (
        "mutation($p: ID!, $input: AddDataRowsToBatchInput!) { project(where: {id: $p}) {"
        " addDataRowsToBatch(input: $input) { batch { size } failedDataRowIds } } }"
    )
    for _ in range(2):
        result = api.data(
            add, {"p": project, "input": {"batchId": batch["id"], "dataRowIds": rows}}
        )
        added = result["project"]["addDataRowsToBatch"]
        assert added == {"batch": {"size": 5}, "failedDataRowIds": []}
    assert batch_rows(api, batch["id"]) == rows
    assert queued(api, project) == rows


def test_remove_queued_rows_keeps_labeled_ones(api: Api, labels: Labels, unique: str) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 4)
    batch = create_batch(api, project, unique + "b", rows)["batch"]
    labels.add(project, rows[1])
    api.data(docs.REMOVE_QUEUED_DATA_ROWS, {"projectId": project, "batchId": batch["id"]})
    assert batch_rows(api, batch["id"]) == [rows[1]]
    assert queued(api, project) == []
    # The removed rows can go into another batch.
    other = create_batch(api, project, unique + "again", rows)
    assert other["batch"]["size"] == 3
    assert [f for f in other["failedDataRowIds"]] == [rows[1]]


def test_delete_batch(api: Api, labels: Labels, unique: str) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 3)
    kept = create_batch(api, project, unique + "kept", rows[:1])["batch"]
    gone = create_batch(api, project, unique + "gone", rows[1:])["batch"]
    result = api.data(docs.DELETE_BATCH, {"projectId": project, "batchId": gone["id"]})
    assert result["project"]["deleteBatch"] == {"deletedBatchId": gone["id"]}
    listed = api.data(docs.GET_PROJECT_BATCHES, {"projectId": project, "first": 100})
    assert [b["id"] for b in listed["project"]["batches"]["nodes"]] == [kept["id"]]
    assert queued(api, project) == rows[:1]
    # The name is free again; a batch with a labeled row cannot be deleted.
    again = create_batch(api, project, unique + "gone", rows[1:])["batch"]
    labels.add(project, rows[2])
    errors = api.errors(docs.DELETE_BATCH, {"projectId": project, "batchId": again["id"]})
    assert errors[0]["extensions"]["code"] == "OPERATION_NOT_ALLOWED"
    assert "labeled" in errors[0]["message"]


def test_batches_page_by_cursor(api: Api, unique: str) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 5)
    made = [
        create_batch(api, project, f"{unique}{i}", [row])["batch"]["id"]
        for i, row in enumerate(rows)
    ]
    seen: list[str] = []
    cursor = None
    while True:
        page = api.data(
            docs.GET_PROJECT_BATCHES, {"projectId": project, "from": cursor, "first": 2}
        )
        batches = page["project"]["batches"]
        seen += [b["id"] for b in batches["nodes"]]
        cursor = batches["pageInfo"]["endCursor"]
        if not cursor:
            break
    assert seen == made


@pytest.mark.parametrize(
    ("batch_input", "code", "message"),
    [
        ({"priority": 0}, "MALFORMED_REQUEST", "priority: expected 1 (highest) to 5"),
        ({"priority": 6}, "MALFORMED_REQUEST", "priority: expected 1 (highest) to 5"),
        ({"dataRowIds": []}, "MALFORMED_REQUEST", "dataRowIds: a batch needs at least one"),
        ({"name": " "}, "MALFORMED_REQUEST", "name: expected a non-empty string"),
        (
            {"consensusSettings": {"numberOfLabels": 0, "coveragePercentage": 0.5}},
            "MALFORMED_REQUEST",
            "consensusSettings.numberOfLabels",
        ),
        (
            {"consensusSettings": {"numberOfLabels": 2, "coveragePercentage": 1.5}},
            "MALFORMED_REQUEST",
            "consensusSettings.coveragePercentage",
        ),
        ({"name": "taken"}, "RESOURCE_CONFLICT", 'A batch named "taken" already exists'),
    ],
)
def test_invalid_batches_are_rejected(
    api: Api, unique: str, batch_input: dict[str, object], code: str, message: str
) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 1)
    create_batch(api, project, "taken", rows)
    variables = {
        "projectId": project,
        "batchInput": {"name": unique + "b", "dataRowIds": rows, **batch_input},
    }
    errors = api.errors(docs.CREATE_BATCH, variables)
    assert errors[0]["extensions"]["code"] == code
    assert errors[0]["message"].startswith(message), errors[0]["message"]


def test_batches_need_batch_mode(api: Api, unique: str) -> None:
    dataset_mode = batch_project(api, unique + "ds", queueMode="DATA_SET")
    rows = make_rows(api, unique + "rows", 1)
    variables = {"projectId": dataset_mode, "batchInput": {"name": "b", "dataRowIds": rows}}
    errors = api.errors(docs.CREATE_BATCH, variables)
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    assert errors[0]["message"] == "Project must be in batch mode to create batches"


def test_processing_check_names_unknown_ids(api: Api, other_api: Api, unique: str) -> None:
    mine = make_rows(api, unique + "mine", 1)
    theirs = make_rows(other_api, unique + "theirs", 1)
    status = api.data(
        "query($ids: [ID!]!) { queryAllDataRowsHaveBeenProcessed(dataRowIds: $ids)"
        " { allDataRowsHaveBeenProcessed notFoundDataRowIds } }",
        {"ids": mine + theirs + ["cnope"]},
    )["queryAllDataRowsHaveBeenProcessed"]
    assert status == {
        "allDataRowsHaveBeenProcessed": True,
        "notFoundDataRowIds": [*theirs, "cnope"],
    }
