"""Data rows by id and external id, and global keys."""

from __future__ import annotations

from collections.abc import Sequence

from labelbox._client.base import ClientBase
from labelbox._global_keys import GlobalKeyJobs, JobResult
from labelbox._inputs import check_text_list
from labelbox._types import SequenceNotStr
from labelbox.schema.data_row import DataRow

EXTERNAL_ID_BATCH = 1000


class DataRowMethods(ClientBase):
    def get_data_row(self, data_row_id: str) -> DataRow:
        """The data row with this id; `ResourceNotFoundError` if there is none."""
        ops = self._gateway.ops
        return self._get_by_id(
            DataRow, lambda: ops.get_data_row_py_api(data_row_id).data_row, data_row_id
        )

    def get_data_row_ids_for_external_ids(
        self, external_ids: SequenceNotStr[str]
    ) -> dict[str, list[str]]:
        """Data-row ids by external id (every match, oldest first), in batches of 1,000 ids."""
        ids = check_text_list(DataRow, "external_ids", external_ids)
        found: dict[str, list[str]] = {}
        for start in range(0, len(ids), EXTERNAL_ID_BATCH):
            batch = ids[start : start + EXTERNAL_ID_BATCH]
            result = self._gateway.ops.external_ids_to_data_row_ids_py_api(batch)
            for match in result.external_ids_to_data_row_ids:
                found.setdefault(match.external_id, []).append(match.data_row_id)
        return found

    def assign_global_keys_to_data_rows(
        self, global_key_to_data_row_inputs: Sequence[dict[str, str]], timeout_seconds: float = 60
    ) -> JobResult:
        """Give data rows global keys: `[{"data_row_id": ..., "global_key": ...}, ...]`.

        Returns `{"status", "results", "errors"}`: status `SUCCESS`, `PARTIAL SUCCESS`
        or `FAILURE`; results list each assignment with `sanitized` (whether the
        server changed the key); errors each rejected one with the reason.
        """
        return GlobalKeyJobs(self._gateway).assign(global_key_to_data_row_inputs, timeout_seconds)

    def get_data_row_ids_for_global_keys(
        self, global_keys: SequenceNotStr[str], timeout_seconds: float = 60
    ) -> JobResult:
        """Data-row ids for global keys, in order (`""` where a key matches none)."""
        return GlobalKeyJobs(self._gateway).lookup(global_keys, timeout_seconds)

    def clear_global_keys(
        self, global_keys: SequenceNotStr[str], timeout_seconds: float = 60
    ) -> JobResult:
        """Remove global keys from the data rows that hold them."""
        return GlobalKeyJobs(self._gateway).clear(global_keys, timeout_seconds)
