"""Data rows with our SDK against the real local server: single and bulk creation, lookups,
updates, attachments, exports, global keys, and the errors raised before anything is sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

import labelbox as lb
from labelbox import DataRow, MediaType
from labelbox.exceptions import (
    InvalidAttributeError,
    InvalidDataRowError,
    InvalidMetadataError,
    ResourceNotFoundError,
)
from labelbox.schema._data_rows import importer
from labelbox.schema._data_rows.specs import RowSpec
from labelbox.schema.data_row_metadata import DataRowMetadataField, shared_ontology

TAG_SCHEMA_ID = "cko8s9r5v0001h2dk9elqdidh"
SPLIT_SCHEMA_ID = "cko8sbczn0002h2dkdaxb5kal"
TRAIN_OPTION_ID = "cko8sbscr0003h2dk04w86hof"
CAPTURE_SCHEMA_ID = "cko8sdzv70006h2dk8jg64zvb"
IMAGE_URL = "https://storage.example.com/images/cat.jpg"


def rows_data_of(task: lb.Task, external_id: str) -> str:
    """The row data the import gave the row with this external id (an upload's URL)."""
    (row_data,) = [r["row_data"] for r in task.result if r["external_id"] == external_id]
    assert row_data.startswith("http://127.0.0.1:")
    return str(row_data)


@pytest.fixture
def image_file(tmp_path: Path) -> Path:
    path = tmp_path / "pixel.png"
    path.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    )
    return path


@pytest.fixture
def new_dataset(client: lb.Client, request: pytest.FixtureRequest) -> Iterator[lb.Dataset]:
    dataset = client.create_dataset(name=f"rows {request.node.name}")
    yield dataset
    dataset.delete()


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


