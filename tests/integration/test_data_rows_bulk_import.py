"""Bulk data-row imports with our SDK against the real local server: URLs, files and dicts,
sync imports, chunks and retries, global-key conflicts, progress bars, where the key is sent,
a 20,000-row import, and the bad items rejected before anything is sent."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

import labelbox as lb
from labelbox import MediaType
from labelbox.exceptions import (
    InvalidAttributeError,
    InvalidDataRowError,
    InvalidMetadataError,
)
from labelbox.schema._data_rows import importer
from labelbox.schema._data_rows.specs import RowSpec
from labelbox.schema.data_row import AttachmentInput, DataRowInput, DataRowItem
from labelbox.schema.data_row_metadata import shared_ontology

from .data_row_helpers import (
    CAPTURE_SCHEMA_ID,
    IMAGE_URL,
    TAG_SCHEMA_ID,
)


def rows_data_of(task: lb.Task, external_id: str) -> str:
    """The row data the import gave the row with this external id (an upload's URL)."""
    (row_data,) = [r["row_data"] for r in task.result if r["external_id"] == external_id]
    assert row_data.startswith("http://127.0.0.1:")
    return str(row_data)


def test_bulk_import_of_urls_files_and_dicts(
    client: lb.Client, new_dataset: lb.Dataset, image_file: Path
) -> None:
    items: list[DataRowInput] = [
        IMAGE_URL,
        str(image_file),
        {
            "row_data": "https://example.com/doc.pdf",
            "external_id": "pdf",
            "global_key": f"pdf-{new_dataset.uid}",
            "media_type": "PDF",
            "metadata_fields": [
                {"schema_id": CAPTURE_SCHEMA_ID, "value": datetime(2024, 5, 6, tzinfo=timezone.utc)}
            ],
            "attachments": [{"type": "TEXT_URL", "value": "https://example.com/notes.txt"}],
        },
    ]
    task = new_dataset.create_data_rows(items)
    task.wait_till_done()
    assert task.status == "COMPLETE"
    assert task.failed_data_rows is None
    assert sorted((r["external_id"] or "", r["row_data"]) for r in task.result) == sorted(
        [
            ("", IMAGE_URL),
            (str(image_file), rows_data_of(task, str(image_file))),
            ("pdf", "https://example.com/doc.pdf"),
        ]
    )
    rows = {row.external_id: row for row in new_dataset.data_rows()}
    assert set(rows) == {None, str(image_file), "pdf"}
    assert httpx.get(rows[str(image_file)].row_data).content == image_file.read_bytes()
    pdf = rows["pdf"]
    assert pdf.global_key == f"pdf-{new_dataset.uid}" and pdf.media_type is MediaType.Pdf
    assert [f.value for f in pdf.metadata] == [datetime(2024, 5, 6, tzinfo=timezone.utc)]
    assert [a.attachment_value for a in pdf.attachments()] == ["https://example.com/notes.txt"]
    assert task in list(client.get_user().created_tasks())


def test_sync_import(new_dataset: lb.Dataset) -> None:
    new_dataset.create_data_rows_sync(
        [{"row_data": IMAGE_URL, "external_id": f"s{i}"} for i in range(5)]
    )
    assert sorted(row.external_id or "" for row in new_dataset.data_rows()) == [
        f"s{i}" for i in range(5)
    ]


def test_large_inputs_are_chunked_into_one_task(
    new_dataset: lb.Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "CHUNK_ROWS", 50)
    items: list[DataRowItem] = [
        {"row_data": f"{IMAGE_URL}?{i}", "external_id": f"row-{i:03}"} for i in range(120)
    ]
    task = new_dataset.create_data_rows(items)
    assert len(task.parts) == 3
    task.wait_till_done()
    assert task.status == "COMPLETE"
    assert sorted(r["external_id"] for r in task.result) == [f"row-{i:03}" for i in range(120)]
    external_ids = [row.external_id or "" for row in new_dataset.data_rows()]
    assert sorted(external_ids) == [f"row-{i:03}" for i in range(120)]  # every row exactly once


def test_a_retried_chunk_is_not_imported_twice(client: lb.Client, new_dataset: lb.Dataset) -> None:
    specs = [RowSpec(i, {"row_data": IMAGE_URL, "external_id": f"once-{i}"}) for i in range(3)]
    url = client.upload_data(importer.descriptor(specs), filename="json_import.json")
    first = client._gateway.ops.append_rows_to_dataset_py_api(
        new_dataset.uid, url
    ).append_rows_to_dataset
    second = client._gateway.ops.append_rows_to_dataset_py_api(
        new_dataset.uid, url
    ).append_rows_to_dataset
    assert first.task_id == second.task_id
    importer.fetch_task(client, first.task_id or "").wait_till_done()
    assert sorted(r.external_id or "" for r in new_dataset.data_rows()) == [
        "once-0",
        "once-1",
        "once-2",
    ]


def test_duplicate_global_key_on_the_server_fails_the_whole_import(
    client: lb.Client, new_dataset: lb.Dataset
) -> None:
    taken = f"taken-{new_dataset.uid}"
    new_dataset.create_data_row(row_data=IMAGE_URL, global_key=taken)
    task = new_dataset.create_data_rows(
        [
            {"row_data": IMAGE_URL, "global_key": f"free-{new_dataset.uid}"},
            {"row_data": IMAGE_URL, "global_key": taken},
        ]
    )
    task.wait_till_done()
    assert task.status == "FAILED"
    assert "duplicate global keys" in str(task.errors)
    assert task.failed_data_rows == [
        {
            "index": 1,
            "external_id": None,
            "global_key": taken,
            "message": f'Global key "{taken}" is already in use',
        }
    ]
    assert client.get_dataset(new_dataset.uid).row_count == 1  # nothing of the import was created


@pytest.mark.parametrize(
    ("items", "error", "field"),
    [
        ([{"external_id": "no row data"}], InvalidDataRowError, "row_data"),
        (
            [{"row_data": IMAGE_URL, "attachments": [{"type": "SOUND", "value": "x"}]}],
            InvalidDataRowError,
            "attachments[0].type",
        ),
        (["/no/such/file.jpg"], InvalidDataRowError, "row_data"),
        (
            [
                {
                    "row_data": IMAGE_URL,
                    "metadata_fields": [{"name": "no such schema", "value": "x"}],
                }
            ],
            InvalidMetadataError,
            "metadata_fields",
        ),
        (
            [
                {
                    "row_data": IMAGE_URL,
                    "metadata_fields": [{"schema_id": TAG_SCHEMA_ID, "value": 12}],
                }
            ],
            InvalidMetadataError,
            "metadata_fields",
        ),
        (
            [
                {"row_data": IMAGE_URL, "global_key": "k"},
                {"row_data": IMAGE_URL, "global_key": "k"},
            ],
            InvalidDataRowError,
            "global_key",
        ),
        ([{"row_data": IMAGE_URL, "media_type": "PHOTO"}], InvalidDataRowError, "media_type"),
        ([{"row_data": IMAGE_URL, "colour": "red"}], InvalidAttributeError, "colour"),
    ],
)
def test_bad_items_fail_before_anything_is_sent(
    new_dataset: lb.Dataset,
    client: lb.Client,
    sent: list[str],
    items: list[object],
    error: type[Exception],
    field: str,
) -> None:
    shared_ontology(client)  # fetched up front so the check below sees only the import
    sent.clear()
    with pytest.raises(error, match=field.replace("[", r"\[").replace("]", r"\]")):
        new_dataset.create_data_rows(items)  # type: ignore[arg-type]
    assert sent == []


def test_sync_limits_are_checked_before_sending(new_dataset: lb.Dataset, sent: list[str]) -> None:
    attachments: list[AttachmentInput] = [{"type": "RAW_TEXT", "value": str(i)} for i in range(6)]
    with pytest.raises(InvalidDataRowError, match="attachments"):
        new_dataset.create_data_rows_sync([{"row_data": IMAGE_URL, "attachments": attachments}])
    with pytest.raises(InvalidDataRowError, match="1000"):
        new_dataset.create_data_rows_sync([IMAGE_URL] * 1001)
    assert sent == []


def test_progress_bars_do_not_change_the_outcome(
    new_dataset: lb.Dataset, image_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    task = new_dataset.create_data_rows([str(image_file), IMAGE_URL], show_progress=True)
    task.wait_till_done(show_progress=True)
    assert task.status == "COMPLETE"
    drawn = [line.split() for line in capsys.readouterr().out.splitlines() if line.strip()]
    # The final state of each bar: its description, a full bar, 100%.
    assert [(words[:-3], words[-2]) for words in drawn] == [
        (["Uploading", "files"], "100%"),
        (["Task", "JSON", "Import"], "100%"),
    ]
    assert all(set(words[-3]) == {"━"} for words in drawn)

    quiet = new_dataset.create_data_rows([str(image_file)])
    quiet.wait_till_done()
    assert quiet.status == "COMPLETE"
    assert capsys.readouterr().out == ""  # no bars unless asked for


def test_the_key_is_sent_to_the_api_only_never_to_downloads(
    client: lb.Client,
    labelbox_server: Any,
    new_dataset: lb.Dataset,
    image_file: Path,
    wire: list[httpx.Request],
) -> None:
    task = new_dataset.create_data_rows([str(image_file), IMAGE_URL])
    task.wait_till_done()
    assert len(task.result) == 2  # the result file is downloaded
    assert len(list(new_dataset.export_data_rows())) == 2  # and so is the export
    api = [r for r in wire if r.url.path in ("/graphql", "/_gql")]
    downloads = [r for r in wire if r.url.path.startswith("/files/")]
    assert {r.method for r in downloads} == {"GET"} and len(downloads) == 2
    assert all(r.headers["Authorization"] == f"Bearer {labelbox_server.api_key}" for r in api)
    assert [r.headers.get("Authorization") for r in downloads] == [None, None]
    assert sorted({r.url.path.split("/")[1] for r in wire}) == ["files", "graphql"]
    for request in downloads:
        assert labelbox_server.api_key not in str(request.url)
        assert all(labelbox_server.api_key not in value for value in request.headers.values())


@pytest.mark.slow
def test_import_of_20000_rows_checked_row_by_row(
    client: lb.Client, new_dataset: lb.Dataset
) -> None:
    count = 20_000
    items: list[DataRowItem] = [
        {
            "row_data": f"https://example.com/images/{i}.jpg",
            "external_id": f"ext-{i}",
            "global_key": f"gk-{new_dataset.uid}-{i}",
            "metadata_fields": [{"schema_id": TAG_SCHEMA_ID, "value": f"tag-{i}"}],
            "attachments": [{"type": "RAW_TEXT", "value": f"note-{i}"}],
        }
        for i in range(count)
    ]
    task = new_dataset.create_data_rows(items)
    task.wait_till_done(timeout_seconds=600)
    assert task.status == "COMPLETE", task.errors
    created = {row["external_id"]: row["id"] for row in task.result}
    assert len(created) == count

    seen = 0
    for row in new_dataset.data_rows():
        i = int((row.external_id or "").removeprefix("ext-"))
        assert row.uid == created[row.external_id or ""]
        assert row.row_data == f"https://example.com/images/{i}.jpg"
        assert row.global_key == f"gk-{new_dataset.uid}-{i}"
        assert row.custom_metadata == [{"schemaId": TAG_SCHEMA_ID, "value": f"tag-{i}"}]
        seen += 1
    assert seen == count
    sample = client.get_data_row(created["ext-12345"])
    assert [a.attachment_value for a in sample.attachments()] == ["note-12345"]
    assert client.get_dataset(new_dataset.uid).row_count == count
    exported = sum(1 for _ in new_dataset.export_data_rows(timeout_seconds=300))
    assert exported == count


def test_descriptor_rows_are_json(new_dataset: lb.Dataset) -> None:
    spec = RowSpec(0, {"row_data": {"tileLayerUrl": "https://t/{z}/{x}/{y}.png"}})
    assert json.loads(importer.descriptor([spec])) == [spec.row]
