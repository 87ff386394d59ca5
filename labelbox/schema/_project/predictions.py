"""Model-assisted labeling in a project: showing predictions to labelers, bulk import
requests (`upload_annotations`, `bulk_import_requests`)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from labelbox.exceptions import ResourceNotFoundError
from labelbox.pagination import OffsetPages, PaginatedCollection
from labelbox.schema._annotation_input import AnnotationInput
from labelbox.schema._project.base import ProjectPart

if TYPE_CHECKING:
    from labelbox.schema.bulk_import_request import BulkImportRequest


class ProjectPredictions(ProjectPart):
    def enable_model_assisted_labeling(self, toggle: bool = True) -> bool:
        """Show (`toggle=True`) or hide model predictions to the project's labelers; returns
        whether they are shown."""
        result = self._project._gateway.ops.show_predictions_to_labelers_py_api(
            self._project.uid, toggle
        )
        if result.project is None:
            raise ResourceNotFoundError(type(self._project), {"id": self._project.uid})
        return result.project.show_predictions_to_labelers.showing_predictions_to_labelers

    def upload_annotations(
        self,
        name: str,
        annotations: str | Path | Iterable[AnnotationInput],
        validate: bool = False,
    ) -> BulkImportRequest:
        """Import pre-labels as a new bulk import request named `name`: `annotations` is a
        URL of an NDJSON file, a local NDJSON file, or annotation rows (dicts, or typed
        labels). With `validate`, every row is checked against the project's ontology
        before anything is sent (`MALValidationError` lists every invalid row)."""
        from labelbox.schema.bulk_import_request import BulkImportRequest

        project, client = self._project, self._project.client
        if isinstance(annotations, str | Path):
            text = str(annotations)
            if urlparse(text).scheme in ("http", "https"):
                return BulkImportRequest.create_from_url(
                    client, project.uid, name, text, validate=validate
                )
            if os.path.exists(text):
                return BulkImportRequest.create_from_local_file(
                    client, project.uid, name, Path(text), validate_file=validate
                )
            raise ValueError(f"Invalid annotations given: {text}")
        if isinstance(annotations, Iterable):
            return BulkImportRequest.create_from_objects(
                client, project.uid, name, list(annotations), validate=validate
            )
        raise ValueError(f"Invalid annotations given of type: {type(annotations)}")

    def bulk_import_requests(self) -> PaginatedCollection[BulkImportRequest]:
        """The project's bulk import requests, oldest first (deleted ones left out)."""
        from labelbox.schema.bulk_import_request import BulkImportRequest

        ops, client, project_id = (
            self._project._gateway.ops,
            self._project.client,
            self._project.uid,
        )

        def page(skip: int, first: int) -> list[BulkImportRequest]:
            found = ops.list_all_import_requests_py_api(project_id, skip=skip, first=first)
            return [BulkImportRequest(client, item) for item in found.bulk_import_requests]

        return PaginatedCollection._of(client, OffsetPages(page))