def test_bulk_import_of_urls_files_and_dicts(
    client: lb.Client, new_dataset: lb.Dataset, image_file: Path
) -> None:
    items = [
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
    items = [{"row_data": f"{IMAGE_URL}?{i}", "external_id": f"row-{i:03}"} for i in range(120)]
    task = new_dataset.create_data_rows(items)
    assert len(task.parts) == 3
    task.wait_till_done()
    assert task.status == "COMPLETE"
    assert sorted(r["external_id"] for r in task.result) == [f"row-{i:03}" for i in range(120)]
    external_ids = [row.external_id for row in new_dataset.data_rows()]
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
        new_dataset.create_data_rows(items)
    assert sent == []


def test_sync_limits_are_checked_before_sending(new_dataset: lb.Dataset, sent: list[str]) -> None:
    attachments = [{"type": "RAW_TEXT", "value": str(i)} for i in range(6)]
    with pytest.raises(InvalidDataRowError, match="attachments"):
        new_dataset.create_data_rows_sync([{"row_data": IMAGE_URL, "attachments": attachments}])
    with pytest.raises(InvalidDataRowError, match="1000"):
        new_dataset.create_data_rows_sync([IMAGE_URL] * 1001)
    assert sent == []


def _page_requests(wire: list[httpx.Request]) -> list[dict[str, Any]]:
    """The variables of the data-row page requests on the wire."""
    bodies = [json.loads(r.content) for r in wire if r.url.path.endswith("/graphql")]
    return [b["variables"] for b in bodies if "GetDatasetDataRowsPyApi" in b["query"]]


def test_data_rows_paging_filtering_and_ordering(
    new_dataset: lb.Dataset, wire: list[httpx.Request]
) -> None:
    # More rows than two pages of 500: the cursor is followed across three pages.
    items = [{"row_data": IMAGE_URL, "external_id": f"x{i:04}"} for i in range(1100)]
    items.append({"row_data": IMAGE_URL, "external_id": "x0001"})
    new_dataset.create_data_rows(items).wait_till_done()
    wire.clear()
    rows = list(new_dataset.data_rows())
    pages = _page_requests(wire)
    assert [page["first"] for page in pages] == [500, 500, 500]
    assert pages[0].get("from") is None
    assert all(isinstance(page["from"], str) and page["from"] for page in pages[1:])
    assert len({page.get("from") for page in pages}) == 3
    assert len(rows) == 1101 and len({row.uid for row in rows}) == 1101  # each row once
    assert sorted(row.external_id or "" for row in rows) == sorted(
        [f"x{i:04}" for i in range(1100)] + ["x0001"]
    )
    descending = [r.external_id for r in new_dataset.data_rows(order_by=DataRow.external_id.desc)]
    assert descending[:2] == ["x1099", "x1098"] and len(descending) == 1101
    assert descending[-3:] == ["x0001", "x0001", "x0000"]
    assert len(new_dataset.data_rows_for_external_id("x0001")) == 2
    assert new_dataset.data_row_for_external_id("x0002").external_id == "x0002"
    with pytest.raises(ResourceNotFoundError):
        new_dataset.data_row_for_external_id("x0001")
    with pytest.raises(ResourceNotFoundError):
        new_dataset.data_rows_for_external_id("nope")


def test_export_data_rows(new_dataset: lb.Dataset) -> None:
    items = [
        {
            "row_data": IMAGE_URL,
            "external_id": f"e{i}",
            "metadata_fields": [{"name": "tag", "value": f"t{i}"}],
        }
        for i in range(30)
    ]
    new_dataset.create_data_rows(items).wait_till_done()
    exported = list(new_dataset.export_data_rows(include_metadata=True))
    assert sorted(row.external_id or "" for row in exported) == sorted(f"e{i}" for i in range(30))
    assert all(isinstance(row, DataRow) and row.row_data == IMAGE_URL for row in exported)
    assert {row.external_id: [f.value for f in row.metadata] for row in exported}["e7"] == ["t7"]


def test_external_ids_to_data_row_ids(client: lb.Client, new_dataset: lb.Dataset) -> None:
    first = new_dataset.create_data_row(row_data=IMAGE_URL, external_id=f"same-{new_dataset.uid}")
    second = new_dataset.create_data_row(row_data=IMAGE_URL, external_id=f"same-{new_dataset.uid}")
    found = client.get_data_row_ids_for_external_ids([f"same-{new_dataset.uid}", "missing"])
    assert found == {f"same-{new_dataset.uid}": [first.uid, second.uid]}
    assert client.get_data_row_ids_for_external_ids([]) == {}


def test_global_keys(client: lb.Client, new_dataset: lb.Dataset) -> None:
    a = new_dataset.create_data_row(row_data=IMAGE_URL)
    b = new_dataset.create_data_row(row_data=IMAGE_URL)
    key_a, key_b = f"a-{a.uid}", f"b {b.uid}<x>"
    assigned = client.assign_global_keys_to_data_rows(
        [{"data_row_id": a.uid, "global_key": key_a}, {"data_row_id": b.uid, "global_key": key_b}]
    )
    assert assigned["status"] == "SUCCESS"
    by_row = {r["data_row_id"]: r for r in assigned["results"]}
    assert by_row[a.uid] == {"data_row_id": a.uid, "global_key": key_a, "sanitized": False}
    assert by_row[b.uid]["sanitized"] is True and by_row[b.uid]["global_key"] == f"b {b.uid}_x_"

    taken = client.assign_global_keys_to_data_rows([{"data_row_id": b.uid, "global_key": key_a}])
    assert taken["status"] == "FAILURE"
    assert taken["errors"][0]["error"] == "Invalid global key"

    found = client.get_data_row_ids_for_global_keys([key_a, "nobody"])
    assert found["results"] == [a.uid, ""]
    assert found["errors"] == [{"global_key": "nobody", "error": "Data Row not found"}]
    assert found["status"] == "PARTIAL SUCCESS"

    cleared = client.clear_global_keys([key_a])
    assert cleared == {"status": "SUCCESS", "results": [key_a], "errors": []}
    assert client.get_data_row(a.uid).global_key is None


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
    items = [
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
