"""Static types of model-assisted labeling: MAL prediction imports, bulk import requests,
their validation models and errors (`make typecheck`).

Each `assert_type` pins a type; each `type: ignore[code]` pins an error mypy must report.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from typing_extensions import assert_type

import labelbox as lb
from labelbox.exceptions import MALValidationError, UuidError
from labelbox.pagination import PaginatedCollection
from labelbox.schema.annotation_import import AnnotationStatus, MALPredictionImport
from labelbox.schema.bulk_import_request import (
    BulkImportRequest,
    NDBase,
    NDRectangle,
    RowProblem,
    get_mal_schemas,
    parse_classification,
    row_problems,
)
from labelbox.schema.enums import AnnotationImportState, BulkImportRequestState


def check_mal_imports(client: lb.Client, project: lb.Project, rows: list[dict[str, Any]]) -> None:
    mal = MALPredictionImport.create_from_objects(client, project.uid, "x", rows)
    assert_type(mal, MALPredictionImport)
    assert_type(
        MALPredictionImport.create_from_file(client, project.uid, "f", "a.ndjson"),
        MALPredictionImport,
    )
    assert_type(
        MALPredictionImport.create_from_url(client, project.uid, "u", "https://x"),
        MALPredictionImport,
    )
    assert_type(MALPredictionImport.from_name(client, project.uid, "x"), MALPredictionImport)
    assert_type(
        MALPredictionImport.from_name(client, project.uid, "x", as_json=True), dict[str, Any]
    )
    assert_type(mal.state, AnnotationImportState)
    assert_type(mal.progress, str | None)
    assert_type(mal.parent_id, str)
    assert_type(mal.project(), lb.Project)
    mal.wait_until_done(sleep_time_seconds=1, show_progress=False)
    assert_type(mal.statuses, list[AnnotationStatus])
    assert_type(mal.statuses[0]["status"], Literal["SUCCESS", "FAILURE"])
    assert_type(mal.errors, list[AnnotationStatus])
    assert_type(mal.inputs, list[dict[str, Any]])
    assert_type(lb.MALPredictionImport, type[MALPredictionImport])
    MALPredictionImport.create_from_objects(client, project.uid, "x", "rows")  # type: ignore[arg-type]


def check_bulk_import_requests(project: lb.Project, rows: list[dict[str, Any]]) -> None:
    request = project.upload_annotations("x", rows, validate=True)
    assert_type(request, BulkImportRequest)
    assert_type(project.upload_annotations("y", Path("a.ndjson")), BulkImportRequest)
    assert_type(project.upload_annotations("z", "https://x/a.ndjson"), BulkImportRequest)
    assert_type(project.bulk_import_requests(), PaginatedCollection[BulkImportRequest])
    assert_type(request.name, str)
    assert_type(request.state, BulkImportRequestState)
    assert_type(request.input_file_url, str | None)
    assert_type(request.error_file_url, str | None)
    assert_type(request.status_file_url, str | None)
    assert_type(request.created_at, datetime)
    assert_type(request.project(), lb.Project)
    assert_type(request.created_by(), lb.User | None)
    assert_type(request.statuses, list[dict[str, Any]])
    assert_type(request.errors, list[dict[str, Any]])
    assert_type(request.inputs, list[dict[str, Any]])
    request.wait_until_done(sleep_time_seconds=1)
    request.delete()
    assert_type(lb.BulkImportRequest, type[BulkImportRequest])
    project.upload_annotations("x", 3)  # type: ignore[arg-type]


def check_validation(ontology: lb.Ontology, rows: list[dict[str, Any]]) -> None:
    by_id, _ = get_mal_schemas(ontology)
    assert_type(by_id, dict[str, dict[str, Any]])
    assert_type(parse_classification({"type": "text"}), dict[str, Any] | None)
    problems = row_problems(rows, ontology)
    assert_type(problems, list[RowProblem])
    assert_type(problems[0].index, int)
    assert_type(problems[0].field, str)
    assert_type(problems[0].reason, str)
    box = NDRectangle.model_validate(rows[0])
    assert_type(box.bbox.top, float)
    assert isinstance(box, NDBase)
    try:
        pass
    except MALValidationError as error:
        assert_type(error.errors, list[RowProblem])
    except UuidError as error:
        assert_type(error.errors, list[RowProblem])


def check_typed_annotations(client: lb.Client, project: lb.Project, row: lb.DataRow) -> None:
    from collections.abc import Iterator

    from labelbox.data.annotation_types import (
        ClassificationAnnotation,
        ClassificationAnswer,
        Label,
        NDJsonConverter,
        ObjectAnnotation,
        Point,
        Radio,
        Rectangle,
    )

    box = ObjectAnnotation(name="box", value=Rectangle(start=Point(x=0, y=0), end=Point(x=1, y=1)))
    mood = ClassificationAnnotation(name="mood", value=Radio(answer=ClassificationAnswer(name="a")))
    label = Label(data=row.uid, annotations=[box, mood])
    assert_type(label.object_annotations, list[ObjectAnnotation])
    assert_type(label.classification_annotations, list[ClassificationAnnotation])
    assert_type(label.data.uid, str)
    assert_type(list(label.to_ndjson()), list[dict[str, Any]])
    assert_type(NDJsonConverter.deserialize(label.to_ndjson()), list[Label])
    assert_type(
        MALPredictionImport.create_from_objects(client, project.uid, "x", [label]),
        MALPredictionImport,
    )
    assert_type(project.upload_annotations("x", [label]), BulkImportRequest)
    assert_type(project.label_generator(), Iterator[Label])
