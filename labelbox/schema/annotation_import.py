"""Annotation imports: NDJSON annotations imported into a project (`LabelImport`).

    >>> label_import = LabelImport.create_from_objects(client, project.uid, "first labels", rows)
    >>> label_import.wait_until_done()
    >>> [s for s in label_import.statuses if s["status"] == "FAILURE"]

Each row is one annotation: `uuid`, `dataRow: {id}`, the feature (`schemaId` or `name` from
the project's ontology) and its geometry or answer. The server checks every row against the
ontology and applies the valid ones even when others fail; `statuses` has one entry per row,
`errors` those that failed. Rows without a UUID `uuid`, a `dataRow` id or a feature raise
`InvalidAnnotationError` before anything is sent.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast, overload

from typing_extensions import NotRequired, TypedDict

from labelbox._generated.entities import LabelImportBase
from labelbox._polling import poll
from labelbox._progress import Progress
from labelbox.exceptions import InvalidAnnotationError, InvalidInputError, ResourceNotFoundError
from labelbox.orm.db_object import DbObject
from labelbox.schema import _annotation_rows as rows
from labelbox.schema.enums import AnnotationImportState

if TYPE_CHECKING:
    from pydantic import BaseModel

    from labelbox.client import Client

logger = logging.getLogger("labelbox")
NDJSON_MIME_TYPE = "application/x-ndjson"


class AnnotationError(TypedDict):
    """Why an annotation failed."""

    name: str
    message: str
    additional_info: NotRequired[Any]


class DataRowId(TypedDict):
    id: str


class AnnotationStatus(TypedDict):
    """The outcome of one annotation of an import."""

    uuid: str | None
    dataRow: DataRowId | None
    status: Literal["SUCCESS", "FAILURE"]
    errors: list[AnnotationError]


class _ImportFields(Protocol):
    uid: str
    name: str
    state: AnnotationImportState
    progress: str | None
    input_file_url: str | None
    error_file_url: str | None
    status_file_url: str | None


class AnnotationImport(DbObject):
    """What every annotation import does: wait until it is done, and read its files.

    `statuses`, `errors` and `inputs` are read from files the server keeps (for a limited
    time on Labelbox: 24 hours).
    """

    @property
    def _fields(self) -> _ImportFields:
        """This import's fields (every kind has them)."""
        return cast(_ImportFields, self)

    @property
    def parent_id(self) -> str:
        """The id of what the import is into (used to refresh it)."""
        raise NotImplementedError

    @classmethod
    def _lookup(cls, client: Client, parent_id: str, name: str) -> BaseModel | None:
        raise NotImplementedError

    def refresh(self) -> None:
        """Fetch the import's current state from the server."""
        fresh = self._lookup(self.client, self.parent_id, self._fields.name)
        if fresh is None:
            raise ResourceNotFoundError(type(self), {"name": self._fields.name})
        self._set_field_values(fresh)

    def wait_until_done(self, sleep_time_seconds: int = 10, show_progress: bool = False) -> None:
        """Wait until the import is FINISHED or FAILED (no time limit).

        Polls with growing intervals up to `sleep_time_seconds`; `show_progress=True` draws
        a progress bar.
        """
        with Progress(f"Import {self._fields.name}", 100, enabled=show_progress) as progress:

            def done() -> bool | None:
                if self._fields.state != AnnotationImportState.RUNNING:
                    return True
                self.refresh()
                progress.update(_percent(self._fields.progress))
                return True if self._fields.state != AnnotationImportState.RUNNING else None

            poll(done, timeout=float("inf"), interval=max(float(sleep_time_seconds), 0.25))

    @property
    def inputs(self) -> list[dict[str, Any]]:
        """The annotations imported, as given."""
        return self._ndjson(self._fields.input_file_url, wait=False)

    @property
    def statuses(self) -> list[AnnotationStatus]:
        """One status per annotation: `uuid`, `dataRow`, `status` (SUCCESS or FAILURE) and
        `errors` (each with a `name` and a `message`). Waits for the import."""
        return cast("list[AnnotationStatus]", self._ndjson("status_file_url", wait=True))

    @property
    def errors(self) -> list[AnnotationStatus]:
        """The statuses of the annotations that failed (`[]` when none did). Waits for the
        import."""
        return cast("list[AnnotationStatus]", self._ndjson("error_file_url", wait=True))

    def _ndjson(self, url_or_field: str | None, *, wait: bool) -> list[Any]:
        if wait:
            self.wait_until_done()
            url = cast("str | None", getattr(self._fields, url_or_field or ""))
        else:
            url = url_or_field
        if self._fields.state == AnnotationImportState.FAILED:
            raise ValueError("Import failed.")
        if not url:
            return []
        return list(self._gateway.stream_ndjson(url))


