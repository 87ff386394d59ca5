"""A project's labeling queue: batches, labeling parameter overrides, queued data rows."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox._polling import poll
from labelbox.orm.db_object import uids
from labelbox.pagination import CursorPages, PaginatedCollection
from labelbox.schema._project.base import ProjectPart
from labelbox.schema._project.batches import create_batch
from labelbox.schema._project.overrides import checked_overrides
from labelbox.schema.queue_mode import QueueMode

if TYPE_CHECKING:
    from labelbox.schema.batch import Batch
    from labelbox.schema.consensus_settings import ConsensusSettings
    from labelbox.schema.data_row import DataRow

logger = logging.getLogger(__name__)

EXPORT_COMPLETE = "COMPLETE"
EXPORT_FAILED = "FAILED"
QUEUE_TYPES = ("LabelingQueue", "ReviewQueue")
TAG_SET_STATUS = {"ENABLED": QueueMode.Batch, "DISABLED": QueueMode.Dataset}
CHUNK = 10_000


class ProjectQueue(ProjectPart):
    def create_batch(
        self,
        name: str,
        data_rows: Iterable[str | DataRow],
        priority: int = 5,
        consensus_settings: ConsensusSettings | Mapping[str, Any] | None = None,
    ) -> Batch:
        """Send data rows (objects or ids, any number) to the queue as a new batch.

        `priority` is 1 (labeled first) to 5 (the default); `consensus_settings`
        (`{"number_of_labels": 3, "coverage_percentage": 0.1}`) makes that share of the rows
        need that many labels. Invalid input, and ids that name no data row of the
        organization, raise `InvalidBatchError` before anything is created. Rows the server
        does not add (already in another batch of the project, an asset it cannot read)
        are in `batch.failed_data_rows`, each with the reason; sending rows already in the
        batch again adds nothing twice.
        """
        return create_batch(self._project, name, data_rows, priority, consensus_settings)

    def batches(self) -> PaginatedCollection[Batch]:
        """The project's batches, oldest first."""
        from labelbox.schema.batch import Batch

        project = self._project
        ops = project._gateway.experimental_ops

        def page(cursor: Any, first: int) -> tuple[list[Batch], Any]:
            found = self._project._found(
                ops.list_project_batches_py_api(project.uid, from_=cursor, first=first).project
            ).batches
            nodes = [Batch(project.client, project.uid, node) for node in found.nodes]
            return nodes, found.page_info.end_cursor

        return PaginatedCollection._of(project.client, CursorPages(page))

    def export_queued_data_rows(
        self, timeout_seconds: float = 120, include_metadata: bool = False
    ) -> list[dict[str, Any]]:
        """The data rows in the queue, in the order they will be labeled (as JSON, one dict
        per row). Raises `LabelboxError` if the export fails or is not ready in time."""
        project = self._project
        gateway = project._gateway

        def export_url() -> str | None:
            export = gateway.ops.export_queued_data_rows_py_api(
                project.uid, include_metadata
            ).export_queued_data_rows
            if export.status == EXPORT_FAILED:
                raise exceptions.LabelboxError("Data row export failed.")
            if export.status == EXPORT_COMPLETE and export.download_url:
                return export.download_url
            return None

        url = poll(export_url, timeout=timeout_seconds)
        if url is None:
            raise exceptions.LabelboxError(
                f"Unable to export data rows within {timeout_seconds} seconds."
            )
        return list(gateway.stream_ndjson(url))

    def set_labeling_parameter_overrides(self, data: Iterable[Sequence[Any]]) -> bool:
        """Set the queue priority and number of labels of data rows of the project.

        >>> project.set_labeling_parameter_overrides([(data_row_1, 2, 3), (data_row_2, 1, 4)])

        Each item is `(DataRow, priority, number_of_labels)`; lower priorities are labeled
        first, and rows with an override come before those without. Invalid items and data
        rows that are not in the project raise `InvalidLabelingParameterOverrideError`
        before anything is set.
        """
        logger.warning(
            "LabelingParameterOverrides are deprecated for new projects; prefer batch "
            "priorities and consensus settings."
        )
        project = self._project
        overrides = checked_overrides(data)
        if not overrides:
            return True
        ids = [row_id for row_id, _, _ in overrides]
        ops = project._gateway.ops
        outside: list[str] = []
        for start in range(0, len(ids), CHUNK):
            found = ops.find_data_rows_not_in_project_py_api(
                project.uid, ids[start : start + CHUNK]
            )
            outside += self._project._found(found.project).data_rows_not_in_project
        if outside:
            raise exceptions.InvalidLabelingParameterOverrideError(
                f"data rows not in project {project.uid}: {', '.join(outside)}",
                data_row_ids=outside,
            )
        from labelbox._generated.input_types import (
            DataRowWhereUniqueInput,
            LabelingParameterOverrideInput,
        )

        items = [
            LabelingParameterOverrideInput(
                data_row=DataRowWhereUniqueInput(id=row_id), priority=priority, num_labels=labels
            )
            for row_id, priority, labels in overrides
        ]
        result = ops.set_labeling_parameter_overrides_py_api(project.uid, items)
        success: bool = project._found(result.project).set_labeling_parameter_overrides.success
        return success

    def unset_labeling_parameter_overrides(self, data_rows: Iterable[str | DataRow]) -> bool:
        """Remove the overrides of these data rows (objects or ids)."""
        from labelbox._generated.input_types import LabelingParameterOverrideUnsetInput

        project = self._project
        items = [LabelingParameterOverrideUnsetInput(data_row_id=i) for i in uids(data_rows)]
        result = project._gateway.ops.unset_labeling_parameter_overrides_py_api(project.uid, items)
        success: bool = project._found(result.project).unset_labeling_parameter_overrides.success
        return success

    def get_queue_mode(self) -> QueueMode:
        """The project's queue mode (deprecated: read `project.queue_mode`)."""
        logger.warning(
            "Obtaining the queue_mode for a project through this method will soon no longer "
            "be supported; read project.queue_mode."
        )
        project = self._project
        found = project._gateway.ops.get_tag_set_status_py_api(project.uid).project
        return TAG_SET_STATUS[self._project._found(found).tag_set_status.value]

    def upsert_review_queue(self, quota_factor: float) -> None:
        """Set the share (0 to 1) of the project's labels sent to review."""
        if isinstance(quota_factor, bool) or not 0.0 <= quota_factor <= 1.0:
            raise ValueError("Quota factor must be in the range of [0,1]")
        project = self._project
        project._gateway.ops.upsert_review_queue_py_api(project.uid, float(quota_factor))

    def extend_reservations(self, queue_type: str) -> int:
        """Extend the caller's reservations in `"LabelingQueue"` or `"ReviewQueue"`; returns
        how many were extended."""
        if queue_type not in QUEUE_TYPES:
            raise exceptions.InvalidQueryError(f"Unsupported queue type: {queue_type}")
        project = self._project
        from labelbox._generated.enums import QueueType

        result = project._gateway.ops.extend_reservations_py_api(project.uid, QueueType(queue_type))
        return result.extend_reservations
