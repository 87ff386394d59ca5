"""`Task`: work the server does in the background, such as a data-row import."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox._generated.entities import TaskBase
from labelbox._inputs import check_seconds
from labelbox._polling import poll
from labelbox._progress import Progress

if TYPE_CHECKING:
    from labelbox.client import Client

IN_PROGRESS = "IN_PROGRESS"
COMPLETE = "COMPLETE"
FAILED = "FAILED"
JSON_IMPORT = "JSON Import"


class Task(TaskBase):
    """A background task: `task.wait_till_done()`, then `task.result` / `task.errors`.

    `status` is `IN_PROGRESS`, `COMPLETE` or `FAILED`. For a data-row import
    (`name == "JSON Import"`), `result` lists the created rows and
    `failed_data_rows` every row that failed, with the reason. An import that
    the SDK split into several server tasks is one `Task` over all of them.
    """

    def __init__(self, client: Client, field_values: Any) -> None:
        super().__init__(client, field_values)
        self._parts: list[Task] = []
        self._result: dict[str, Any] | None = None

    @classmethod
    def _combine(cls, client: Client, parts: Sequence[Task]) -> Task:
        """One task standing for several server tasks (the chunks of one import)."""
        if len(parts) == 1:
            return parts[0]
        task = cls(client, parts[0]._data)
        task._parts = list(parts)
        task._summarize()
        return task

    def _summarize(self) -> None:
        statuses = {part.status for part in self._parts}
        if IN_PROGRESS in statuses:
            status = IN_PROGRESS
        elif FAILED in statuses:
            status = FAILED
        else:
            status = COMPLETE
        percentages = [part.completion_percentage or 0.0 for part in self._parts]
        errors = [part.errors_text for part in self._parts if part.errors_text]
        first = self._parts[0]
        self._data = self._fields_model()(
            uid=first.uid,
            name=first.name,
            status=status,
            completion_percentage=sum(percentages) / len(percentages),
            result_url=None,
            errors_text="; ".join(errors) or None,
            created_at=min(part.created_at for part in self._parts),
            updated_at=max(part.updated_at for part in self._parts),
        )

    @property
    def parts(self) -> list[Task]:
        """The server tasks this task stands for (itself when it is one)."""
        return list(self._parts) or [self]

    def refresh(self) -> None:
        """Fetch the task's current state from the server."""
        if self._parts:
            for part in self._parts:
                if part.status == IN_PROGRESS:
                    part.refresh()
            self._summarize()
            return
        fetched = self._gateway.ops.get_user_created_task_py_api(self.uid)
        tasks = fetched.user.created_tasks if fetched.user else []
        if len(tasks) != 1:
            raise exceptions.ResourceNotFoundError(Task, {"id": self.uid})
        self._set_field_values(tasks[0])

    def wait_till_done(self, timeout_seconds: float = 300, show_progress: bool = False) -> None:
        """Wait until the task is no longer in progress, at most `timeout_seconds`.

        Polls with growing intervals (up to 2 s). Returns when done or when the
        time is up (check `status`); `show_progress=True` draws a progress bar.
        """
        timeout_seconds = check_seconds(Task, "timeout_seconds", timeout_seconds)
        with Progress(f"Task {self.name}", 100, enabled=show_progress) as progress:

            def finished() -> bool | None:
                self.refresh()
                progress.update(self.completion_percentage or 0.0)
                return True if self.status != IN_PROGRESS else None

            poll(finished, timeout=timeout_seconds, progress=progress)

    # -- results of data-row imports ------------------------------------------------------

    @property
    def result(self) -> list[dict[str, Any]]:
        """The data rows an import created (`id`, `external_id`, `row_data`, `global_key`).

        Waits for the task; raises `TaskResultError` (a `ValueError`) when it failed (see
        `errors`).
        """
        result = self._fetch_result()
        if self.status == FAILED:
            raise exceptions.TaskResultError(f"Job failed. Errors: {self.errors}")
        return [_snake_row(row) for row in result.get("createdDataRows") or []]

    @property
    def errors(self) -> Any:
        """What went wrong: the failure of a failed import, else the rows that failed (or None)."""
        result = self._fetch_result()
        if self.status == FAILED:
            return result.get("error") or result.get("errors")
        return result.get("errors") or None

    @property
    def failed_data_rows(self) -> list[dict[str, Any]] | None:
        """Every row the import did not create, with the reason; None when there are none."""
        failed = self._fetch_result().get("errors") or []
        return list(failed) or None

    def _fetch_result(self) -> dict[str, Any]:
        if self.name != JSON_IMPORT:
            raise exceptions.TaskResultError(
                f"Task result is only supported for '{JSON_IMPORT}' tasks"
            )
        if self._result is not None:
            return self._result
        if self.status == IN_PROGRESS:
            self.wait_till_done()
        if self.status == IN_PROGRESS:
            raise exceptions.TimeoutError(f"Task {self.uid} is still in progress")
        parts = self._parts or [self]
        documents = {
            part.uid: self._gateway.fetch_json(part.result_url) for part in parts if part.result_url
        }
        self._result = combine_results(parts, documents)
        return self._result


def combine_results(parts: Sequence[Task], documents: dict[str, Any]) -> dict[str, Any]:
    """One import result over the result files of its parts (`documents` by part id)."""
    combined: dict[str, Any] = {"createdDataRows": [], "errors": [], "error": None}
    failures: list[Any] = []
    for part in parts:
        if part.uid not in documents:
            failures.append(part.errors_text or f"Task {part.uid} has no result")
            continue
        data = _result_document(documents[part.uid], part.uid)
        combined["createdDataRows"].extend(data.get("createdDataRows") or [])
        combined["errors"].extend(data.get("errors") or [])
        if data.get("error"):
            failures.append(data["error"])
    if failures:
        combined["error"] = failures[0] if len(failures) == 1 else failures
    return combined


def _result_document(data: Any, task_id: str) -> dict[str, Any]:
    """A task's result file checked for the shape the SDK reads: an object whose
    `createdDataRows` and `errors` are lists (of objects, for the rows)."""
    what = f"The result of task {task_id}"
    if not isinstance(data, dict):
        raise exceptions.ResponseValidationError(f"{what} is not a JSON object")
    rows = data.get("createdDataRows") or []
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise exceptions.ResponseValidationError(f"{what}: createdDataRows is not a list of rows")
    if not isinstance(data.get("errors") or [], list):
        raise exceptions.ResponseValidationError(f"{what}: errors is not a list")
    return data


def _snake_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row.get("id"),
        "external_id": row.get("externalId"),
        "row_data": row.get("rowData"),
        "global_key": row.get("globalKey"),
    }
