"""Dataset exports: NDJSON with every DataRow key; reused while current; recorded as tasks."""

from __future__ import annotations

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import (
    DATA_ROW_KEYS,
    IMAGE_URL,
    TAG_SCHEMA_ID,
    create_dataset,
    create_row,
    export_rows,
    my_id,
    wait_task,
)

EXPORT_KEYS = DATA_ROW_KEYS | {"mediaType"}


def test_export(api: Api, other_api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    tag = [{"schemaId": TAG_SCHEMA_ID, "value": "t"}]
    rows = [
        create_row(
            api, dataset, IMAGE_URL, external_id="a", global_key=unique + "a", metadata_fields=tag
        ),
        create_row(api, dataset, "text", external_id="b"),
        create_row(api, dataset, IMAGE_URL, external_id="c"),
    ]
    api.data(docs.delete_data_rows([rows[2]["id"]]))
    plain = export_rows(api, dataset)
    assert [line["id"] for line in plain] == [rows[0]["id"], rows[1]["id"]]
    assert all(set(line) == EXPORT_KEYS for line in plain)
    first = {k: v for k, v in plain[0].items() if k != "mediaType"}
    assert first == {**rows[0], "customMetadata": [], "metadataFields": []}
    assert plain[0]["mediaType"] == "IMAGE"
    with_metadata = export_rows(api, dataset, include_metadata=True)
    assert with_metadata[0]["customMetadata"] == rows[0]["customMetadata"]
    assert with_metadata[0]["metadataFields"] == rows[0]["metadataFields"]
    assert other_api.error_codes(
        docs.EXPORT_DATASET_DATA_ROWS, {"datasetId": dataset, "includeMetadataInput": False}
    ) == ["RESOURCE_NOT_FOUND"]


def test_export_is_reused_until_the_rows_change(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    create_row(api, dataset, IMAGE_URL)
    variables = {"datasetId": dataset, "includeMetadataInput": False}
    started = api.data(docs.EXPORT_DATASET_DATA_ROWS, variables)["exportDatasetDataRows"]
    again = api.data(docs.EXPORT_DATASET_DATA_ROWS, variables)["exportDatasetDataRows"]
    assert again["createdAt"] == started["createdAt"]  # the one in progress (or done)
    assert len(export_rows(api, dataset)) == 1
    done = api.data(docs.EXPORT_DATASET_DATA_ROWS, variables)["exportDatasetDataRows"]
    assert done["status"] == "COMPLETE" and done["createdAt"] == started["createdAt"]
    assert api.client.head(done["downloadUrl"]).headers["content-type"] == "application/x-ndjson"
    create_row(api, dataset, "more")
    fresh = api.data(docs.EXPORT_DATASET_DATA_ROWS, variables)["exportDatasetDataRows"]
    assert fresh["createdAt"] > started["createdAt"]
    assert len(export_rows(api, dataset)) == 2
    tasks = api.data(
        "query($id: ID!) { user(where: {id: $id}) { createdTasks(where: {name: "
        '"Export dataset data rows"}) { id status result } } }',
        {"id": my_id(api)},
    )["user"]["createdTasks"]
    assert len(tasks) >= 2
    for task in tasks:
        wait_task(api, task["id"])


def test_empty_dataset_export(api: Api, unique: str) -> None:
    assert export_rows(api, create_dataset(api, unique + "d")) == []
