"""The official SDK 3.36.0 against our server: data rows, uploads, tasks, attachments,
global keys and exports."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

import labelbox
from labelbox import DataRow, Dataset
from labelbox.exceptions import InvalidQueryError, MalformedQueryException, ResourceNotFoundError
from labelbox.schema.data_row_metadata import DataRowMetadataField

IMAGE_URL = "https://storage.example.com/images/cat.jpg"
TAG_SCHEMA_ID = "cko8s9r5v0001h2dk9elqdidh"


def test_create_and_read_a_data_row(client: labelbox.Client, dataset: Dataset) -> None:
    row = dataset.create_data_row(
        row_data=IMAGE_URL, external_id="one", global_key=f"one-{time.time_ns()}"
    )
    assert row.row_data == IMAGE_URL
    assert row.media_attributes is not None
    fetched = client.get_data_row(row.uid)
    assert fetched.external_id == "one"
    assert fetched.dataset().uid == dataset.uid
    assert fetched.created_by().uid == client.get_user().uid
    assert list(fetched.labels()) == []
    assert client.get_dataset(dataset.uid).row_count == 1


def test_bulk_import_with_files_metadata_and_attachments(
    client: labelbox.Client, dataset: Dataset, tmp_path: Path
) -> None:
    image = tmp_path / "image.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0 not a real jpeg")
    key = f"gk-{time.time_ns()}"
    task = dataset.create_data_rows(
        [
            {"row_data": IMAGE_URL},  # a bare string is a file path to the official SDK
            str(image),
            {
                "row_data": IMAGE_URL,
                "external_id": "meta",
                "global_key": key,
                "metadata_fields": [DataRowMetadataField(schema_id=TAG_SCHEMA_ID, value="hello")],
                "attachments": [{"type": "RAW_TEXT", "value": "note"}],
            },
        ]
    )
    task.wait_till_done()
    assert task.status == "COMPLETE"
    assert len(task.result) == 3
    assert task.failed_data_rows is None
    assert task.uid in {t.uid for t in client.get_user().created_tasks()}

    row = dataset.data_row_for_external_id("meta")
    assert row.global_key == key
    assert [(f.schema_id, f.value) for f in row.metadata] == [(TAG_SCHEMA_ID, "hello")]
    assert [a.attachment_value for a in row.attachments()] == ["note"]
    uploaded = dataset.data_row_for_external_id(str(image))
    assert httpx.get(uploaded.row_data).content == image.read_bytes()


def test_sync_import_and_external_ids(client: labelbox.Client, dataset: Dataset) -> None:
    dataset.create_data_rows_sync([{"row_data": IMAGE_URL, "external_id": "dup"}] * 2)
    rows = dataset.data_rows_for_external_id("dup")
    assert len(rows) == 2
    assert client.get_data_row_ids_for_external_ids(["dup"]) == {
        "dup": [r.uid for r in sorted(rows, key=lambda r: r.created_at)]
    }
    with pytest.raises(ResourceNotFoundError):
        dataset.data_row_for_external_id("nobody")


def test_update_delete_and_attachments(client: labelbox.Client, dataset: Dataset) -> None:
    row = dataset.create_data_row(row_data=IMAGE_URL, external_id="before")
    row.update(external_id="after")
    assert client.get_data_row(row.uid).external_id == "after"
    attachment = row.create_attachment("IMAGE", "https://example.com/x.jpg")
    assert [a.uid for a in row.attachments()] == [attachment.uid]
    attachment.delete()
    assert list(row.attachments()) == []
    other = dataset.create_data_row(row_data=IMAGE_URL)
    DataRow.bulk_delete([row, other])
    assert list(dataset.data_rows()) == []


def test_failed_imports(client: labelbox.Client, dataset: Dataset) -> None:
    key = f"dup-{time.time_ns()}"
    task = dataset.create_data_rows([{"row_data": IMAGE_URL, "global_key": key}] * 2)
    task.wait_till_done()
    assert task.status == "FAILED"
    assert (
        task.errors
        == "Data rows contain empty string or duplicate global keys, which are not allowed"
    )
    assert task.failed_data_rows
    assert list(dataset.data_rows()) == []

    task = dataset.create_data_rows([{"row_data": IMAGE_URL, "media_type": "totallyinvalid"}])
    task.wait_till_done()
    assert task.status == "FAILED"
    assert task.errors == {"message": "Found invalid media type: 'totallyinvalid'"}

    with pytest.raises(MalformedQueryException):
        dataset.create_data_rows_sync([{"row_data": IMAGE_URL, "global_key": key}] * 2)
    with pytest.raises(InvalidQueryError, match="Found invalid contents for media type: 'IMAGE'"):
        dataset.create_data_row(row_data={"invalid_object": "x"}, media_type="IMAGE")


def test_export(dataset: Dataset) -> None:
    dataset.create_data_rows(
        [{"row_data": IMAGE_URL, "external_id": f"e{i}"} for i in range(25)]
    ).wait_till_done()
    exported = list(dataset.export_data_rows())
    assert sorted(r.external_id for r in exported) == sorted(f"e{i}" for i in range(25))
    assert all(isinstance(r, DataRow) for r in exported)


def test_global_keys(client: labelbox.Client, dataset: Dataset) -> None:
    row = dataset.create_data_row(row_data=IMAGE_URL)
    key = f"assigned-{time.time_ns()}"
    assigned = client.assign_global_keys_to_data_rows([{"data_row_id": row.uid, "global_key": key}])
    assert assigned["status"] == "SUCCESS"
    assert assigned["results"] == [{"data_row_id": row.uid, "global_key": key, "sanitized": False}]
    found = client.get_data_row_ids_for_global_keys([key, "missing-key"])
    assert found["results"] == [row.uid, ""]
    cleared = client.clear_global_keys([key])
    assert cleared["results"] == [key]


def test_uploads(client: labelbox.Client) -> None:
    payload = b"\x00\x01binary" * 1000
    url = client.upload_data(payload, filename="clip.mp4", content_type="video/mp4", sign=True)
    head = httpx.head(url, follow_redirects=True)
    assert head.headers["content-length"] == str(len(payload))
    assert head.headers["content-type"] == "video/mp4"
    assert httpx.get(url, follow_redirects=True).content == payload
