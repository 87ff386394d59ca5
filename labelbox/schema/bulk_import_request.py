"""Bulk import requests: model-assisted labeling pre-labels imported into a project from
NDJSON, optionally validated against the project's ontology first.

    >>> request = project.upload_annotations("pre-labels", rows, validate=True)
    >>> request.wait_until_done()
    >>> request.errors        # the rows the server rejected, each with its reasons

With `validate=True` every row is checked before anything is sent, and every invalid row is
reported at once: `MALValidationError.errors` lists each problem as a `RowProblem` (row
index, field, reason). Labelbox's SDK 3.36.0 stops at the first invalid row.
"""

from __future__ import annotations

import io
import json
import logging
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labelbox._generated.entities import BulkImportRequestBase
from labelbox.exceptions import (
    InvalidInputError,
    LabelboxError,
    MALValidationError,
    ResourceNotFoundError,
    RowProblem,
)
from labelbox.schema._annotation_input import AnnotationInput, as_rows
from labelbox.schema._bulk_import.ndjson_models import (
    Bbox,
    DataRow,
    EntityLocation,
    FrameLocation,
    NDAnnotation,
    NDBase,
    NDBaseTool,
    NDChecklist,
    NDClassification,
    NDFeatureSchema,
    NDMask,
    NDPoint,
    NDPolygon,
    NDPolyline,
    NDRadio,
    NDRectangle,
    NDText,
    NDTextEntity,
    NDTool,
    PNGMaskFeatures,
    Point,
    RLEMaskFeatures,
    URIMaskFeatures,
    VideoSupported,
)
from labelbox.schema._bulk_import.validation import (
    get_mal_schemas,
    parse_classification,
    row_problems,
    validate_rows,
)
from labelbox.schema.enums import BulkImportRequestState

if TYPE_CHECKING:
    from labelbox.client import Client
    from labelbox.schema.ontology import Ontology
    from labelbox.schema.project import Project

__all__ = [
    "Bbox",
    "BulkImportRequest",
    "DataRow",
    "EntityLocation",
    "FrameLocation",
    "NDAnnotation",
    "NDBase",
    "NDBaseTool",
    "NDChecklist",
    "NDClassification",
    "NDFeatureSchema",
    "NDMask",
    "NDPoint",
    "NDPolygon",
    "NDPolyline",
    "NDRadio",
    "NDRectangle",
    "NDText",
    "NDTextEntity",
    "NDTool",
    "PNGMaskFeatures",
    "Point",
    "RLEMaskFeatures",
    "RowProblem",
    "URIMaskFeatures",
    "VideoSupported",
    "get_mal_schemas",
    "parse_classification",
    "row_problems",
]

logger = logging.getLogger("labelbox")
NDJSON_MIME_TYPE = "application/x-ndjson"


