"""Bulk import requests with our SDK against a real server: `Project.upload_annotations`
from objects, a file and a URL; client-side validation against the ontology reporting every
invalid row (row index, field, reason) before anything is sent; statuses, errors, inputs;
listing, `from_name`, `delete` (which removes the predictions)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

import labelbox as lb
from labelbox.exceptions import MALValidationError, ResourceNotFoundError, UuidError
from labelbox.schema.bulk_import_request import BulkImportRequest, RowProblem
from labelbox.schema.enums import BulkImportRequestState

from .labeling import Setup, annotation, set_up
from .mal import predictions
from .test_label_imports import IMAGE, TEXT, _every_kind


@pytest.fixture
def setup(client: lb.Client) -> Setup:
    return set_up(client, [IMAGE, TEXT])


def test_upload_annotations_from_objects_validated(client: lb.Client, setup: Setup) -> None:
    s = setup
    rows = _every_kind(s)
    request = s.project.upload_annotations(f"bulk {uuid.uuid4()}", rows, validate=True)
    assert isinstance(request, BulkImportRequest)
    # Read once: mypy keeps an asserted attribute narrowed past the wait below.
    state = request.state
    assert state == BulkImportRequestState.RUNNING
    assert request.error_file_url is None and request.status_file_url is None
    request.wait_until_done(sleep_time_seconds=1)
    assert request.state == BulkImportRequestState.FINISHED
    assert [st["status"] for st in request.statuses] == ["SUCCESS"] * len(rows)
    assert request.errors == []
    assert request.inputs == rows
    assert request.project() == s.project
    user = request.created_by()
    assert user is not None and user == client.get_user()
    assert request.created_at is not None
    assert {p["uuid"] for p in predictions(client, s.project)} == {r["uuid"] for r in rows}
    assert list(s.project.labels()) == []


def test_validation_reports_every_invalid_row_before_sending(
    client: lb.Client, setup: Setup, sent: list[str]
) -> None:
    s = setup
    image = s.rows[0]
    good = annotation(image, name="note", answer="fine")
    dup = annotation(image, name="note", answer="again")
    rows: list[Any] = [
        good,
        annotation(image, name="no such tool", point={"x": 1, "y": 1}),  # 1 not in ontology
        annotation(image, name="box", bbox={"top": 1, "left": 1}),  # 2 wrong shape
        annotation(image, name="polygon", polygon=[{"x": 1, "y": 1}]),  # 3 too few points
        annotation(image, name="mood", answer={"name": "angry"}),  # 4 not an option
        annotation(image, name="box", point={"x": 1, "y": 1}),  # 5 tool/geometry mismatch
        dup,
        {**dup, "answer": "twice"},  # 7 duplicate uuid
        annotation(  # 8 nested answer not an option
            image,
            name="box",
            bbox={"top": 1, "left": 1, "height": 1, "width": 1},
            classifications=[{"name": "color", "answer": {"name": "green"}}],
        ),
    ]
    with pytest.raises(MALValidationError) as raised:
        s.project.upload_annotations("refused", rows, validate=True)
    problems = raised.value.errors
    assert all(isinstance(p, RowProblem) for p in problems)
    by_row = {p.index: p for p in problems}
    assert sorted(by_row) == [1, 2, 3, 4, 5, 7, 8]
    assert by_row[1].field == "name" and "not valid" in by_row[1].reason
    assert by_row[2].field.startswith("bbox.")
    assert by_row[3].field == "polygon" and "3 points" in by_row[3].reason
    assert by_row[4].field == "answer" and "angry" in by_row[4].reason
    assert by_row[5].field == "name" and "rectangle" in by_row[5].reason
    assert by_row[7].field == "uuid" and "already used" in by_row[7].reason
    assert by_row[8].field == "classifications[0].answer" and "green" in by_row[8].reason
    message = str(raised.value)
    assert "row 1, name" in message and "row 8, classifications[0].answer" in message
    assert not [d for d in sent if "createBulkImportRequest" in d]

    # Repeated uuids alone raise UuidError, as Labelbox's SDK does.
    with pytest.raises(UuidError) as duplicated:
        s.project.upload_annotations("refused", [dup, dup], validate=True)
    assert [(p.index, p.field) for p in duplicated.value.errors] == [(1, "uuid")]
    assert not [d for d in sent if "createBulkImportRequest" in d]


def test_without_validation_the_server_reports_each_row(client: lb.Client, setup: Setup) -> None:
    s = setup
    good = annotation(s.rows[0], name="note", answer="fine")
    outside = {**annotation(s.rows[0], name="note", answer="x"), "dataRow": {"id": "c" * 25}}
    wrong = annotation(s.rows[0], name="mood", answer={"name": "angry"})
    request = BulkImportRequest.create_from_objects(
        client, s.project.uid, "unchecked", [good, outside, wrong], validate=False
    )
    request.wait_until_done(sleep_time_seconds=1)
    assert {e["uuid"]: e["errors"][0]["name"] for e in request.errors} == {
        outside["uuid"]: "DataRowNotFound",
        wrong["uuid"]: "FeatureNotFound",
    }
    assert [p["uuid"] for p in predictions(client, s.project)] == [good["uuid"]]


def test_files_urls_listing_from_name_and_delete(
    client: lb.Client, setup: Setup, tmp_path: Path
) -> None:
    s = setup
    file_rows = [annotation(s.rows[0], name="point", point={"x": 1, "y": 2})]
    path = tmp_path / "bulk.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in file_rows))
    from_file = s.project.upload_annotations("file", path, validate=True)
    url_rows = [annotation(s.rows[1], name="entity", location={"start": 0, "end": 3})]
    url = client.upload_data(
        "".join(json.dumps(r) + "\n" for r in url_rows).encode(),
        filename="bulk.ndjson",
        content_type="application/x-ndjson",
    )
    from_url = s.project.upload_annotations("url", url, validate=True)
    assert from_url.input_file_url == url
    for request in (from_file, from_url):
        request.wait_until_done(sleep_time_seconds=1)
        assert request.state == BulkImportRequestState.FINISHED
    assert from_file.inputs == file_rows and from_url.inputs == url_rows

    bad_file = tmp_path / "bad.ndjson"
    bad_file.write_text("{not json\n")
    with pytest.raises(ValueError, match="not a valid ndjson file"):
        s.project.upload_annotations("bad", bad_file, validate=True)
    with pytest.raises(ValueError, match="Invalid annotations"):
        s.project.upload_annotations("bad", str(tmp_path / "missing.ndjson"))

    assert [r.name for r in s.project.bulk_import_requests()] == ["file", "url"]
    found = BulkImportRequest.from_name(client, s.project.uid, "url")
    assert found.uid == from_url.uid and found.state == BulkImportRequestState.FINISHED
    with pytest.raises(ResourceNotFoundError):
        BulkImportRequest.from_name(client, s.project.uid, "nope")

    from_file.delete()
    assert [r.name for r in s.project.bulk_import_requests()] == ["url"]
    assert [p["uuid"] for p in predictions(client, s.project)] == [url_rows[0]["uuid"]]
    with pytest.raises(ResourceNotFoundError):
        from_file.refresh()
