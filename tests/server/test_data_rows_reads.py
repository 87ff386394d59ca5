"""Reading data rows: relationships, the dataset's rows (filter, order, pages), external-id
lookups, and isolation between organizations."""

from __future__ import annotations

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import (
    DATA_ROW_KEYS,
    IMAGE_URL,
    create_dataset,
    create_row,
)
from .test_projects import create_project


def test_relationships_labels_and_labeling_activity(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL)
    got = api.data(docs.GET_DATA_ROW_DATASET, {"param_0": row["id"]})["dataRow"]["dataset"]
    assert got == api.data(docs.GET_DATASET, {"param_0": dataset})["dataset"]
    assert got["rowCount"] == 1
    creator = api.data(docs.GET_DATA_ROW_CREATED_BY, {"param_0": row["id"]})["dataRow"]
    assert creator["createdBy"] == api.data(docs.GET_USER)["user"]
    org = api.data(docs.GET_DATA_ROW_ORGANIZATION, {"param_0": row["id"]})["dataRow"]
    assert org["organization"] == api.data(docs.GET_ORGANIZATION)["organization"]
    labels = api.data(docs.GET_DATA_ROW_LABELS, {"param_0": False, "param_1": row["id"]})
    assert labels == {"dataRow": {"labels": []}}
    project = create_project(api, unique + "p")
    activity = api.data(
        docs.GET_WINNING_LABEL_ID, {"dataRowId": row["id"], "projectId": project["id"]}
    )
    assert activity == {"dataRow": {"labelingActivity": {"selectedLabelId": None}}}


def test_dataset_data_rows_filter_and_order(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    for ext in ("b", "a", "c", "a"):
        create_row(api, dataset, IMAGE_URL, external_id=ext)
    create_row(api, dataset, IMAGE_URL)
    by_ext = api.data(
        docs.GET_DATASET_DATA_ROWS_BY_EXTERNAL_ID, {"param_0": "a", "param_1": dataset}
    )
    assert [r["externalId"] for r in by_ext["dataset"]["dataRows"]] == ["a", "a"]
    ordered = api.data(
        "query($id: ID!, $o: DataRowOrderByInput) { dataset(where: {id: $id}) { "
        "dataRows(orderBy: $o) { externalId } } }",
        {"id": dataset, "o": "externalId_DESC"},
    )["dataset"]["dataRows"]
    assert [r["externalId"] for r in ordered] == ["c", "b", "a", "a", None]
    page = api.data(
        "query($id: ID!) { dataset(where: {id: $id}) { dataRows(skip: 1, first: 2, "
        "orderBy: externalId_ASC, where: {externalId_not: null}) { externalId } } }",
        {"id": dataset},
    )["dataset"]["dataRows"]
    assert [r["externalId"] for r in page] == ["a", "b"]
    plain = api.data(docs.GET_DATASET_DATA_ROWS, {"param_0": dataset})["dataset"]["dataRows"]
    assert len(plain) == 5 and all(set(r) == DATA_ROW_KEYS for r in plain)


def test_external_ids_to_data_row_ids(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    first = create_row(api, dataset, IMAGE_URL, external_id=unique + "same")
    second = create_row(api, dataset, IMAGE_URL, external_id=unique + "same")
    other = create_row(api, create_dataset(api, unique + "e"), IMAGE_URL, external_id=unique + "x")
    found = api.data(
        docs.EXTERNAL_IDS_TO_DATA_ROW_IDS,
        {"externalId_in": [unique + "x", unique + "same", unique + "none"]},
    )["externalIdsToDataRowIds"]
    assert found == [
        {"dataRowId": first["id"], "externalId": unique + "same"},
        {"dataRowId": second["id"], "externalId": unique + "same"},
        {"dataRowId": other["id"], "externalId": unique + "x"},
    ]
    assert api.data(docs.EXTERNAL_IDS_TO_DATA_ROW_IDS, {"externalId_in": []}) == {
        "externalIdsToDataRowIds": []
    }


def test_data_rows_are_isolated(api: Api, other_api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    row = create_row(api, dataset, IMAGE_URL, external_id=unique + "iso", global_key=unique + "iso")
    not_found = ["RESOURCE_NOT_FOUND"]
    assert other_api.error_codes(docs.GET_DATA_ROW, {"param_0": row["id"]}) == not_found
    assert (
        other_api.error_codes(docs.UPDATE_DATA_ROW, {"externalId": "x", "DataRowId": row["id"]})
        == not_found
    )
    assert (
        other_api.error_codes(docs.CREATE_DATA_ROW, {"row_data": IMAGE_URL, "dataset": dataset})
        == not_found
    )
    assert other_api.error_codes(docs.GET_DATASET_DATA_ROWS, {"param_0": dataset}) == not_found
    assert other_api.data(
        docs.EXTERNAL_IDS_TO_DATA_ROW_IDS, {"externalId_in": [unique + "iso"]}
    ) == {"externalIdsToDataRowIds": []}
    # Global keys are per organization: the other one can use the same key.
    theirs = create_row(
        other_api, create_dataset(other_api, unique + "o"), IMAGE_URL, global_key=unique + "iso"
    )
    assert theirs["globalKey"] == unique + "iso"
    assert api.data(docs.GET_DATA_ROW, {"param_0": row["id"]})["dataRow"]["externalId"] == (
        unique + "iso"
    )
