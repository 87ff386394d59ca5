"""`Dataset`: a collection of data rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from typing_extensions import Unpack

from labelbox import exceptions
from labelbox._generated.entities import DatasetBase, DatasetUpdateKwargs
from labelbox._inputs import check_seconds
from labelbox._polling import poll
from labelbox.orm.db_object import Deletable, Updateable
from labelbox.schema._data_rows import specs as row_specs
from labelbox.schema._data_rows.files import upload_local_files
from labelbox.schema._data_rows.importer import submit_import, submit_sync
from labelbox.schema.data_row import DataRow, DataRowCreateKwargs, DataRowInput
from labelbox.schema.task import Task

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

    def update(self, **kwargs: Unpack[DatasetUpdateKwargs]) -> None:
        """Change fields on the server and refresh this object from the result."""
        data = self._update.build(type(self), kwargs)
        result = self._gateway.ops.update_dataset_py_api(self.uid, data)
        self._set_field_values(self._found(result.update_dataset))

    def delete(self) -> None:
        """Delete the dataset (a soft delete: it is gone from every listing)."""
        self._found(self._gateway.ops.delete_dataset_py_api(self.uid).update_dataset)

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
        if items is not None and not isinstance(items, Mapping):
            raise exceptions.InvalidDataRowError(
                f"pass the data row's fields as a dict, not a {type(items).__name__}"
            )
        item: dict[str, Any] = dict(items) if items is not None else dict(kwargs)
        spec = row_specs.parse_item(item, None, self._metadata_parser)
        upload_local_files([spec], self._gateway.upload_path)
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
        from labelbox._generated.input_types import DataRowCreateInput

        model = DataRowCreateInput.model_validate({k: v for k, v in data.items() if v is not None})
        created = self._gateway.ops.create_data_row_py_api(model).create_data_row
        return DataRow(self.client, created)

    def create_data_rows(self, items: Iterable[DataRowInput], show_progress: bool = False) -> Task:
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
        specs = row_specs.parse_items(items, self._metadata_parser)
        if not specs:
            raise exceptions.InvalidQueryError("No data rows to create")
        upload_local_files(specs, self._gateway.upload_path, show_progress=show_progress)
        return submit_import(self.client, self.uid, specs)

    def create_data_rows_sync(self, items: Iterable[DataRowInput]) -> None:
        """Import at most 1,000 data rows (5 attachments each) and return once they exist.

        Nothing is created when any row is rejected; the server's reason is raised.
        """
        specs = row_specs.parse_items(items, self._metadata_parser)
        row_specs.check_sync_limits(specs, MAX_SYNC_ROWS)
        if not specs:
            return
        upload_local_files(specs, self._gateway.upload_path)
        submit_sync(self._gateway, self.uid, specs)

    def data_rows_for_external_id(self, external_id: str, limit: int = 10) -> list[DataRow]:
        """Up to `limit` data rows of this dataset with this external id.

        Raises `ResourceNotFoundError` when there is none.
        """
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise exceptions.InvalidAttributeError(
                Dataset, "limit", f"must be a whole number >= 1, not {limit!r}"
            )
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

        timeout_seconds = check_seconds(Dataset, "timeout_seconds", timeout_seconds)

        def export_url() -> str | None:
            export = self._gateway.ops.get_dataset_data_rows_export_url_py_api(
                self.uid, include_metadata
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
        return (DataRow(self.client, line) for line in self._gateway.stream_ndjson(url))

    def _metadata_parser(self) -> row_specs.ParseMetadata:
        from labelbox.schema.data_row_metadata import shared_ontology

        return shared_ontology(self.client).parse_upsert_metadata