class BulkImportRequest(BulkImportRequestBase):
    """An import of pre-labels into a project. `project()` and `created_by()` query the
    server; `statuses`, `errors` and `inputs` read the files it keeps."""

    def refresh(self) -> None:
        """Fetch the request's current state."""
        found = self._gateway.ops.get_bulk_import_request_py_api(self.uid).bulk_import_request
        if found is None:
            raise ResourceNotFoundError(type(self), {"id": self.uid})
        self._set_field_values(found)

    def wait_until_done(self, sleep_time_seconds: int = 5) -> None:
        """Block until the state is FINISHED or FAILED, refreshing it every
        `sleep_time_seconds` (at first more often)."""
        interval = 0.1
        while self.state == BulkImportRequestState.RUNNING:
            time.sleep(min(interval, max(float(sleep_time_seconds), 0.1)))
            interval *= 2
            self.refresh()

    @property
    def inputs(self) -> list[dict[str, Any]]:
        """The annotations uploaded, as given (the server keeps them for a limited time)."""
        return self._ndjson(self.input_file_url)

    @property
    def statuses(self) -> list[dict[str, Any]]:
        """One status per annotation: `uuid`, `dataRow`, `status` (SUCCESS or FAILURE) and
        `errors` (each with `name` and `message`). Waits for the request."""
        self.wait_until_done()
        return self._ndjson(self.status_file_url)

    @property
    def errors(self) -> list[dict[str, Any]]:
        """The statuses of the annotations that failed (`[]` when none did). Waits for the
        request."""
        self.wait_until_done()
        return self._ndjson(self.error_file_url)

    def _ndjson(self, url: str | None) -> list[dict[str, Any]]:
        return list(self._gateway.stream_ndjson(url)) if url else []

    def delete(self) -> None:
        """Delete the request and the predictions it made."""
        self._gateway.ops.delete_bulk_import_request_py_api(self.uid)

    @classmethod
    def from_name(cls, client: Client, project_id: str, name: str) -> BulkImportRequest:
        """The project's bulk import request named `name` (`ResourceNotFoundError` if none)."""
        found = client._gateway.ops.get_bulk_import_request_by_name_py_api(project_id, name)
        if found.bulk_import_request is None:
            raise ResourceNotFoundError(cls, {"projectId": project_id, "name": name})
        return cls(client, found.bulk_import_request)

    @classmethod
    def create_from_url(
        cls, client: Client, project_id: str, name: str, url: str, validate: bool = True
    ) -> BulkImportRequest:
        """Import pre-labels from an NDJSON file at a URL the server can read; with
        `validate`, the file is downloaded and checked first."""
        if validate:
            logger.warning(
                "Validation is turned on. The file will be downloaded locally and processed "
                "before uploading."
            )
            validate_rows(client._gateway.stream_ndjson(url), _ontology(client, project_id))
        created = client._gateway.ops.create_bulk_import_request_py_api(project_id, name, url)
        return cls(client, created.create_bulk_import_request)

    @classmethod
    def create_from_objects(
        cls,
        client: Client,
        project_id: str,
        name: str,
        predictions: Iterable[AnnotationInput],
        validate: bool = True,
    ) -> BulkImportRequest:
        """Import pre-labels given as annotation dicts (NDJSON rows) or typed labels
        (`labelbox.data.annotation_types.Label`); with `validate`, every row is checked
        against the project's ontology first."""
        if not isinstance(predictions, list | tuple):
            raise TypeError(f"annotations must be in a form of Iterable. Found {type(predictions)}")
        rows = list(as_rows(predictions, client))
        if validate:
            validate_rows(rows, _ontology(client, project_id))
        content = _ndjson(rows)
        if not content:
            raise InvalidInputError("annotations cannot be empty", field="predictions")
        return cls._create(client, project_id, name, io.BytesIO(content), len(content), None)

    @classmethod
    def create_from_local_file(
        cls,
        client: Client,
        project_id: str,
        name: str,
        file: Path,
        validate_file: bool = True,
    ) -> BulkImportRequest:
        """Import pre-labels from a local NDJSON file, streamed; with `validate_file`, every
        row is checked first (a line that is not JSON raises `ValueError`)."""
        file = Path(file)
        if validate_file:
            with file.open("rb") as lines:
                validate_rows(_read_lines(file, lines), _ontology(client, project_id))
        with file.open("rb") as stream:
            return cls._create(client, project_id, name, stream, file.stat().st_size, file.name)

    @classmethod
    def _create(
        cls,
        client: Client,
        project_id: str,
        name: str,
        stream: io.BufferedIOBase,
        size: int,
        filename: str | None,
    ) -> BulkImportRequest:
        from labelbox._generated.base_model import Upload

        field_name = f"{project_id}__{name}.ndjson"
        upload = Upload(filename or field_name, stream, NDJSON_MIME_TYPE)
        created = client._gateway.ops.create_bulk_import_request_from_file_py_api(
            project_id, name, upload, size
        )
        if created.create_bulk_import_request is None:
            raise LabelboxError("Failed to create the bulk import request")
        return cls(client, created.create_bulk_import_request)


def _validate_ndjson(lines: Iterable[Any], project: Project) -> None:
    """Validate rows against the project's ontology (the name Labelbox's SDK gives it):
    `MALValidationError` / `UuidError` listing every invalid row."""
    validate_rows(lines, _ontology_of(project))


def _ontology(client: Client, project_id: str) -> Ontology:
    return _ontology_of(client.get_project(project_id))


def _ontology_of(project: Project) -> Ontology:
    ontology = project.ontology()
    if ontology is None:
        raise MALValidationError(f"Project {project.uid} has no ontology to validate against")
    return ontology


def _ndjson(rows: list[Any]) -> bytes:
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def _read_lines(path: Path, lines: Iterable[bytes]) -> Iterator[Any]:
    for line in lines:
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except ValueError:
            raise ValueError(f"{path} is not a valid ndjson file") from None
