"""Static types of the data-row surface, checked by `mypy --strict` (`make typecheck`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from typing_extensions import assert_type

import labelbox as lb
from labelbox._generated.entities import DataRowCustomMetadataDict, DataRowMetadataFieldValueDict
from labelbox._global_keys import JobResult
from labelbox.orm.db_object import RelationshipManager
from labelbox.orm.managers import RequiredToOneManager
from labelbox.pagination import PaginatedCollection
from labelbox.schema.data_row import DataRowInput, DataRowItem
from labelbox.schema.data_row_metadata import DataRowMetadataField
from labelbox.schema.resource_tag import ResourceTag


def check_data_rows(client: lb.Client, dataset: lb.Dataset) -> None:
    row = dataset.create_data_row(row_data="https://example.com/a.jpg", external_id="a")
    assert_type(row, lb.DataRow)
    assert_type(row.uid, str)
    assert_type(row.row_data, str)
    assert_type(row.external_id, str | None)
    assert_type(row.global_key, str | None)
    assert_type(row.media_type, lb.MediaType | None)
    assert_type(row.created_at, datetime)
    assert_type(row.media_attributes, Any)
    assert_type(row.custom_metadata, list[DataRowCustomMetadataDict])
    assert_type(row.metadata_fields, list[DataRowMetadataFieldValueDict])
    assert_type(row.metadata, list[DataRowMetadataField])
    assert_type(row.dataset, RequiredToOneManager[lb.Dataset])
    assert_type(row.dataset(), lb.Dataset)
    assert_type(row.labels(), PaginatedCollection[lb.Label])
    assert_type(row.attachments(), PaginatedCollection[lb.AssetAttachment])
    assert_type(row.get_winning_label_id("project"), str | None)
    attachment = row.create_attachment("RAW_TEXT", "a note")
    assert_type(attachment.attachment_type, lb.AssetAttachment.AttachmentType)
    assert_type(attachment.attachment_value, str)
    row.update(external_id="b", metadata_fields=[{"name": "tag", "value": "x"}])
    assert_type(dataset.data_rows, RelationshipManager[lb.DataRow])
    assert_type(
        dataset.data_rows(where=lb.DataRow.external_id == "a"), PaginatedCollection[lb.DataRow]
    )
    assert_type(dataset.data_row_for_external_id("a"), lb.DataRow)
    assert_type(dataset.data_rows_for_external_id("a"), list[lb.DataRow])
    assert_type(dataset.export_data_rows(), Iterator[lb.DataRow])
    assert_type(client.get_data_row("id"), lb.DataRow)
    assert_type(client.get_data_row_ids_for_external_ids(["a"]), dict[str, list[str]])


def check_bad_data_row_arguments(dataset: lb.Dataset, row: lb.DataRow) -> None:
    dataset.create_data_row(row_data="x", colour="red")  # type: ignore[call-arg]
    dataset.create_data_row(row_data="x", global_key=5)  # type: ignore[arg-type]
    row.update(row_data=3)  # type: ignore[arg-type]


def check_tasks(client: lb.Client, dataset: lb.Dataset) -> None:
    task = dataset.create_data_rows(["https://example.com/a.jpg"], show_progress=True)
    assert_type(task, lb.Task)
    assert_type(task.status, str)
    assert_type(task.completion_percentage, float | None)
    assert_type(task.result_url, str | None)
    assert_type(task.wait_till_done(timeout_seconds=10), None)
    assert_type(task.result, list[dict[str, Any]])
    assert_type(task.failed_data_rows, list[dict[str, Any]] | None)
    assert_type(dataset.create_data_rows_sync(["https://example.com/b.jpg"]), None)
    assert_type(client.get_user().created_tasks(), PaginatedCollection[lb.Task])


def check_uploads_and_global_keys(client: lb.Client) -> None:
    assert_type(client.upload_data(b"bytes", filename="a.txt"), str)
    assert_type(client.upload_file("/tmp/a.txt"), str)
    assigned = client.assign_global_keys_to_data_rows([{"data_row_id": "d", "global_key": "k"}])
    assert_type(assigned, JobResult)
    assert_type(assigned["status"], str)
    assert_type(client.get_data_row_ids_for_global_keys(["k"])["results"], list[Any])
    assert_type(client.clear_global_keys(["k"]), JobResult)
    assert_type(client.clear_global_keys(("k",)), JobResult)


async def check_one_string_is_not_a_list_of_keys(
    client: lb.Client, async_client: lb.AsyncClient
) -> None:
    # A str is a Sequence[str]; these raise at run time, and are type errors too.
    client.get_data_row_ids_for_global_keys("k")  # type: ignore[arg-type]
    client.clear_global_keys("k")  # type: ignore[arg-type]
    client.get_data_row_ids_for_external_ids("e")  # type: ignore[arg-type]
    await async_client.get_data_row_ids_for_external_ids("e")  # type: ignore[arg-type]


def check_one_string_is_not_a_list_of_tags(project: lb.Project) -> None:
    project.update_project_resource_tags("tag-id")  # type: ignore[arg-type]
    assert_type(project.update_project_resource_tags(["tag-id"]), list[ResourceTag])


def check_data_row_items(dataset: lb.Dataset) -> None:
    dataset.create_data_rows(
        [
            "https://example.com/a.jpg",
            Path("photos/b.jpg"),
            {"row_data": "https://example.com/c.jpg", "global_key": "c", "media_type": "IMAGE"},
            {lb.DataRow.row_data: "https://example.com/d.jpg"},
            {"tileLayerUrl": "https://tiles.example.com/{z}/{x}/{y}.png", "minZoom": 1},
            {"conversationalData": [], "externalId": "chat"},
        ]
    )
    dataset.create_data_rows([{"row_data": "x", "globl_key": "k"}])  # type: ignore[dict-item]
    dataset.create_data_rows_sync([{"row_data": 5}])  # type: ignore[dict-item]


def check_data_row_item_variables(dataset: lb.Dataset, paths: list[Path]) -> None:
    # A list built apart from the call is annotated with the item types (as openai-python's
    # TypedDict parameters are); unannotated, it is a list[dict[str, str]] and rejected.
    items: list[DataRowItem] = [{"row_data": f"https://example.com/{i}.jpg"} for i in range(3)]
    dataset.create_data_rows(items)
    mixed: list[DataRowInput] = ["https://example.com/a.jpg", *paths, *items]
    dataset.create_data_rows_sync(mixed)
    loose = [{"row_data": "https://example.com/a.jpg"}]
    dataset.create_data_rows(loose)  # type: ignore[arg-type]
