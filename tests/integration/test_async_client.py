"""`AsyncClient` against the real local server: the same operations as `Client`, awaited."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

import labelbox as lb
from labelbox import exceptions
from labelbox._async.task import AsyncTask
from labelbox_server import LocalServer


def async_client(server: LocalServer) -> lb.AsyncClient:
    return lb.AsyncClient(api_key=server.api_key, endpoint=server.endpoint)


def test_projects_and_datasets(labelbox_server: LocalServer) -> None:
    async def scenario() -> None:
        async with async_client(labelbox_server) as client:
            project = await client.create_project(
                name="async project", media_type=lb.MediaType.Image
            )
            assert (await client.get_project(project.uid)).name == "async project"
            renamed = await client.update_project(project, name="async renamed")
            assert renamed.name == "async renamed"
            dataset = await client.create_dataset(name="async dataset", projects=project)
            assert [d.uid async for d in client.get_project_datasets(project)] == [dataset.uid]
            found = [
                p.uid async for p in client.get_projects(where=lb.Project.name == "async renamed")
            ]
            assert found == [project.uid]
            assert (
                await client.get_datasets(where=lb.Dataset.name == "async dataset").get_one()
            ) == dataset
            assert (await client.update_dataset(dataset.uid, description="d")).description == "d"
            await client.delete_project(project)
            with pytest.raises(exceptions.ResourceNotFoundError):
                await client.get_project(project.uid)
            user = await client.get_user()
            assert user.email and (await client.get_organization()).uid
            assert "ADMIN" in await client.get_roles()

    asyncio.run(scenario())


def test_fifty_concurrent_operations_on_one_client(labelbox_server: LocalServer) -> None:
    async def scenario() -> list[str]:
        async with async_client(labelbox_server) as client:
            created = await asyncio.gather(
                *(client.create_project(name=f"concurrent {n}") for n in range(25))
            )
            fetched = await asyncio.gather(*(client.get_project(p.uid) for p in created))
            return [p.name for p in fetched]

    names = asyncio.run(scenario())
    assert names == [f"concurrent {n}" for n in range(25)]


def test_data_row_imports_and_cursor_pages(labelbox_server: LocalServer, tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG not really")

    async def scenario() -> None:
        async with async_client(labelbox_server) as client:
            dataset = await client.create_dataset(name="async rows")
            items: list[lb.schema.data_row.DataRowInput] = [
                {"row_data": f"https://example.com/{n}.jpg", "global_key": f"async-{n}"}
                for n in range(1200)
            ]
            items.append(str(photo))
            items.append(
                {
                    "row_data": "https://example.com/tagged.jpg",
                    "external_id": "tagged",
                    "metadata_fields": [{"name": "tag", "value": "async"}],
                }
            )
            task = await client.create_data_rows(dataset, items)
            assert isinstance(task, AsyncTask)
            await task.wait_till_done(timeout_seconds=120)
            assert task.status == "COMPLETE", await task.errors()
            created = await task.result()
            assert len(created) == 1202
            rows = [row async for row in client.get_data_rows(dataset)]
            assert len(rows) == 1202 and len({r.uid for r in rows}) == 1202
            tagged = next(r for r in rows if r.external_id == "tagged")
            assert [(f["name"], f["value"]) for f in tagged.metadata_fields] == [("tag", "async")]
            uploaded = next(r for r in rows if r.external_id == str(photo))
            assert httpx.get(uploaded.row_data).content == b"\x89PNG not really"
            row = await client.get_data_row(rows[0].uid)
            assert row == rows[0]
            ids = await client.get_data_row_ids_for_external_ids([str(photo)])
            assert ids == {str(photo): [uploaded.uid]}
            with pytest.raises(exceptions.InvalidDataRowError):
                await client.create_data_rows(dataset, [{"row_data": ""}])

    asyncio.run(scenario())


def test_objects_from_an_async_client_refuse_their_sync_methods(
    labelbox_server: LocalServer,
) -> None:
    async def scenario() -> lb.Project:
        async with async_client(labelbox_server) as client:
            return await client.create_project(name="held")

    project = asyncio.run(scenario())
    assert project.name == "held"  # fields are there
    with pytest.raises(exceptions.LabelboxError, match="came from an AsyncClient"):
        project.update(name="x")
    with pytest.raises(exceptions.LabelboxError, match="came from an AsyncClient"):
        list(project.datasets())


def test_errors_and_retries_are_the_sync_clients(labelbox_server: LocalServer) -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) < 3:
            return httpx.Response(503, text="busy")
        return httpx.Response(200, json={"data": {"project": None}})

    async def scenario() -> None:
        client = lb.AsyncClient(
            api_key="a-long-enough-key",
            endpoint="http://labelbox.test/graphql",
            transport=httpx.MockTransport(handler),
            retries=lb.RetryPolicy(initial_delay=0.01, max_delay=0.01),
        )
        with pytest.raises(exceptions.ResourceNotFoundError):
            await client.get_project("p1")
        await client.aclose()

    asyncio.run(scenario())
    assert len(calls) == 3
    with pytest.raises(exceptions.AuthenticationError):
        lb.AsyncClient(api_key="bad key\n", endpoint="http://labelbox.test/graphql")


def test_batches_labels_and_label_exports(labelbox_server: LocalServer) -> None:
    from .labeling import annotation, import_labels, set_up

    with lb.Client(api_key=labelbox_server.api_key, endpoint=labelbox_server.endpoint) as sync:
        s = set_up(sync, [f"https://example.com/async-batch/{n}.jpg" for n in range(3)])
        import_labels(
            sync, s.project, [annotation(s.rows[0], name="point", point={"x": 3, "y": 4})]
        )

    async def scenario() -> None:
        async with async_client(labelbox_server) as client:
            with pytest.raises(exceptions.InvalidBatchError) as refused:
                await client.create_batch(s.project, "bad", [s.rows[0].uid, "no-such-row"])
            assert refused.value.data_row_ids == ["no-such-row"]
            with pytest.raises(exceptions.InvalidBatchError, match="priority"):
                await client.create_batch(s.project, "bad", s.rows, priority=9)
            assert [b async for b in client.get_batches(s.project)] == []

            batch = await client.create_batch(s.project, "async batch", s.rows, priority=2)
            assert batch.name == "async batch" and batch.size == 3
            assert batch.failed_data_rows == []
            assert [b.uid async for b in client.get_batches(s.project.uid)] == [batch.uid]

            labels = [label async for label in client.get_labels(s.project)]
            assert len(labels) == 1 and isinstance(labels[0], lb.Label)
            assert [x async for x in client.get_labels(s.project, datasets=[s.dataset])] == labels

            url = await client.export_labels(s.project)
            assert url is not None
            rows = [row async for row in client.iter_exported_labels(url)]
            assert [row["DataRow ID"] for row in rows] == [s.rows[0].uid]
            assert rows[0]["Label"]["objects"][0]["point"] == {"x": 3, "y": 4}
            with pytest.raises(exceptions.InvalidInputError):
                await client.export_labels(s.project, start="yesterday")

    asyncio.run(scenario())


def test_bad_external_id_lists_are_refused_before_sending(labelbox_server: LocalServer) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"data": {"externalIdsToDataRowIds": []}})

    async def scenario() -> None:
        client = lb.AsyncClient(
            api_key="a-long-enough-key",
            endpoint="http://labelbox.test/graphql",
            transport=httpx.MockTransport(handler),
        )
        with pytest.raises(exceptions.InvalidAttributeError, match="pass a list, not a str"):
            await client.get_data_row_ids_for_external_ids("abc")  # type: ignore[arg-type]
        with pytest.raises(exceptions.InvalidAttributeError, match="external_ids"):
            await client.get_data_row_ids_for_external_ids(["ok", 3])
        await client.aclose()

    asyncio.run(scenario())
    assert sent == []  # as the sync client: nothing is sent
