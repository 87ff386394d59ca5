"""One data row at a time with our SDK against the real local server: create (every field,
a dict, inline text, a local file), uploads, update, delete, attachments."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

import labelbox as lb
from labelbox import DataRow, MediaType
from labelbox.exceptions import (
    InvalidDataRowError,
    ResourceNotFoundError,
)
from labelbox.schema.data_row_metadata import DataRowMetadataField

from .data_row_helpers import (
    IMAGE_URL,
    SPLIT_SCHEMA_ID,
    TAG_SCHEMA_ID,
    TRAIN_OPTION_ID,
)


def test_create_data_row_with_every_field(client: lb.Client, new_dataset: lb.Dataset) -> None:
    row = new_dataset.create_data_row(
        row_data=IMAGE_URL,
        external_id="cat-1",
        global_key=f"cat-{new_dataset.uid}",
        media_type=MediaType.Image,
        metadata_fields=[
            DataRowMetadataField(schema_id=TAG_SCHEMA_ID, value="fluffy"),
            {"name": "split", "value": TRAIN_OPTION_ID},
        ],
        attachments=[{"type": "RAW_TEXT", "value": "a note"}],
    )
    assert row.row_data == IMAGE_URL
    assert row.external_id == "cat-1"
    assert row.global_key == f"cat-{new_dataset.uid}"
    assert row.media_type is MediaType.Image
    assert row.media_attributes == {"mimeType": "image/jpeg"}
    by_schema = {field["schemaId"]: field for field in row.metadata_fields}
    assert by_schema[TAG_SCHEMA_ID]["value"] == "fluffy"
    assert by_schema[SPLIT_SCHEMA_ID]["name"] == "split"
    parsed = {field.schema_id: field for field in row.metadata}
    assert parsed[SPLIT_SCHEMA_ID].value == TRAIN_OPTION_ID
    attachments = list(row.attachments())
    assert [(a.attachment_type.value, a.attachment_value) for a in attachments] == [
        ("RAW_TEXT", "a note")
    ]

    fetched = client.get_data_row(row.uid)
    assert fetched == row and fetched.external_id == "cat-1"
    assert fetched.dataset() == new_dataset
    assert fetched.created_by() == client.get_user()
    assert fetched.organization() == client.get_organization()
    assert list(fetched.labels()) == []
    assert client.get_dataset(new_dataset.uid).row_count == 1


def test_create_data_row_from_a_dict_and_inline_text(new_dataset: lb.Dataset) -> None:
    row = new_dataset.create_data_row({"row_data": "a line of text", "external_id": "t"})
    assert row.row_data == "a line of text"
    assert row.media_type is MediaType.Text


def test_create_data_row_from_a_local_file_uploads_it(
    client: lb.Client, new_dataset: lb.Dataset, image_file: Path
) -> None:
    row = new_dataset.create_data_row(row_data=str(image_file))
    assert row.external_id == str(image_file)
    assert row.row_data.startswith("http")
    response = httpx.get(row.row_data)
    assert response.content == image_file.read_bytes()
    assert response.headers["content-type"] == "image/png"


def test_uploaded_bytes_read_back_identical(client: lb.Client, tmp_path: Path) -> None:
    payload = bytes(range(256)) * 4096
    url = client.upload_data(payload, filename="clip.mp4", content_type="video/mp4")
    assert httpx.get(url).content == payload
    head = httpx.head(url)
    assert head.headers["content-length"] == str(len(payload))
    assert head.headers["content-type"] == "video/mp4"
    path = tmp_path / "doc.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    file_url = client.upload_file(str(path))
    fetched = httpx.get(file_url)
    assert fetched.content == path.read_bytes()
    assert fetched.headers["content-type"] == "application/pdf"


def test_update_and_delete_data_rows(client: lb.Client, new_dataset: lb.Dataset) -> None:
    first = new_dataset.create_data_row(row_data=IMAGE_URL, external_id="before")
    first.update(external_id="after", metadata_fields=[{"name": "tag", "value": "updated"}])
    assert first.external_id == "after"
    assert [(f.name, f.value) for f in first.metadata] == [("tag", "updated")]
    assert client.get_data_row(first.uid).external_id == "after"

    second = new_dataset.create_data_row(row_data=IMAGE_URL)
    third = new_dataset.create_data_row(row_data=IMAGE_URL)
    first.delete()
    DataRow.bulk_delete([second, third])
    for row in (first, second, third):
        with pytest.raises(ResourceNotFoundError):
            client.get_data_row(row.uid)
    assert list(new_dataset.data_rows()) == []
    assert client.get_dataset(new_dataset.uid).row_count == 0


def test_attachments(new_dataset: lb.Dataset) -> None:
    row = new_dataset.create_data_row(row_data=IMAGE_URL)
    image = row.create_attachment("IMAGE", "https://example.com/context.jpg")
    text = row.create_attachment(lb.AssetAttachment.AttachmentType.RAW_TEXT, "context")
    assert {a.uid for a in row.attachments()} == {image.uid, text.uid}
    image.delete()
    assert [a.uid for a in row.attachments()] == [text.uid]
    with pytest.raises(InvalidDataRowError, match="attachment_type"):
        row.create_attachment("SOUND", "x")


def test_winning_label_is_none_without_labels(new_dataset: lb.Dataset, project: lb.Project) -> None:
    row = new_dataset.create_data_row(row_data=IMAGE_URL)
    assert row.get_winning_label_id(project.uid) is None
