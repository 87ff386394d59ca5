"""Batches, labels and label exports of a project, awaited.

The same checks as `Project.create_batch` and `Project.export_labels` (they share the
code), with every request awaited: `InvalidBatchError` / `InvalidInputError` before
anything is sent, unknown data row ids refused before a batch exists, every row the
server did not add listed in `batch.failed_data_rows`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from labelbox import exceptions
from labelbox._async.base import AsyncClientBase
from labelbox._async.pages import AsyncPaginatedCollection
from labelbox._polling import async_poll
from labelbox.orm.db_object import uids
from labelbox.orm.query import OrderBy, order_by_input
from labelbox.schema._project import batches
from labelbox.schema._project.exports import created_window
from labelbox.schema.batch import Batch
from labelbox.schema.label import Label

if TYPE_CHECKING:
    from labelbox.client import Client
    from labelbox.schema.consensus_settings import ConsensusSettings
    from labelbox.schema.data_row import DataRow
    from labelbox.schema.dataset import Dataset
    from labelbox.schema.project import Project


class AsyncLabelingMethods(AsyncClientBase):
    async def create_batch(
        self,
        project: Project,
        name: str,
        data_rows: Iterable[str | DataRow],
        priority: int = 5,
        consensus_settings: ConsensusSettings | Mapping[str, Any] | None = None,
    ) -> Batch:
        """Queue data rows of any number in a new batch (see `Project.create_batch`)."""
        row_ids, consensus = batches.checked_arguments(
            project, name, data_rows, priority, consensus_settings
        )
        await self._check_rows(row_ids)
        ops = self._gateway.experimental_ops
        chunks = batches.chunked(row_ids)
        created = await ops.create_batch_py_api(project.uid, name, chunks[0], priority, consensus)
        result = _found(project.uid, created.project).create_batch_v_2
        fields: Any = result.batch
        failures = batches.failures_of(result.failed_data_rows)
        for chunk in chunks[1:]:
            added = await ops.add_data_rows_to_batch_py_api(
                project.uid, fields.uid, chunk, priority
            )
            of_chunk = _found(project.uid, added.project).add_data_rows_to_batch
            fields = of_chunk.batch
            failures += batches.failures_of(of_chunk.failed_data_rows)
        return Batch(cast("Client", self), project.uid, fields, failed_data_rows=failures)

    async def _check_rows(self, row_ids: list[str]) -> None:
        """Unknown ids raise `InvalidBatchError`; rows in media processing are waited for."""
        ops = self._gateway.ops
        unknown: list[str] = []
        pending: list[list[str]] = []
        for chunk in batches.chunked(row_ids):
            result = await ops.check_data_rows_for_batch_py_api(chunk)
            status = result.query_all_data_rows_have_been_processed
            unknown += status.not_found_data_row_ids
            if not status.all_data_rows_have_been_processed:
                pending.append(chunk)
        if unknown:
            raise batches.unknown_rows_error(unknown)
        for chunk in pending:

            async def processed(chunk: list[str] = chunk) -> bool | None:
                result = await ops.check_data_rows_for_batch_py_api(chunk)
                done = result.query_all_data_rows_have_been_processed
                return True if done.all_data_rows_have_been_processed else None

            if await async_poll(processed, timeout=batches.PROCESSING_TIMEOUT, interval=30) is None:
                raise exceptions.ProcessingWaitTimeout(batches.PROCESSING_TIMEOUT_MESSAGE)

    def get_batches(self, project: Project | str) -> AsyncPaginatedCollection[Batch]:
        """A project's batches, oldest first: `async for batch in ...`."""
        uid = project if isinstance(project, str) else project.uid
        ops, client = self._gateway.experimental_ops, cast("Client", self)

        async def page(cursor: Any, first: int) -> tuple[list[Batch], Any]:
            result = await ops.list_project_batches_py_api(uid, from_=cursor, first=first)
            found = _found(uid, result.project).batches
            return [Batch(client, uid, node) for node in found.nodes], found.page_info.end_cursor

        return AsyncPaginatedCollection(cursor=page)

    def get_labels(
        self,
        project: Project | str,
        datasets: Iterable[Dataset] | None = None,
        order_by: OrderBy | None = None,
    ) -> AsyncPaginatedCollection[Label]:
        """A project's labels (see `Project.labels`): `async for label in ...`."""
        arguments: dict[str, Any] = {"id": project if isinstance(project, str) else project.uid}
        if datasets is not None:
            arguments["where"] = {"dataRow": {"dataset": {"id_in": uids(datasets)}}}
        order = order_by_input(order_by, Label)
        if order is not None:
            arguments["order_by"] = order
        ops = self._gateway.ops

        async def page(skip: int, first: int) -> list[Label]:
            result = await ops.list_project_labels_py_api(**arguments, skip=skip, first=first)
            found = result.project.labels if result.project is not None else []
            return [self._entity(Label, item) for item in found]

        return AsyncPaginatedCollection(offset=page)

    async def export_labels(
        self,
        project: Project | str,
        timeout_seconds: float = 1800,
        *,
        start: str | None = None,
        end: str | None = None,
    ) -> str | None:
        """The URL of a label export of the project (see `Project.export_labels`), or None
        if the server has not written it within `timeout_seconds`. Read its rows with
        `iter_exported_labels`."""
        uid = project if isinstance(project, str) else project.uid
        filters = created_window(start, end)
        ops = self._gateway.ops

        async def ready() -> str | None:
            export = (await ops.export_labels_py_api(uid, filters)).export_labels
            if export.status == "FAILED":
                raise exceptions.LabelboxError(f"The label export of project {uid} failed")
            return export.download_url if not export.should_poll else None

        return await async_poll(ready, timeout=timeout_seconds)

    def iter_exported_labels(self, url: str) -> AsyncIterator[dict[str, Any]]:
        """The rows of a label export file, one at a time, in constant memory."""
        return self._gateway.stream_json_array(url)


def _found(uid: str, project: Any) -> Any:
    if project is None:
        from labelbox.schema.project import Project

        raise exceptions.ResourceNotFoundError(Project, {"id": uid})
    return project
