"""`AsyncTask`: a background task (a data-row import) followed with an `AsyncClient`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox._inputs import check_seconds
from labelbox._polling import async_poll
from labelbox.schema.task import FAILED, IN_PROGRESS, JSON_IMPORT, Task, _snake_row, combine_results

if TYPE_CHECKING:
    from labelbox._async.gateway import AsyncGateway


class AsyncTask:
    """A task: `await task.wait_till_done()`, then `await task.result()` / `await task.errors()`.

    An import the SDK split into several server tasks is one `AsyncTask` over all of them;
    `task.parts` are the server tasks (their fields: `uid`, `status`, `completion_percentage`...).
    """

    def __init__(self, gateway: AsyncGateway, parts: list[Task]) -> None:
        self._gateway = gateway
        self.parts = parts
        self._result: dict[str, Any] | None = None

    @property
    def _summary(self) -> Task:
        return Task._combine(self.parts[0].client, self.parts)

    @property
    def uid(self) -> str:
        return self._summary.uid

    @property
    def name(self) -> str:
        return self._summary.name

    @property
    def status(self) -> str:
        """`IN_PROGRESS`, `COMPLETE` or `FAILED` (over every part)."""
        return self._summary.status

    @property
    def completion_percentage(self) -> float | None:
        return self._summary.completion_percentage

    def __repr__(self) -> str:
        return f"<AsyncTask {self.uid} {self.status}>"

    async def refresh(self) -> None:
        """Fetch the state of the parts still in progress."""
        for part in self.parts:
            if part.status != IN_PROGRESS:
                continue
            fetched = await self._gateway.ops.get_user_created_task_py_api(part.uid)
            tasks = fetched.user.created_tasks if fetched.user else []
            if len(tasks) != 1:
                raise exceptions.ResourceNotFoundError(Task, {"id": part.uid})
            part._set_field_values(tasks[0])

    async def wait_till_done(self, timeout_seconds: float = 300) -> None:
        """Wait (without blocking the event loop) until no part is in progress, at most
        `timeout_seconds`; then check `status`."""
        timeout_seconds = check_seconds(AsyncTask, "timeout_seconds", timeout_seconds)

        async def finished() -> bool | None:
            await self.refresh()
            return True if self.status != IN_PROGRESS else None

        await async_poll(finished, timeout=timeout_seconds)

    async def result(self) -> list[dict[str, Any]]:
        """The data rows the import created (`id`, `external_id`, `row_data`, `global_key`);
        `TaskResultError` when it failed."""
        combined = await self._fetch_result()
        if self.status == FAILED:
            raise exceptions.TaskResultError(f"Job failed. Errors: {await self.errors()}")
        return [_snake_row(row) for row in combined.get("createdDataRows") or []]

    async def errors(self) -> Any:
        """What went wrong: the failure of a failed import, else the rows that failed (or None)."""
        combined = await self._fetch_result()
        if self.status == FAILED:
            return combined.get("error") or combined.get("errors")
        return combined.get("errors") or None

    async def failed_data_rows(self) -> list[dict[str, Any]] | None:
        """Every row the import did not create, with the reason; None when there are none."""
        failed = (await self._fetch_result()).get("errors") or []
        return list(failed) or None

    async def _fetch_result(self) -> dict[str, Any]:
        if self.name != JSON_IMPORT:
            raise exceptions.TaskResultError(
                f"Task result is only supported for '{JSON_IMPORT}' tasks"
            )
        if self._result is None:
            if self.status == IN_PROGRESS:
                await self.wait_till_done()
            if self.status == IN_PROGRESS:
                raise exceptions.TimeoutError(f"Task {self.uid} is still in progress")
            documents = {
                part.uid: await self._gateway.fetch_json(part.result_url)
                for part in self.parts
                if part.result_url
            }
            self._result = combine_results(self.parts, documents)
        return self._result
