"""Annotation imports: NDJSON annotations imported into a project, as labels (`LabelImport`)
or as model-assisted labeling predictions (`MALPredictionImport`).

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
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol, cast, overload

from typing_extensions import NotRequired, Self, TypedDict

from labelbox._generated.entities import LabelImportBase, MALPredictionImportBase
from labelbox._polling import poll
from labelbox._progress import Progress
from labelbox.exceptions import InvalidAnnotationError, InvalidInputError, ResourceNotFoundError
from labelbox.orm.db_object import DbObject
from labelbox.schema import _annotation_rows as rows
from labelbox.schema._annotation_input import AnnotationInput, as_rows
from labelbox.schema.enums import AnnotationImportState

if TYPE_CHECKING:
    from pydantic import BaseModel

    from labelbox._generated.base_model import Upload
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
    def _get(cls, client: Client, parent_id: str, name: str) -> BaseModel | None:
        """The import of this kind named `name` in its parent (raises if there is none)."""
        raise NotImplementedError

    @classmethod
    def _lookup(cls, client: Client, parent_id: str, name: str) -> BaseModel | None:
        try:
            return cls._get(client, parent_id, name)
        except ResourceNotFoundError:
            return None

    @classmethod
    def _by_name(
        cls, client: Client, parent_key: str, parent_id: str, name: str, as_json: bool
    ) -> Self | dict[str, Any]:
        """What `from_name` returns (`parent_key` names the parent in the error)."""
        found = cls._lookup(client, parent_id, name)
        if found is None:
            raise ResourceNotFoundError(cls, {parent_key: parent_id, "name": name})
        if as_json:
            return found.model_dump(by_alias=True, mode="json")
        return cls(client, found)

    #: The other imports a large input was split into (see `_ProjectImport`), and the
    #: input position of each annotation's uuid.
    _parts: list[AnnotationImport] = []
    _order: dict[str, int] = {}

    def refresh(self) -> None:
        """Fetch the import's current state from the server (of all its parts, when a large
        input was split: RUNNING until every part is done, FAILED if one failed)."""
        fresh = self._lookup(self.client, self.parent_id, self._fields.name)
        if fresh is None:
            raise ResourceNotFoundError(type(self), {"name": self._fields.name})
        self._set_field_values(fresh)
        if self._parts:
            for part in self._parts:
                part.refresh()
            self._combine()

    def _combine(self) -> None:
        imports = [self, *self._parts]
        states = {i._fields.state for i in imports}
        state = next(
            (
                s
                for s in (AnnotationImportState.RUNNING, AnnotationImportState.FAILED)
                if s in states
            ),
            AnnotationImportState.FINISHED,
        )
        percent = sum(_percent(i._fields.progress) for i in imports) / len(imports)
        self._data = self._data.model_copy(update={"state": state, "progress": f"{percent:.0f}%"})

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
        return self._ndjson("input_file_url", wait=False)

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

    def _ndjson(self, field: str, *, wait: bool) -> list[Any]:
        if wait:
            self.wait_until_done()
        if self._fields.state == AnnotationImportState.FAILED:
            raise ValueError("Import failed.")
        found: list[Any] = []
        for part in (self, *self._parts):
            url = cast("str | None", getattr(part._fields, field))
            if url:
                found.extend(self._gateway.stream_ndjson(url))
        if self._parts:
            last = len(self._order)
            found.sort(key=lambda row: self._order.get(str(row.get("uuid")), last))
        return found


def _percent(progress: str | None) -> float:
    try:
        return float((progress or "0").rstrip("%"))
    except ValueError:
        return 0.0


class _ProjectImport(AnnotationImport):
    """An import into a project, created from objects, a file or a URL and found by name.
    Subclasses name their operations."""

    #: The kind of import, as 3.36.0's confidence warning names it.
    _kind: ClassVar[str]
    #: Larger inputs given as objects are split into several imports (transparently: the
    #: import returned waits for, and reports the annotations of, all of them).
    max_rows_per_import: ClassVar[int] = 50_000

    @property
    def parent_id(self) -> str:
        """The project's id."""
        project = cast(Any, self).project()
        assert project is not None
        return cast(str, project.uid)

    @classmethod
    def _by_file(
        cls, client: Client, project_id: str, name: str, upload: Upload, size: int
    ) -> BaseModel:
        raise NotImplementedError

    @classmethod
    def _by_url(cls, client: Client, project_id: str, name: str, url: str) -> BaseModel:
        raise NotImplementedError

    @overload
    @classmethod
    def from_name(
        cls, client: Client, project_id: str, name: str, as_json: Literal[False] = False
    ) -> Self: ...

    @overload
    @classmethod
    def from_name(
        cls, client: Client, project_id: str, name: str, as_json: Literal[True]
    ) -> dict[str, Any]: ...

    @classmethod
    def from_name(
        cls, client: Client, project_id: str, name: str, as_json: bool = False
    ) -> Self | dict[str, Any]:
        """The project's import of this kind named `name` (`ResourceNotFoundError` if none);
        with `as_json`, its fields as the API sends them."""
        return cls._by_name(client, "projectId", project_id, name, as_json)

    @classmethod
    def create_from_objects(
        cls, client: Client, project_id: str, name: str, labels: Sequence[AnnotationInput]
    ) -> Self:
        """Import annotations given as a list of annotation dicts (NDJSON rows) or typed
        `labelbox.data.annotation_types.Label`s."""
        if not isinstance(labels, list | tuple):
            raise InvalidAnnotationError(
                f"labels must be in a form of list. Found {type(labels)}", field="labels"
            )
        if not labels:
            raise InvalidInputError("labels cannot be empty", field="labels")
        found = list(as_rows(labels, client))
        content = rows.ndjson(found)
        cls._warn_confidence(found)
        if len(found) <= cls.max_rows_per_import:
            return cls._create_from_stream(
                client, project_id, name, io.BytesIO(content), len(content)
            )
        return cls._create_in_parts(client, project_id, name, found)

    @classmethod
    def _create_in_parts(cls, client: Client, project_id: str, name: str, found: list[Any]) -> Self:
        """One import per chunk of `max_rows_per_import` rows (the first named `name`, the
        others `name (part i of n)`), returned as one import covering all of them."""
        chunks = rows.split_by_data_row(found, cls.max_rows_per_import)
        parts = []
        for number, chunk in enumerate(chunks, start=1):
            content = rows.dumps(chunk)
            part_name = name if number == 1 else f"{name} (part {number} of {len(chunks)})"
            parts.append(
                cls._create_from_stream(
                    client, project_id, part_name, io.BytesIO(content), len(content)
                )
            )
        first = parts[0]
        first._parts = list(parts[1:])
        first._order = {str(row["uuid"]): index for index, row in enumerate(found)}
        first._combine()
        return first

    @classmethod
    def create_from_file(cls, client: Client, project_id: str, name: str, path: str) -> Self:
        """Import annotations from a local NDJSON file (one annotation per line), streamed."""
        if not os.path.isfile(path):
            raise InvalidInputError(f"File {path} is not accessible", field="path")
        with open(path, "rb") as lines:
            confidence = any(rows.has_confidence(row) for row in rows.check_ndjson_lines(lines))
        if confidence:
            cls._warn_confidence([{"confidence": True}])
        with open(path, "rb") as stream:
            return cls._create_from_stream(client, project_id, name, stream, os.path.getsize(path))

    @classmethod
    def create_from_url(cls, client: Client, project_id: str, name: str, url: str) -> Self:
        """Import annotations from an NDJSON file at a URL the server can read (on the local
        server: a URL it signed, e.g. from `client.upload_file`, or one its operator
        allow-listed). An unreachable URL raises `InvalidInputError` (a `ValueError`) before
        anything is sent."""
        if not client._gateway.reachable(url):
            raise InvalidInputError(f"Url {url} is not reachable", field="url")
        return cls(client, cls._by_url(client, project_id, name, url))

    @classmethod
    def _create_from_stream(
        cls, client: Client, project_id: str, name: str, stream: io.BufferedIOBase, size: int
    ) -> Self:
        from labelbox._generated.base_model import Upload

        upload = Upload(f"{project_id}__{name}.ndjson", stream, NDJSON_MIME_TYPE)
        return cls(client, cls._by_file(client, project_id, name, upload, size))

    @classmethod
    def _warn_confidence(cls, labels: Sequence[Any]) -> None:
        """Warn once if a row gives a confidence: the import ignores it (3.36.0's message,
        formatted: the message is the record's first argument, as there)."""
        if any(rows.has_confidence(row) for row in labels if isinstance(row, dict)):
            logger.warning(
                f"Confidence scores are not supported in {cls._kind}. "
                "Corresponding confidence score values will be ignored."
            )


