"""Static types of `AsyncClient`, checked by `mypy --strict` (`make typecheck`)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from typing_extensions import assert_type

import labelbox as lb
from labelbox._async.pages import AsyncPaginatedCollection
from labelbox._async.task import AsyncTask


async def check_async_client(client: lb.AsyncClient, dataset: lb.Dataset) -> None:
    project = await client.create_project(name="p", media_type=lb.MediaType.Image)
    assert_type(project, lb.Project)
    assert_type(project.name, str)
    assert_type(await client.get_project("id"), lb.Project)
    assert_type(client.get_projects(), AsyncPaginatedCollection[lb.Project])
    assert_type(await client.get_projects().get_one(), lb.Project | None)
    assert_type(await client.get_datasets().get_many(3), list[lb.Dataset])
    assert_type(await client.update_project(project, name="q"), lb.Project)
    assert_type(await client.create_dataset(name="d", projects=project), lb.Dataset)
    async for row in client.get_data_rows(dataset):
        assert_type(row, lb.DataRow)
    task = await client.create_data_rows(dataset, [{"row_data": "https://example.com/a.jpg"}])
    assert_type(task, AsyncTask)
    assert_type(await task.wait_till_done(), None)
    assert_type(await task.result(), list[dict[str, Any]])
    assert_type(task.status, str)
    assert_type(await client.create_batch(project, "b", ["row-id"]), lb.Batch)
    assert_type(client.get_batches(project), AsyncPaginatedCollection[lb.Batch])
    assert_type(client.get_labels(project), AsyncPaginatedCollection[lb.Label])
    assert_type(await client.export_labels(project), str | None)
    async for exported in client.iter_exported_labels("https://example.com/export.json"):
        assert_type(exported, dict[str, Any])
    await client.create_batch(project, "b", ["row-id"], priorty=1)  # type: ignore[call-arg]
    assert_type(await client.get_user(), lb.User)
    assert_type(await client.execute("query Q { a }"), dict[str, Any] | None)
    variables = MappingProxyType({"id": "p1"})
    assert_type(await client.execute("query Q($id: ID!) { a }", variables), dict[str, Any] | None)
    await client.create_project(nmae="p")  # type: ignore[call-arg]
    async with lb.AsyncClient(api_key="k") as other:
        assert_type(other, lb.AsyncClient)
