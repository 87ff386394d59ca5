"""`Batch`: data rows sent to a project for labeling (`project.create_batch(...)`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from typing_extensions import TypedDict

from labelbox import exceptions
from labelbox._generated.entities import BatchBase
from labelbox._polling import poll
from labelbox.orm.field import Field
from labelbox.orm.model import registered_type

if TYPE_CHECKING:
    from pydantic import BaseModel

    from labelbox.client import Client
    from labelbox.schema.consensus_settings import ConsensusSettingsDict
    from labelbox.schema.data_row import DataRow
    from labelbox.schema.project import Project

EXPORT_COMPLETE = "COMPLETE"
EXPORT_FAILED = "FAILED"


class BatchFailure(TypedDict):
    """A data row `create_batch` could not add, and why."""

    data_row_id: str
    error: str


class Batch(BatchBase):
    """A group of data rows in a project's labeling queue.

    `Batch(client, project_id, field_values)`, as in Labelbox's SDK; `project_id` is the
    project's id. After `project.create_batch`, `failed_data_row_ids` iterates over the ids
    of the rows that were not added and `failed_data_rows` gives each with the reason.
    `consensus_settings` is `{numberOfLabels, coveragePercentage}` or None.
    """

    consensus_settings: Field[ConsensusSettingsDict | None] = Field("consensusSettingsJson")

    def __init__(
        self,
        client: Client,
        project_id: str,
        field_values: BaseModel | Mapping[str, Any],
        failed_data_row_ids: Sequence[str] | None = None,
        *,
        failed_data_rows: Sequence[BatchFailure] | None = None,
    ) -> None:
        super().__init__(client, field_values)
        self.project_id = project_id
        if failed_data_rows is None:
            failed_data_rows = [
                {"data_row_id": row_id, "error": ""} for row_id in failed_data_row_ids or []
            ]
        self._failed_data_rows = list(failed_data_rows)

    @property
    def failed_data_row_ids(self) -> Iterator[str]:
        """The ids of the data rows `create_batch` did not add."""
        return (failure["data_row_id"] for failure in self._failed_data_rows)

    @property
    def failed_data_rows(self) -> list[BatchFailure]:
        """The data rows `create_batch` did not add, each with the reason."""
        return list(self._failed_data_rows)

    def project(self) -> Project:
        """The batch's project (`ResourceNotFoundError` if it is gone)."""
        project_type: Any = registered_type("Project")
        found = self._gateway.ops.get_project_py_api(self.project_id).project
        if found is None:
            raise exceptions.ResourceNotFoundError(project_type, {"id": self.project_id})
        project: Project = project_type(self.client, found)
        return project

    def remove_queued_data_rows(self) -> None:
        """Take the batch's data rows that are still queued out of the batch and the queue
        (labeled ones stay)."""
        result = self._gateway.experimental_ops.remove_queued_data_rows_from_batch_py_api(
            self.project_id, self.uid
        )
        changed = self._found(result.project).remove_queued_data_rows_from_batch
        self._set_field_values(changed)

    def export_data_rows(
        self, timeout_seconds: float = 120, include_metadata: bool = False
    ) -> Iterator[DataRow]:
        """Every data row of the batch, in the order they were added, streamed.

        Waits up to `timeout_seconds` for the export; raises `LabelboxError` if it fails
        or is not ready in time.
        """
        from labelbox.schema.data_row import DataRow

        def export_url() -> str | None:
            export = self._gateway.ops.export_batch_data_rows_py_api(
                self.uid, include_metadata
            ).export_batch_data_rows
            if export.status == EXPORT_FAILED:
                raise exceptions.LabelboxError(f"Data row export of batch {self.uid} failed")
            if export.status == EXPORT_COMPLETE and export.download_url:
                return export.download_url
            return None

        url = poll(export_url, timeout=timeout_seconds)
        if url is None:
            raise exceptions.LabelboxError(
                f"Data row export of batch {self.uid} was not ready within {timeout_seconds}s"
            )
        return (DataRow(self.client, line) for line in self._gateway.stream_ndjson(url))

    def delete_labels(self, set_labels_as_template: bool = False) -> list[str]:
        """Delete the project's labels of the batch's data rows, which go back to the queue
        (with `set_labels_as_template`, each deleted label is kept as the template of the
        row's next label). Returns the ids of the labels deleted."""
        from labelbox._generated.enums import DeleteBatchLabelsType

        kind = (
            DeleteBatchLabelsType.RequeueDataWithLabelAsTemplate
            if set_labels_as_template
            else DeleteBatchLabelsType.RequeueData
        )
        result = self._gateway.experimental_ops.delete_batch_labels_py_api(
            self.project_id, self.uid, kind
        )
        return list(self._found(result.project).delete_batch_labels.deleted_label_ids)

    def delete(self) -> None:
        """Delete the batch and take its rows out of the queue. A batch with labeled rows
        cannot be deleted (`OperationNotAllowedException`)."""
        result = self._gateway.experimental_ops.delete_batch_py_api(self.project_id, self.uid)
        self._found(result.project)