class LabelImport(LabelImportBase, _ProjectImport):
    """An import of labels into a project: each data row gets one label holding its
    annotations. `project()` is the project (no request)."""

    _kind = "Label Import"

    @classmethod
    def _get(cls, client: Client, project_id: str, name: str) -> BaseModel | None:
        return client._gateway.ops.get_label_import_py_api(project_id, name).label_import

    @classmethod
    def _by_file(
        cls, client: Client, project_id: str, name: str, upload: Upload, size: int
    ) -> BaseModel:
        ops = client._gateway.ops
        return ops.create_label_import_by_file_py_api(
            project_id, name, upload, size
        ).create_label_import

    @classmethod
    def _by_url(cls, client: Client, project_id: str, name: str, url: str) -> BaseModel:
        ops = client._gateway.ops
        return ops.create_label_import_by_url_py_api(project_id, name, url).create_label_import


class MALPredictionImport(MALPredictionImportBase, _ProjectImport):
    """An import of model-assisted labeling predictions (pre-labels) into a project: labelers
    see them as predictions to correct; they make no labels. `project()` is the project (no
    request).

        >>> mal = MALPredictionImport.create_from_objects(client, project.uid, "mal-1", rows)
        >>> mal.wait_until_done()
        >>> mal.errors   # the rows that failed, each with its reasons
    """

    _kind = "MAL Prediction Import"

    @classmethod
    def _get(cls, client: Client, project_id: str, name: str) -> BaseModel | None:
        ops = client._gateway.ops
        found = ops.get_model_assisted_labeling_prediction_import_py_api(project_id, name)
        return found.model_assisted_labeling_prediction_import

    @classmethod
    def _by_file(
        cls, client: Client, project_id: str, name: str, upload: Upload, size: int
    ) -> BaseModel:
        ops = client._gateway.ops
        created = ops.create_mal_prediction_import_by_file_py_api(project_id, name, upload, size)
        return created.create_model_assisted_labeling_prediction_import

    @classmethod
    def _by_url(cls, client: Client, project_id: str, name: str, url: str) -> BaseModel:
        ops = client._gateway.ops
        created = ops.create_mal_prediction_import_by_url_py_api(project_id, name, url)
        return created.create_model_assisted_labeling_prediction_import


from labelbox.schema._model_runs.imports import (  # noqa: E402  (model-run imports build on the base)
    MEAPredictionImport as MEAPredictionImport,
)
from labelbox.schema._model_runs.imports import (  # noqa: E402
    MEAToMALPredictionImport as MEAToMALPredictionImport,
)
