"""Prediction imports of model runs: `MEAPredictionImport` (a model's predictions on a model
run's data rows) and `MEAToMALPredictionImport` (a model run's predictions sent to a project
as pre-labels). Both are `AnnotationImport`s: `wait_until_done()`, `statuses`, `errors`,
`inputs`.

    >>> mea = MEAPredictionImport.create_from_objects(client, model_run.uid, "v1", predictions)
    >>> mea.wait_until_done()
    >>> [s for s in mea.statuses if s["status"] == "FAILURE"]

Rows are NDJSON annotations as for label imports (`uuid`, `dataRow: {id}`, `schemaId` or
`name`, the geometry or answer) and may carry a `confidence`. Rows without a UUID `uuid`, a
`dataRow` id or a feature raise `InvalidAnnotationError` before anything is sent.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from labelbox._generated.entities import MEAPredictionImportBase, MEAToMALPredictionImportBase
from labelbox._inputs import check_text
from labelbox.exceptions import InvalidAnnotationError, InvalidInputError
from labelbox.schema import _annotation_rows as rows
from labelbox.schema._annotation_input import AnnotationInput, as_rows
from labelbox.schema._model_runs.waits import id_list
from labelbox.schema.annotation_import import NDJSON_MIME_TYPE, AnnotationImport

if TYPE_CHECKING:
    from pydantic import BaseModel

    from labelbox.client import Client


def _ndjson_of(predictions: Sequence[AnnotationInput], client: Client) -> bytes:
    if not isinstance(predictions, list | tuple):
        raise InvalidAnnotationError(
            f"predictions must be in a form of list. Found {type(predictions)}",
            field="predictions",
        )
    if not predictions:
        raise InvalidInputError("predictions cannot be empty", field="predictions")
    return rows.ndjson(list(as_rows(predictions, client)))


def _check_file(path: str) -> int:
    if not isinstance(path, str | os.PathLike) or not os.path.isfile(path):
        raise InvalidInputError(f"File {path} is not accessible", field="path")
    with open(path, "rb") as lines:
        for _ in rows.check_ndjson_lines(lines):
            pass
    return os.path.getsize(path)


class MEAPredictionImport(MEAPredictionImportBase, AnnotationImport):
    """An import of a model's predictions on the data rows of a model run (model error
    analysis). `model_run_id` is the run's id."""

    @property
    def parent_id(self) -> str:
        """The model run's id."""
        return self.model_run_id

    @classmethod
    def _get(cls, client: Client, parent_id: str, name: str) -> BaseModel | None:
        found = client._gateway.ops.find_mea_prediction_import_py_api(parent_id, name)
        return found.model_error_analysis_prediction_import

    @overload
    @classmethod
    def from_name(
        cls, client: Client, model_run_id: str, name: str, as_json: Literal[False] = False
    ) -> MEAPredictionImport: ...

    @overload
    @classmethod
    def from_name(
        cls, client: Client, model_run_id: str, name: str, as_json: Literal[True]
    ) -> dict[str, Any]: ...

    @classmethod
    def from_name(
        cls, client: Client, model_run_id: str, name: str, as_json: bool = False
    ) -> MEAPredictionImport | dict[str, Any]:
        """The model run's import named `name` (`ResourceNotFoundError` if none); with
        `as_json`, its fields as the API sends them."""
        check_text(cls, "model_run_id", model_run_id)
        check_text(cls, "name", name)
        return cls._by_name(client, "modelRunId", model_run_id, name, as_json)

    @classmethod
    def create_from_objects(
        cls,
        client: Client,
        model_run_id: str,
        name: str,
        predictions: Sequence[AnnotationInput],
    ) -> MEAPredictionImport:
        """Import predictions given as a list of annotation dicts (NDJSON rows) or typed
        labels (`labelbox.data.annotation_types.Label`)."""
        content = _ndjson_of(predictions, client)
        return cls._create_from_stream(
            client, model_run_id, name, io.BytesIO(content), len(content)
        )

    @classmethod
    def create_from_file(
        cls, client: Client, model_run_id: str, name: str, path: str
    ) -> MEAPredictionImport:
        """Import predictions from a local NDJSON file (one annotation per line), streamed;
        every line is checked first."""
        size = _check_file(path)
        with open(path, "rb") as stream:
            return cls._create_from_stream(client, model_run_id, name, stream, size)

    @classmethod
    def create_from_url(
        cls, client: Client, model_run_id: str, name: str, url: str
    ) -> MEAPredictionImport:
        """Import predictions from an NDJSON file at a URL the server can read. An
        unreachable URL raises `InvalidInputError` (a `ValueError`) before anything is
        sent."""
        check_text(cls, "url", url)
        if not client._gateway.reachable(url):
            raise InvalidInputError(f"Url {url} is not reachable", field="url")
        created = client._gateway.ops.create_mea_prediction_import_by_url_py_api(
            model_run_id, name, url
        )
        return cls(client, created.create_model_error_analysis_prediction_import)

    @classmethod
    def _create_from_stream(
        cls, client: Client, model_run_id: str, name: str, stream: io.BufferedIOBase, size: int
    ) -> MEAPredictionImport:
        from labelbox._generated.base_model import Upload

        check_text(cls, "model_run_id", model_run_id)
        check_text(cls, "name", name)
        upload = Upload(f"{model_run_id}__{name}.ndjson", stream, NDJSON_MIME_TYPE)
        created = client._gateway.ops.create_mea_prediction_import_by_file_py_api(
            model_run_id, name, upload, size
        )
        return cls(client, created.create_model_error_analysis_prediction_import)


