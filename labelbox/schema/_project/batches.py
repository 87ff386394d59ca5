"""`Project.create_batch`: any number of data rows, checked first, sent in chunks.

1. The arguments are checked (`InvalidBatchError`, before anything is sent): a name, a
   priority 1..5, valid consensus settings, data rows as `DataRow`s or ids, at least one,
   a project in batch mode. Ids given twice count once.
2. The ids are checked with the server, `CHUNK` at a time: ids that name no data row of the
   organization raise `InvalidBatchError` listing them, before any batch exists. Rows still
   in media processing are waited for.
3. The first chunk creates the batch (`createBatchV2`), the others are added to it
   (`addDataRowsToBatch`, which answers once they are in). Every row the server did not
   add comes back with the reason, and is in `batch.failed_data_rows`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox._polling import poll
from labelbox.schema.queue_mode import QueueMode

if TYPE_CHECKING:
    from labelbox._generated.input_types import ConsensusSettingsInput
    from labelbox.schema.batch import Batch, BatchFailure
    from labelbox.schema.consensus_settings import ConsensusSettings
    from labelbox.schema.data_row import DataRow
    from labelbox.schema.project import Project

CHUNK = 10_000
#: How long to wait for media processing of the rows before giving up.
PROCESSING_TIMEOUT = 3600.0


def create_batch(
    project: Project,
    name: str,
    data_rows: Iterable[str | DataRow],
    priority: int = 5,
    consensus_settings: ConsensusSettings | Mapping[str, Any] | None = None,
) -> Batch:
    from labelbox.schema.batch import Batch

    row_ids, consensus = checked_arguments(project, name, data_rows, priority, consensus_settings)
    _check_rows(project, row_ids)

    ops = project._gateway.experimental_ops
    chunks = chunked(row_ids)
    created = ops.create_batch_py_api(project.uid, name, chunks[0], priority, consensus)
    result = project._found(created.project).create_batch_v_2
    batch_fields: Any = result.batch
    failures: list[BatchFailure] = failures_of(result.failed_data_rows)
    for chunk in chunks[1:]:
        added = ops.add_data_rows_to_batch_py_api(project.uid, batch_fields.uid, chunk, priority)
        result_of_chunk = project._found(added.project).add_data_rows_to_batch
        batch_fields = result_of_chunk.batch
        failures += failures_of(result_of_chunk.failed_data_rows)
    return Batch(project.client, project.uid, batch_fields, failed_data_rows=failures)


def checked_arguments(
    project: Project,
    name: str,
    data_rows: Iterable[str | DataRow],
    priority: int,
    consensus_settings: ConsensusSettings | Mapping[str, Any] | None,
) -> tuple[list[str], ConsensusSettingsInput | None]:
    """The row ids (each once) and consensus input of a batch; `InvalidBatchError` for a
    bad argument."""
    if not isinstance(name, str) or not name.strip():
        raise exceptions.InvalidBatchError("a batch needs a name", field="name")
    if isinstance(priority, bool) or not isinstance(priority, int) or not 1 <= priority <= 5:
        raise exceptions.InvalidBatchError(
            f"expected 1 (highest) to 5 (lowest), got {priority!r}", field="priority"
        )
    consensus = _consensus(consensus_settings)
    if project.queue_mode != QueueMode.Batch:
        raise exceptions.InvalidBatchError("Project must be in batch mode", field="queue_mode")
    return _row_ids(data_rows), _consensus_input(consensus)


def chunked(row_ids: list[str]) -> list[list[str]]:
    return [row_ids[start : start + CHUNK] for start in range(0, len(row_ids), CHUNK)]


def unknown_rows_error(unknown: list[str]) -> exceptions.InvalidBatchError:
    shown = ", ".join(unknown[:20]) + (" ..." if len(unknown) > 20 else "")
    return exceptions.InvalidBatchError(
        f"{len(unknown)} of the ids name no data row of your organization: {shown}",
        field="data_rows",
        data_row_ids=unknown,
    )


PROCESSING_TIMEOUT_MESSAGE = (
    "Maximum wait time exceeded while waiting for data rows to be processed. "
    "Try creating a batch a bit later"
)


def _consensus(value: ConsensusSettings | Mapping[str, Any] | None) -> ConsensusSettings | None:
    from pydantic import ValidationError

    from labelbox.schema.consensus_settings import ConsensusSettings

    if value is None or isinstance(value, ConsensusSettings):
        return value

    try:
        return ConsensusSettings.model_validate(dict(value))
    except (ValidationError, TypeError, ValueError) as error:
        details = error.errors() if isinstance(error, ValidationError) else [{"msg": str(error)}]
        first = details[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        reason = f"{where}: {first['msg']}" if where else first["msg"]
        raise exceptions.InvalidBatchError(reason, field="consensus_settings") from None


def _consensus_input(consensus: ConsensusSettings | None) -> ConsensusSettingsInput | None:
    if consensus is None:
        return None
    from labelbox._generated.input_types import ConsensusSettingsInput

    return ConsensusSettingsInput(
        number_of_labels=consensus.number_of_labels,
        coverage_percentage=consensus.coverage_percentage,
    )


def _row_ids(data_rows: Iterable[str | DataRow]) -> list[str]:
    from labelbox.schema.data_row import DataRow

    if isinstance(data_rows, str | bytes):
        raise exceptions.InvalidBatchError(
            "expected a list of DataRows or data row ids, got a string", field="data_rows"
        )
    ids: dict[str, None] = {}
    for index, item in enumerate(data_rows):
        if isinstance(item, DataRow):
            ids[item.uid] = None
        elif isinstance(item, str) and item:
            ids[item] = None
        else:
            raise exceptions.InvalidBatchError(
                f"item {index}: expected a DataRow or a data row id, got {item!r}",
                field="data_rows",
            )
    if not ids:
        raise exceptions.InvalidBatchError(
            "You need at least one data row in a batch", field="data_rows"
        )
    return list(ids)


def _check_rows(project: Project, row_ids: list[str]) -> None:
    """Unknown ids raise; rows in media processing are waited for."""
    ops = project._gateway.ops
    unknown: list[str] = []
    pending: list[list[str]] = []
    for chunk in chunked(row_ids):
        status = ops.check_data_rows_for_batch_py_api(chunk).query_all_data_rows_have_been_processed
        unknown += status.not_found_data_row_ids
        if not status.all_data_rows_have_been_processed:
            pending.append(chunk)
    if unknown:
        raise unknown_rows_error(unknown)
    for chunk in pending:

        def processed(chunk: list[str] = chunk) -> bool | None:
            status = ops.check_data_rows_for_batch_py_api(chunk)
            return (
                True
                if status.query_all_data_rows_have_been_processed.all_data_rows_have_been_processed
                else None
            )

        if poll(processed, timeout=PROCESSING_TIMEOUT, interval=30) is None:
            raise exceptions.ProcessingWaitTimeout(PROCESSING_TIMEOUT_MESSAGE)


def failures_of(items: Any) -> list[BatchFailure]:
    return [{"data_row_id": item.data_row_id, "error": item.error} for item in items]
