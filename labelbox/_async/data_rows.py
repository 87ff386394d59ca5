"""Data rows and their imports, awaited: local files are uploaded concurrently and the import
is followed as an `AsyncTask`, without blocking the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox._async.base import AsyncClientBase
from labelbox._async.task import AsyncTask
from labelbox._client.data_rows import EXTERNAL_ID_BATCH
from labelbox._inputs import check_text_list
from labelbox._types import SequenceNotStr
from labelbox.schema._data_rows import specs as row_specs
from labelbox.schema._data_rows.files import MAX_PARALLEL_UPLOADS, FileUploadError
from labelbox.schema._data_rows.importer import CHUNK_ROWS, DESCRIPTOR_NAME, descriptor
from labelbox.schema.data_row import DataRow
from labelbox.schema.task import Task

if TYPE_CHECKING:
    from labelbox.schema.data_row import DataRowInput
    from labelbox.schema.dataset import Dataset


class AsyncDataRowMethods(AsyncClientBase):
    async def get_data_row(self, data_row_id: str) -> DataRow:
        """The data row with this id; `ResourceNotFoundError` if there is none."""
        ops = self._gateway.ops

        async def fetch() -> Any:
            return (await ops.get_data_row_py_api(data_row_id)).data_row

        return await self._get_by_id(DataRow, fetch, data_row_id)

    async def get_task(self, task_id: str) -> AsyncTask:
        """The caller's task with this id."""
        found = await self._gateway.ops.get_user_created_task_py_api(task_id)
        tasks = found.user.created_tasks if found.user else []
        if len(tasks) != 1:
            raise exceptions.ResourceNotFoundError(Task, {"id": task_id})
        return AsyncTask(self._gateway, [self._entity(Task, tasks[0])])

    async def create_data_rows(
        self, dataset: Dataset | str, items: Iterable[DataRowInput]
    ) -> AsyncTask:
        """Import data rows into a dataset in the background; `Dataset.create_data_rows`'s
        items and checks. Returns the `AsyncTask` covering every chunk of the import."""
        uid = dataset if isinstance(dataset, str) else dataset.uid
        items = list(items)
        parse = await self._metadata_parser(items)
        specs = row_specs.parse_items(items, lambda: parse)
        if not specs:
            raise exceptions.InvalidQueryError("No data rows to create")
        await self._upload_local_files(specs)
        parts = []
        for start in range(0, len(specs), CHUNK_ROWS):
            parts.append(await self._submit_chunk(uid, specs[start : start + CHUNK_ROWS]))
        return AsyncTask(self._gateway, parts)

    async def get_data_row_ids_for_external_ids(
        self, external_ids: SequenceNotStr[str]
    ) -> dict[str, list[str]]:
        """Data-row ids by external id (every match, oldest first)."""
        ids = check_text_list(DataRow, "external_ids", external_ids)
        found: dict[str, list[str]] = {}
        for start in range(0, len(ids), EXTERNAL_ID_BATCH):
            batch = ids[start : start + EXTERNAL_ID_BATCH]
            result = await self._gateway.ops.external_ids_to_data_row_ids_py_api(batch)
            for match in result.external_ids_to_data_row_ids:
                found.setdefault(match.external_id, []).append(match.data_row_id)
        return found

    # -- import steps --------------------------------------------------------------

    async def _metadata_parser(self, items: Sequence[Any]) -> row_specs.ParseMetadata:
        """The metadata ontology's parser, fetched only when some item has metadata."""
        if not any(isinstance(i, Mapping) and i.get("metadata_fields") for i in items):
            return _no_metadata
        from labelbox.schema._metadata.indexes import schema_from_wire
        from labelbox.schema.data_row_metadata import DataRowMetadataOntology

        result = await self._gateway.ops.get_metadata_ontology_beta_py_api()
        schemas = [schema_from_wire(item) for item in result.custom_metadata_ontology]
        return DataRowMetadataOntology._from_schemas(schemas).parse_upsert_metadata

    async def _upload_local_files(self, specs: Sequence[row_specs.RowSpec]) -> None:
        pending = [spec for spec in specs if spec.local_file is not None]
        limit = asyncio.Semaphore(MAX_PARALLEL_UPLOADS)
        failures: dict[Path, Exception] = {}

        async def upload(spec: row_specs.RowSpec) -> None:
            assert spec.local_file is not None
            async with limit:
                try:
                    spec.row["row_data"] = await self._gateway.upload_path(spec.local_file)
                except Exception as error:  # every failure is reported, none is lost
                    failures[spec.local_file] = error

        await asyncio.gather(*(upload(spec) for spec in pending))
        if failures:
            raise FileUploadError(failures)

    async def _submit_chunk(self, dataset_id: str, chunk: Sequence[row_specs.RowSpec]) -> Task:
        gateway = self._gateway
        url = await gateway.upload_bytes(descriptor(chunk), DESCRIPTOR_NAME, "application/json")
        appended = (
            await gateway.ops.append_rows_to_dataset_py_api(dataset_id, url, idempotent=True)
        ).append_rows_to_dataset
        if not appended.accepted or not appended.task_id:
            message = appended.error_message or ""
            raise exceptions.InvalidQueryError(
                f"Server did not accept DataRow creation request. {message}".strip()
            )
        return (await self.get_task(appended.task_id)).parts[0]


def _no_metadata(fields: Sequence[Any]) -> list[dict[str, Any]]:
    raise AssertionError("no item has metadata fields")