class MEAToMALPredictionImport(MEAToMALPredictionImportBase, AnnotationImport):
    """An import, as pre-labels in a project, of a model run's predictions on some of its
    data rows. `project()` is the project (no request)."""

    @property
    def parent_id(self) -> str:
        """The project's id."""
        project = self.project()
        assert project is not None
        return project.uid

    @classmethod
    def _get(cls, client: Client, parent_id: str, name: str) -> BaseModel | None:
        found = client._gateway.ops.get_mea_to_mal_prediction_import_py_api(parent_id, name)
        return found.mea_to_mal_prediction_import

    @overload
    @classmethod
    def from_name(
        cls, client: Client, project_id: str, name: str, as_json: Literal[False] = False
    ) -> MEAToMALPredictionImport: ...

    @overload
    @classmethod
    def from_name(
        cls, client: Client, project_id: str, name: str, as_json: Literal[True]
    ) -> dict[str, Any]: ...

    @classmethod
    def from_name(
        cls, client: Client, project_id: str, name: str, as_json: bool = False
    ) -> MEAToMALPredictionImport | dict[str, Any]:
        """The project's MEA to MAL import named `name` (`ResourceNotFoundError` if none);
        with `as_json`, its fields as the API sends them."""
        check_text(cls, "project_id", project_id)
        check_text(cls, "name", name)
        return cls._by_name(client, "projectId", project_id, name, as_json)

    @classmethod
    def create_for_model_run_data_rows(
        cls,
        client: Client,
        model_run_id: str,
        data_row_ids: Sequence[str],
        project_id: str,
        name: str,
    ) -> MEAToMALPredictionImport:
        """Send the model run's predictions on these data rows to the project as
        pre-labels (the rows must be in the project, e.g. in a batch)."""
        check_text(cls, "model_run_id", model_run_id)
        check_text(cls, "project_id", project_id)
        check_text(cls, "name", name)
        ids = id_list(data_row_ids, "data_row_ids")
        created = client._gateway.ops.create_mal_prediction_import_for_model_run_data_rows_py_api(
            name, model_run_id, ids, project_id
        )
        return cls(client, created.create_mal_prediction_import_for_model_run_data_rows)