def _percent(progress: str | None) -> float:
    try:
        return float((progress or "0").rstrip("%"))
    except ValueError:
        return 0.0


class LabelImport(LabelImportBase, AnnotationImport):
    """An import of labels into a project: each data row gets one label holding its
    annotations. `project()` is the project (no request)."""

    @property
    def parent_id(self) -> str:
        """The project's id."""
        project = self.project()
        assert project is not None
        return project.uid

    @classmethod
    def _lookup(cls, client: Client, parent_id: str, name: str) -> BaseModel | None:
        from labelbox.exceptions import ResourceNotFoundError as NotFound

        try:
            return client._gateway.ops.get_label_import_py_api(parent_id, name).label_import
        except NotFound:
            return None

    @overload
    @classmethod
    def from_name(
        cls, client: Client, project_id: str, name: str, as_json: Literal[False] = False
    ) -> LabelImport: ...

    @overload
    @classmethod
    def from_name(
        cls, client: Client, project_id: str, name: str, as_json: Literal[True]
    ) -> dict[str, Any]: ...

    @classmethod
    def from_name(
        cls, client: Client, project_id: str, name: str, as_json: bool = False
    ) -> LabelImport | dict[str, Any]:
        """The project's label import named `name` (`ResourceNotFoundError` if none); with
        `as_json`, its fields as the API sends them."""
        found = cls._lookup(client, project_id, name)
        if found is None:
            raise ResourceNotFoundError(cls, {"projectId": project_id, "name": name})
        if as_json:
            return found.model_dump(by_alias=True, mode="json")
        return cls(client, found)

    @classmethod
    def create_from_objects(
        cls, client: Client, project_id: str, name: str, labels: Sequence[dict[str, Any]]
    ) -> LabelImport:
        """Import labels given as a list of annotation dicts (NDJSON rows)."""
        if not isinstance(labels, list | tuple):
            raise InvalidAnnotationError(
                f"labels must be in a form of list. Found {type(labels)}", field="labels"
            )
        if not labels:
            raise InvalidInputError("labels cannot be empty", field="labels")
        content = rows.ndjson(labels)
        _warn_confidence(labels)
        return cls._create_from_stream(client, project_id, name, io.BytesIO(content), len(content))

    @classmethod
    def create_from_file(cls, client: Client, project_id: str, name: str, path: str) -> LabelImport:
        """Import labels from a local NDJSON file (one annotation per line), streamed."""
        if not os.path.isfile(path):
            raise InvalidInputError(f"File {path} is not accessible", field="path")
        with open(path, "rb") as lines:
            confidence = any(rows.has_confidence(row) for row in rows.check_ndjson_lines(lines))
        if confidence:
            _warn_confidence([{"confidence": True}])
        with open(path, "rb") as stream:
            return cls._create_from_stream(client, project_id, name, stream, os.path.getsize(path))

    @classmethod
    def create_from_url(cls, client: Client, project_id: str, name: str, url: str) -> LabelImport:
        """Import labels from an NDJSON file at a URL the server can read (on the local
        server: a URL it signed, e.g. from `client.upload_file`). An unreachable URL
        raises `InvalidInputError` (a `ValueError`) before anything is sent."""
        if not client._gateway.reachable(url):
            raise InvalidInputError(f"Url {url} is not reachable", field="url")
        created = client._gateway.ops.create_label_import_by_url_py_api(project_id, name, url)
        return cls(client, created.create_label_import)

    @classmethod
    def _create_from_stream(
        cls, client: Client, project_id: str, name: str, stream: io.BufferedIOBase, size: int
    ) -> LabelImport:
        from labelbox._generated.base_model import Upload

        upload = Upload(f"{project_id}__{name}.ndjson", stream, NDJSON_MIME_TYPE)
        created = client._gateway.ops.create_label_import_by_file_py_api(
            project_id, name, upload, size
        )
        return cls(client, created.create_label_import)


def _warn_confidence(labels: Sequence[Any]) -> None:
    if any(rows.has_confidence(row) for row in labels):
        logger.warning("Confidence scores are not supported in Label Import; they will be ignored.")


from labelbox.schema._model_runs.imports import (  # noqa: E402  (model-run imports build on the base)
    MEAPredictionImport as MEAPredictionImport,
)
from labelbox.schema._model_runs.imports import (  # noqa: E402
    MEAToMALPredictionImport as MEAToMALPredictionImport,
)
