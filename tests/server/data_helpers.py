"""Helpers for data-row tests: datasets, descriptor imports, tasks, rows."""

from __future__ import annotations

import json
import time
from typing import Any

from . import sdk_documents as docs
from .conftest import Api

IMAGE_URL = "https://storage.example.com/images/dog.jpg"
TAG_SCHEMA_ID = "cko8s9r5v0001h2dk9elqdidh"
SPLIT_SCHEMA_ID = "cko8sbczn0002h2dkdaxb5kal"
TRAIN_OPTION_ID = "cko8sbscr0003h2dk04w86hof"
TEST_OPTION_ID = "cko8scbz70005h2dkastwhgqt"
CAPTURE_DATETIME_SCHEMA_ID = "cko8sdzv70006h2dk8jg64zvb"
EMBEDDING_SCHEMA_ID = "ckpyije740000yxdk81pbgjdc"
PRECOMPUTED_EMBEDDING_ID = "ckrzang79000008l6hb5s6za1"
CONVERSATION = {
    "type": "application/vnd.labelbox.conversational",
    "version": 1,
    "messages": [
        {
            "messageId": "message-0",
            "timestampUsec": 1530718491,
            "content": "I love iphone! i just bought new iphone! :smiling_face_with_3_hearts:",
            "user": {"userId": "Bot 002", "name": "Bot"},
            "align": "left",
            "canLabel": False,
        }
    ],
}
DATA_ROW_KEYS = {
    "createdAt",
    "externalId",
    "globalKey",
    "mediaAttributes",
    "customMetadata",
    "metadataFields",
    "rowData",
    "id",
    "updatedAt",
}
TILED = {
    "tileLayerUrl": "https://s3-us-west-1.amazonaws.com/lb-tiler-layers/mexico_city/{z}/{x}/{y}.png",
    "bounds": [[19.405662413477728, -99.21052827588443], [19.400498983095076, -99.20534818927473]],
    "minZoom": 12,
    "maxZoom": 20,
    "epsg": "EPSG4326",
    "alternativeLayers": [{"tileLayerUrl": "https://x/{z}/{x}/{y}.png", "name": "Satellite"}],
}
PDF = {"pdfUrl": "https://storage.example.com/doc.pdf", "textLayerUrl": "https://x/text.json"}


def create_dataset(api: Api, name: str) -> str:
    dataset_id: str = api.data(docs.CREATE_DATASET_PLAIN, {"name": name, "description": ""})[
        "createDataset"
    ]["id"]
    return dataset_id


def upload_descriptor(api: Api, rows: list[Any]) -> str:
    """Upload a descriptor as `create_data_rows` does (`json_import.json`)."""
    return api.upload(json.dumps(rows).encode(), "json_import.json", "application/json")


def my_id(api: Api) -> str:
    user_id: str = api.data(docs.GET_USER)["user"]["id"]
    return user_id


def get_task(api: Api, task_id: str) -> dict[str, Any]:
    """The task as `Dataset.create_data_rows` reads it (`user.createdTasks(where: {id})`)."""
    tasks = api.data(docs.GET_USER_CREATED_TASKS, {"param_0": task_id, "param_1": my_id(api)})[
        "user"
    ]["createdTasks"]
    assert len(tasks) == 1, tasks
    task: dict[str, Any] = tasks[0]
    return task


def wait_task(api: Api, task_id: str, timeout: float = 120.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = api.data(docs.GET_TASK, {"taskId": task_id})["task"]["status"]
        if status != "IN_PROGRESS":
            return get_task(api, task_id)
        time.sleep(0.1)
    raise AssertionError(f"task {task_id} did not finish in {timeout} s")


def start_import(api: Api, dataset_id: str, rows: list[Any]) -> str:
    url = upload_descriptor(api, rows)
    result = api.data(docs.APPEND_ROWS, {"datasetId": dataset_id, "jsonUrl": url})
    assert result["appendRowsToDataset"]["accepted"] is True
    task_id: str = result["appendRowsToDataset"]["taskId"]
    return task_id


def import_rows(
    api: Api, dataset_id: str, rows: list[Any], timeout: float = 120.0
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run an async import; returns the finished task and its result JSON."""
    task = wait_task(api, start_import(api, dataset_id, rows), timeout)
    result = api.client.get(task["result"])
    assert result.status_code == 200, result.text
    body: dict[str, Any] = result.json()
    return task, body


def create_row(api: Api, dataset_id: str, row_data: str, **variables: Any) -> dict[str, Any]:
    row: dict[str, Any] = api.data(
        docs.CREATE_DATA_ROW, {"row_data": row_data, "dataset": dataset_id, **variables}
    )["createDataRow"]
    return row


def row_count(api: Api, dataset_id: str) -> int:
    count: int = api.data(docs.GET_DATASET, {"param_0": dataset_id})["dataset"]["rowCount"]
    return count


def export_rows(api: Api, dataset_id: str, include_metadata: bool = False) -> list[dict[str, Any]]:
    """`Dataset.export_data_rows`: poll the mutation until COMPLETE, then read the NDJSON."""
    variables = {"datasetId": dataset_id, "includeMetadataInput": include_metadata}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        export = api.data(docs.EXPORT_DATASET_DATA_ROWS, variables)["exportDatasetDataRows"]
        if export["status"] == "COMPLETE":
            response = api.client.get(export["downloadUrl"])
            assert response.status_code == 200
            return [json.loads(line) for line in response.text.splitlines() if line]
        assert export["status"] != "FAILED"
        time.sleep(0.1)
    raise AssertionError("export did not finish")
