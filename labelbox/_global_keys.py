"""Global-key jobs: start one, poll its result, and summarise it as Labelbox's SDK does."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from labelbox import exceptions
from labelbox._inputs import check_seconds
from labelbox._polling import poll
from labelbox._text import text_problem
from labelbox._types import SequenceNotStr
from labelbox.schema.enums import CollectionJobStatus

if TYPE_CHECKING:
    from labelbox._gateway import Gateway

R = TypeVar("R")
COMPLETE = "COMPLETE"
FAILED = "FAILED"


class JobResult(TypedDict):
    """`status` is `SUCCESS`, `PARTIAL SUCCESS` or `FAILURE`."""

    status: str
    results: list[Any]
    errors: list[dict[str, Any]]


def _items(items: Any, field: str) -> list[Any]:
    """A list-like argument as a list; `InvalidDataRowError` naming `field` otherwise."""
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
        raise exceptions.InvalidDataRowError(
            f"pass a list, not a {type(items).__name__}", field=field
        )
    return list(items)


def _check_text(value: str, field: str, index: int | None) -> None:
    problem = text_problem(value, nul=True)
    if problem:
        raise exceptions.InvalidDataRowError(problem, field=field, index=index)


def _keys(global_keys: Any) -> list[str]:
    """Global keys given to a lookup or a clearing, checked."""
    keys = _items(global_keys, "global_keys")
    for index, key in enumerate(keys):
        if not isinstance(key, str):
            raise exceptions.InvalidDataRowError(
                f"a global key is a string, not a {type(key).__name__}",
                field="global_keys",
                index=index,
            )
        _check_text(key, "global_keys", index)
    return keys


def _status(results: Sequence[Any], errors: Sequence[Any]) -> str:
    if not errors:
        return CollectionJobStatus.SUCCESS.value
    if results:
        return CollectionJobStatus.PARTIAL_SUCCESS.value
    return CollectionJobStatus.FAILURE.value


class GlobalKeyJobs:
    """The three global-key jobs, run through a client's gateway."""

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    def _wait(self, fetch: Callable[[], Any], what: str, timeout: float) -> Any:
        timeout = check_seconds("Client", "timeout_seconds", timeout)

        def finished() -> Any:
            result = fetch()
            if result is None:
                raise exceptions.ResourceNotFoundError(None, f"{what} job result")
            if result.job_status == FAILED:
                raise exceptions.LabelboxError(f"The {what} job failed")
            return result if result.job_status == COMPLETE and result.data else None

        outcome = poll(finished, timeout=timeout)
        if outcome is None:
            raise exceptions.TimeoutError(f"The {what} job did not finish within {timeout}s")
        return outcome.data

    def assign(self, inputs: Sequence[dict[str, str]], timeout: float) -> JobResult:
        from labelbox._generated.input_types import AssignGlobalKeyToDataRowInput

        check_seconds("Client", "timeout_seconds", timeout)
        assignments = []
        for index, item in enumerate(_items(inputs, "global_key_to_data_row_inputs")):
            if not isinstance(item, Mapping):
                raise exceptions.InvalidDataRowError(
                    "needs a dict with 'data_row_id' and 'global_key'", index=index
                )
            data_row_id, global_key = item.get("data_row_id"), item.get("global_key")
            if not isinstance(data_row_id, str) or not isinstance(global_key, str):
                raise exceptions.InvalidDataRowError(
                    "needs string 'data_row_id' and 'global_key'", index=index
                )
            _check_text(data_row_id, "data_row_id", index)
            _check_text(global_key, "global_key", index)
            assignments.append(
                AssignGlobalKeyToDataRowInput(data_row_id=data_row_id, global_key=global_key)
            )
        ops = self.gateway.ops
        job = ops.assign_global_keys_to_data_rows_py_api(assignments)
        job_id = job.assign_global_keys_to_data_rows.job_id
        data = self._wait(
            lambda: (
                ops.assign_global_keys_to_data_rows_result_py_api(
                    job_id
                ).assign_global_keys_to_data_rows_result
            ),
            "global key assignment",
            timeout,
        )
        results = [
            {"data_row_id": a.data_row_id, "global_key": a.global_key, "sanitized": sanitized}
            for assignments_, sanitized in (
                (data.sanitized_assignments, True),
                (data.unmodified_assignments, False),
            )
            for a in assignments_
        ]
        errors = [
            {"data_row_id": a.data_row_id, "global_key": a.global_key, "error": error}
            for assignments_, error in (
                (data.invalid_global_key_assignments, "Invalid global key"),
                (data.access_denied_assignments, "Access denied to Data Row"),
            )
            for a in assignments_
        ]
        return {"status": _status(results, errors), "results": results, "errors": errors}

    def lookup(self, global_keys: SequenceNotStr[str], timeout: float) -> JobResult:
        check_seconds("Client", "timeout_seconds", timeout)
        ops = self.gateway.ops
        job = ops.get_data_rows_for_global_keys_py_api(_keys(global_keys))
        job_id = job.data_rows_for_global_keys.job_id
        data = self._wait(
            lambda: (
                ops.get_data_rows_for_global_keys_result_py_api(
                    job_id
                ).data_rows_for_global_keys_result
            ),
            "global key lookup",
            timeout,
        )
        results = [row.id for row in data.fetched_data_rows]
        errors = [
            {"global_key": key, "error": error}
            for keys, error in (
                (data.not_found_global_keys, "Data Row not found"),
                (data.access_denied_global_keys, "Access denied to Data Row"),
                (data.deleted_data_row_global_keys, "Data Row deleted"),
            )
            for key in keys
        ]
        return {
            "status": _status([r for r in results if r], errors),
            "results": results,
            "errors": errors,
        }

    def clear(self, global_keys: SequenceNotStr[str], timeout: float) -> JobResult:
        check_seconds("Client", "timeout_seconds", timeout)
        ops = self.gateway.ops
        job = ops.clear_global_keys_py_api(_keys(global_keys))
        job_id = job.clear_global_keys.job_id
        data = self._wait(
            lambda: ops.clear_global_keys_result_py_api(job_id).clear_global_keys_result,
            "global key clearing",
            timeout,
        )
        errors = [
            {"global_key": key, "error": error}
            for keys, error in (
                (data.failed_to_clear_global_keys, "Failed to clear global key"),
                (
                    data.not_found_global_keys,
                    "Failed to find data row matching provided global key",
                ),
                (
                    data.access_denied_global_keys,
                    "Denied access to modify data row matching provided global key",
                ),
            )
            for key in keys
        ]
        results = list(data.cleared_global_keys)
        return {"status": _status(results, errors), "results": results, "errors": errors}
