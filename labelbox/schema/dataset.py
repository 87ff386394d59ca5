"""`Dataset`: a collection of data rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from labelbox import exceptions
from labelbox._data_rows import specs as row_specs
from labelbox._data_rows.files import upload_local_files
from labelbox._data_rows.importer import submit_import, submit_sync
from labelbox._generated import operations as ops
from labelbox._generated.entities import DatasetBase, DatasetUpdateKwargs
from labelbox._generated.input_types import DataRowCreateInput
from labelbox._http.download import stream_ndjson
from labelbox._polling import poll
from labelbox.orm.db_object import Deletable, Updateable
from labelbox.orm.model import ToMany, ToOne
from labelbox.schema.data_row import DataRow, DataRowCreateKwargs
from labelbox.schema.task import Task

if TYPE_CHECKING:
    from labelbox.schema.organization import Organization
    from labelbox.schema.project import Project
    from labelbox.schema.user import User

MAX_SYNC_ROWS = 1000
EXPORT_COMPLETE = "COMPLETE"
EXPORT_FAILED = "FAILED"


class Dataset(DatasetBase, Updateable, Deletable):
    """A dataset: `client.create_dataset(name=...)`.

    `row_count` is read when the object is fetched; fetch it again to refresh.
    Datasets are attached to projects from the project's side:
    `project.datasets.connect(dataset)`. `data_rows()` pages with a cursor, so
    every page costs the same however deep; it filters by equality on
    `DataRow.external_id` / `DataRow.global_key` and orders by any field.
    """

    projects: ToMany[Project] = ToMany(
        "Project",
        ops.GET_DATASET_PROJECTS_PY_API_GQL,
        ["dataset", "projects"],
        filter_deleted=True,
    )
    data_rows: ToMany[DataRow] = ToMany(
        "DataRow",
        ops.GET_DATASET_DATA_ROWS_PY_API_GQL,
        ["datasetDataRows", "nodes"],
        cursor_path=["datasetDataRows", "pageInfo", "endCursor"],
        page_size=500,
    )
    created_by: ToOne[User] = ToOne(
        "User", ops.GET_DATASET_CREATED_BY_PY_API_GQL, ["dataset", "createdBy"]
    )
    organization: ToOne[Organization] = ToOne(
        "Organization", ops.GET_DATASET_ORGANIZATION_PY_API_GQL, ["dataset", "organization"]
    )

    def update(self, **kwargs: Unpack[DatasetUpdateKwargs]) -> None:
        """Change fields on the server and refresh this object from the result."""
        data = self._input_from(kwargs, self._update_input, self._update_fields)
        result = self.client._gql.update_dataset_py_api(self.uid, data)
        self._set_field_values(self._found(result.update_dataset))

    def delete(self) -> None:
        """Delete the dataset (a soft delete: it is gone from every listing)."""
        self._found(self.client._gql.delete_dataset_py_api(self.uid).update_dataset)

    # -- data rows ---------------------------------------------------------------------

    def create_data_row(
        self, items: dict[str, Any] | None = None, **kwargs: Unpack[DataRowCreateKwargs]
    ) -> DataRow:
        """Create one data row: `dataset.create_data_row(row_data="https://.../a.jpg")`.

        Give the fields as keyword arguments or as one dict (not both). A local
        file path as `row_data` is uploaded first; metadata may name schemas by
        id or by name. Invalid input raises before anything is sent.
        """
        if items is not None and kwargs:
            raise exceptions.InvalidQueryError(
                "Give the data row's fields either as a dict or as keyword arguments, not both"
            )
        item: dict[str, Any] = dict(items) if items is not None else dict(kwargs)
        spec = row_specs.parse_item(item, None, self.client._metadata_parser)
        upload_local_files([spec], self.client._upload_path)
        row = spec.row
        row_data = row["row_data"]
        data = {
            "rowData": json.dumps(row_data) if isinstance(row_data, dict) else row_data,
            "dataset": {"connect": {"id": self.uid}},
            "externalId": row.get("external_id"),
            "globalKey": row.get("global_key"),
            "mediaType": row.get("media_type"),
            "metadataFields": row.get("metadata_fields"),
            "attachments": [
                {"type": a["type"], "value": a["value"]} for a in row.get("attachments") or []
            ]
            or None,
        }
        model = DataRowCreateInput.model_validate({k: v for k, v in data.items() if v is not None})
        created = self.client._call(self.client._gql.create_data_row_py_api, model).create_data_row
        return DataRow(self.client, created)

    def create_data_rows(self, items: Iterable[Any], show_progress: bool = False) -> Task:
        """Import data rows in the background and return the `Task` doing it.

        Items are URLs, local file paths (uploaded, several at a time), or dicts
        with `row_data` and optionally `external_id`, `global_key`,
        `media_type`, `metadata_fields`, `attachments`. Any number of rows is
        accepted: large inputs are split into chunks, and the returned task
        covers all of them. Every invalid item raises before anything is sent;
        rows the server rejects are listed by `task.failed_data_rows` / `task.errors`.
        `show_progress=True` shows a progress bar for the file uploads
        (`task.wait_till_done(show_progress=True)` shows one for the import).
        """
        specs = row_specs.parse_items(items, self.client._metadata_parser)
        if not specs:
            raise exceptions.InvalidQueryError("No data rows to create")
        upload_local_files(specs, self.client._upload_path, show_progress=show_progress)
        return submit_import(self.client, self.uid, specs)

    def create_data_rows_sync(self, items: Iterable[Any]) -> None:
        """Import at most 1,000 data rows (5 attachments each) and return once they exist.

        Nothing is created when any row is rejected; the server's reason is raised.
        """
        specs = row_specs.parse_items(items, self.client._metadata_parser)
        row_specs.check_sync_limits(specs, MAX_SYNC_ROWS)
        if not specs:
            return
        upload_local_files(specs, self.client._upload_path)
        submit_sync(self.client, self.uid, specs)

    def data_rows_for_external_id(self, external_id: str, limit: int = 10) -> list[DataRow]:
        """Up to `limit` data rows of this dataset with this external id.

        Raises `ResourceNotFoundError` when there is none.
        """
        rows = self.data_rows(where=DataRow.external_id == external_id).get_many(limit)
        if not rows:
            raise exceptions.ResourceNotFoundError(DataRow, {"external_id": external_id})
        return rows

    def data_row_for_external_id(self, external_id: str) -> DataRow:
        """The one data row with this external id; `ResourceNotFoundError` if none or several."""
        rows = self.data_rows_for_external_id(external_id, limit=2)
        if len(rows) > 1:
            raise exceptions.ResourceNotFoundError(
                DataRow, {"external_id": external_id, "matches": "more than one"}
            )
        return rows[0]

    def export_data_rows(
        self, timeout_seconds: float = 120, include_metadata: bool = False
    ) -> Iterator[DataRow]:
        """Every data row of the dataset, streamed from an export file in constant memory.

        Waits up to `timeout_seconds` for the export before returning; raises
        `LabelboxError` if it fails or is not ready in time. The rows are read
        from the file while you iterate.
        """

        def export_url() -> str | None:
            export = self.client._call(
                self.client._gql.get_dataset_data_rows_export_url_py_api,
                self.uid,
                include_metadata,
            ).export_dataset_data_rows
            if export.status == EXPORT_FAILED:
                raise exceptions.LabelboxError(f"Data row export of dataset {self.uid} failed")
            if export.status == EXPORT_COMPLETE and export.download_url:
                return export.download_url
            return None

        url = poll(export_url, timeout=timeout_seconds)
        if url is None:
            raise exceptions.LabelboxError(
                f"Data row export of dataset {self.uid} was not ready within {timeout_seconds}s"
            )
        return (DataRow(self.client, line) for line in stream_ndjson(self.client._http, url))
