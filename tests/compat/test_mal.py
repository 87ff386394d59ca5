"""The official SDK's model-assisted labeling flows against our server: MAL prediction
imports (objects, file, URL, by name), bulk import requests (`upload_annotations` with
client-side validation, statuses, errors, inputs, listing, `from_name`, `delete`)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_labels import IMAGE_URL, ONTOLOGY, _box

import labelbox
from labelbox import Dataset, Project
from labelbox.exceptions import MALValidationError, UuidError
from labelbox.schema.annotation_import import AnnotationImportState, MALPredictionImport
from labelbox.schema.bulk_import_request import BulkImportRequest
from labelbox.schema.enums import BulkImportRequestState


@pytest.fixture
def configured(
    client: labelbox.Client, request: pytest.FixtureRequest
) -> Iterator[tuple[Project, Dataset, list[labelbox.DataRow]]]:
    project = client.create_project(name=f"compat {request.node.name}")
    dataset = client.create_dataset(name=f"compat {request.node.name}", projects=project)
    rows = [dataset.create_data_row(row_data=IMAGE_URL, external_id=f"r{i}") for i in range(3)]
    ontology = client.create_ontology(f"compat {request.node.name} {time.time_ns()}", ONTOLOGY)
    project.setup_editor(ontology)
    yield project, dataset, rows
    project.delete()
    dataset.delete()


def _tags(data_row_id: str, option: str) -> dict[str, Any]:
    return {
        "uuid": str(uuid.uuid4()),
        "name": "tags",
        "dataRow": {"id": data_row_id},
        "answers": [{"name": option}],
    }


def test_mal_prediction_import(client: labelbox.Client, configured: Any, tmp_path: Path) -> None:
    project, _, rows = configured
    box = project.ontology().tools()[0].feature_schema_id
    predictions = [_box(rows[0].uid, box), _tags(rows[1].uid, "cute")]
    mal = MALPredictionImport.create_from_objects(client, project.uid, "objects", predictions)
    assert mal.parent_id == project.uid
    mal.wait_until_done(sleep_time_seconds=1)
    assert mal.state == AnnotationImportState.FINISHED
    assert [s["status"] for s in mal.statuses] == ["SUCCESS", "SUCCESS"]
    assert mal.errors == []
    assert mal.inputs == predictions
    assert list(project.labels()) == []  # predictions, not labels

    path = tmp_path / "mal.ndjson"
    path.write_text(json.dumps(_box(rows[1].uid, box)) + "\n")
    from_file = MALPredictionImport.create_from_file(client, project.uid, "file", str(path))
    from_file.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in from_file.statuses] == ["SUCCESS"]

    bad = _tags(rows[2].uid, "no such option")
    url = client.upload_data(
        json.dumps(bad).encode(),
        filename="mal.ndjson",
        content_type="application/x-ndjson",
        sign=True,
    )
    from_url = MALPredictionImport.create_from_url(client, project.uid, "url", url)
    from_url.wait_until_done(sleep_time_seconds=1)
    (error,) = from_url.errors
    assert error["uuid"] == bad["uuid"] and error["status"] == "FAILURE"
    assert error["errors"][0]["message"]

    found = MALPredictionImport.from_name(client, project.uid, "objects")
    assert found.uid == mal.uid and found.state == AnnotationImportState.FINISHED
    assert MALPredictionImport.from_name(client, project.uid, "url", as_json=True)["name"] == "url"


def test_bulk_import_requests(client: labelbox.Client, configured: Any, tmp_path: Path) -> None:
    project, _, rows = configured
    box = project.ontology().tools()[0].feature_schema_id
    predictions = [_box(rows[0].uid, box), _tags(rows[1].uid, "fat")]
    request = project.upload_annotations("objects", predictions, validate=True)
    assert isinstance(request, BulkImportRequest)
    request.wait_until_done(sleep_time_seconds=1)
    assert request.state == BulkImportRequestState.FINISHED
    assert [s["status"] for s in request.statuses] == ["SUCCESS", "SUCCESS"]
    assert request.errors == []
    assert request.inputs == predictions
    assert request.project().uid == project.uid

    path = tmp_path / "bulk.ndjson"
    path.write_text(json.dumps(_box(rows[2].uid, box)) + "\n")
    from_file = project.upload_annotations("file", path, validate=True)
    from_file.wait_until_done(sleep_time_seconds=1)
    assert [s["status"] for s in from_file.statuses] == ["SUCCESS"]

    url = client.upload_data(
        json.dumps(_tags(rows[2].uid, "cute")).encode(),
        filename="bulk.ndjson",
        content_type="application/x-ndjson",
        sign=True,
    )
    from_url = project.upload_annotations("url", url, validate=True)
    from_url.wait_until_done(sleep_time_seconds=1)
    assert from_url.state == BulkImportRequestState.FINISHED

    # The official SDK's validation against the ontology our server returns.
    with pytest.raises(MALValidationError):
        project.upload_annotations("refused", [_tags(rows[0].uid, "nope")], validate=True)
    dup = _box(rows[0].uid, box)
    with pytest.raises(UuidError):
        project.upload_annotations("refused", [dup, dup], validate=True)

    assert [r.name for r in project.bulk_import_requests()] == ["objects", "file", "url"]
    assert BulkImportRequest.from_name(client, project.uid, "file").uid == from_file.uid
    from_file.delete()
    assert [r.name for r in project.bulk_import_requests()] == ["objects", "url"]
