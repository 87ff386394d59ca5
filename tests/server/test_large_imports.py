"""Large imports checked row by row, restart safety, keyset pagination at depth."""

from __future__ import annotations

import os
import random
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, event, func, select

from labelbox_server import LocalServer
from labelbox_server.db.models import DataRow, Task
from labelbox_server.db.session import SessionFactory, make_engine
from labelbox_server.domain import api_keys, data_row_pages

from .conftest import Api
from .data_helpers import (
    TAG_SCHEMA_ID,
    create_dataset,
    export_rows,
    import_rows,
    row_count,
    start_import,
    wait_task,
)

pytestmark = pytest.mark.slow

PAGE_QUERY = """
query($id: ID!, $from: String, $first: PageSize, $orderBy: DataRowOrderByInput) {
  datasetDataRows(id: $id, from: $from, first: $first, orderBy: $orderBy) {
    nodes { id externalId globalKey rowData customMetadata { schemaId value }
            attachments { type value } }
    pageInfo { hasNextPage startCursor endCursor }
  }
}
"""


def descriptor(n: int, prefix: str) -> list[dict[str, Any]]:
    return [
        {
            "row_data": f"https://storage.example.com/{prefix}/{i}.jpg",
            "external_id": f"{prefix}-{i}",
            "global_key": f"{prefix}-key-{i}",
            "metadata_fields": [{"schemaId": TAG_SCHEMA_ID, "value": f"tag {i}"}],
            "attachments": [{"type": "RAW_TEXT", "value": f"note {i}"}],
        }
        for i in range(n)
    ]


def pages(api: Api, dataset: str, first: int, order_by: str | None = None) -> Iterator[Any]:
    cursor = None
    while True:
        variables = {"id": dataset, "from": cursor, "first": first, "orderBy": order_by}
        page = api.data(PAGE_QUERY, variables)["datasetDataRows"]
        yield page
        if not page["pageInfo"]["hasNextPage"]:
            return
        cursor = page["pageInfo"]["endCursor"]


def test_import_of_20000_rows_checked_row_by_row(api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    rows = descriptor(20_000, unique + "r")
    started = time.monotonic()
    task, result = import_rows(api, dataset, rows)
    elapsed = time.monotonic() - started
    assert task["status"] == "COMPLETE", result
    print(f"20,000 rows imported in {elapsed:.1f} s ({20_000 / elapsed:,.0f} rows/s)")
    created = result["createdDataRows"]
    assert [r["externalId"] for r in created] == [r["external_id"] for r in rows]
    assert [r["globalKey"] for r in created] == [r["global_key"] for r in rows]
    assert [r["rowData"] for r in created] == [r["row_data"] for r in rows]
    ids = {r["externalId"]: r["id"] for r in created}
    assert len(set(ids.values())) == 20_000
    assert row_count(api, dataset) == 20_000

    exported = export_rows(api, dataset, include_metadata=True)
    assert len(exported) == 20_000
    for line in exported:
        i = int(line["externalId"].rsplit("-", 1)[1])
        assert line["id"] == ids[line["externalId"]]
        assert line["globalKey"] == rows[i]["global_key"]
        assert line["rowData"] == rows[i]["row_data"]
        assert line["customMetadata"] == [{"schemaId": TAG_SCHEMA_ID, "value": f"tag {i}"}]
        assert line["mediaAttributes"] == {"mimeType": "image/jpeg"}

    seen = 0
    for page in pages(api, dataset, 1000):
        for node in page["nodes"]:
            i = int(node["externalId"].rsplit("-", 1)[1])
            assert node["id"] == ids[node["externalId"]]
            assert node["globalKey"] == rows[i]["global_key"]
            assert node["customMetadata"] == [{"schemaId": TAG_SCHEMA_ID, "value": f"tag {i}"}]
            assert node["attachments"] == [{"type": "RAW_TEXT", "value": f"note {i}"}]
            seen += 1
    assert seen == 20_000


def _rows_in(engine: Engine, dataset: str) -> int:
    with engine.connect() as connection:
        count = connection.scalar(
            select(func.count()).select_from(DataRow).where(DataRow.dataset_id == dataset)
        )
    return int(count or 0)


def _wait_part_way(api: Api, engine: Engine, dataset: str, total: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if 0 < _rows_in(engine, dataset) < total // 2:
            return
        time.sleep(0.02)
    raise AssertionError("the import never was part-way")


@pytest.fixture
def own_server(new_database_url: Callable[[], str | None]) -> Iterator[LocalServer]:
    with LocalServer(database_url=new_database_url()) as server:
        yield server


@pytest.mark.parametrize("how", ["sigterm", "kill"])
def test_import_survives_a_restart(own_server: LocalServer, how: str) -> None:
    total = 20_000
    engine = make_engine(own_server.database_url)
    try:
        with httpx.Client(timeout=60) as client:
            api = Api(own_server.endpoint, own_server.api_key, client)
            dataset = create_dataset(api, "restart")
            task_id = start_import(api, dataset, descriptor(total, "x"))
            _wait_part_way(api, engine, dataset, total)
            if how == "kill":
                process = own_server._process
                assert process is not None
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
            own_server.stop()
            stopped_at = _rows_in(engine, dataset)
            with engine.connect() as connection:
                status = connection.scalar(select(Task.status).where(Task.id == task_id))
            assert 0 < stopped_at < total and status == "IN_PROGRESS"
            own_server.start()
            api = Api(own_server.endpoint, own_server.api_key, client)
            task = wait_task(api, task_id)
            assert task["status"] == "COMPLETE"
        with engine.connect() as connection:
            external_ids = connection.scalars(
                select(DataRow.external_id).where(DataRow.dataset_id == dataset)
            ).all()
        counts = Counter(external_ids)
        assert len(external_ids) == total
        assert set(counts) == {f"x-{i}" for i in range(total)}
        assert set(counts.values()) == {1}
        with httpx.Client(timeout=60) as client:
            api = Api(own_server.endpoint, own_server.api_key, client)
            assert row_count(api, dataset) == total
            result = client.get(task["result"]).json()
            assert [r["externalId"] for r in result["createdDataRows"]] == [
                f"x-{i}" for i in range(total)
            ]
    finally:
        engine.dispose()


def test_keyset_pagination(server: LocalServer, api: Api, unique: str) -> None:
    dataset = create_dataset(api, unique + "d")
    n = 5_000
    externals = [f"e{i:05d}" if i % 10 else None for i in range(n)]
    random.Random(7).shuffle(externals)
    rows = [{"row_data": f"https://x/{i}.jpg", "external_id": e} for i, e in enumerate(externals)]
    task, _ = import_rows(api, dataset, rows)
    assert task["status"] == "COMPLETE"

    by_id = [node["id"] for page in pages(api, dataset, 100) for node in page["nodes"]]
    assert len(by_id) == n and by_id == sorted(by_id)
    for order_by, reverse in (("externalId_ASC", False), ("externalId_DESC", True)):
        got: list[tuple[str | None, str]] = []
        for page in pages(api, dataset, 100, order_by):
            nodes = page["nodes"]
            got.extend((node["externalId"], node["id"]) for node in nodes)
        named = sorted((e, i) for e, i in got if e is not None)
        nulls = sorted((e, i) for e, i in got if e is None)
        # NULLs first ascending, last descending.
        expected = named[::-1] + nulls[::-1] if reverse else nulls + named
        assert got == expected
    desc_ids = [
        node["id"] for page in pages(api, dataset, 1000, "id_DESC") for node in page["nodes"]
    ]
    assert desc_ids == by_id[::-1]
    empty = api.data(PAGE_QUERY, {"id": create_dataset(api, unique + "e")})["datasetDataRows"]
    assert empty == {
        "nodes": [],
        "pageInfo": {"hasNextPage": False, "startCursor": None, "endCursor": None},
    }
    first = api.data(PAGE_QUERY, {"id": dataset, "first": 2})["datasetDataRows"]
    assert first["pageInfo"]["startCursor"] != first["pageInfo"]["endCursor"]
    bad = api.error_codes(PAGE_QUERY, {"id": dataset, "from": "garbage", "orderBy": "id_ASC"})
    assert bad == ["MALFORMED_REQUEST"]
    other_order = api.error_codes(
        PAGE_QUERY,
        {"id": dataset, "from": first["pageInfo"]["endCursor"], "orderBy": "externalId_ASC"},
    )
    assert other_order == ["MALFORMED_REQUEST"]

    # In process, on the server's database: every page is a bounded index range, no OFFSET.
    engine = make_engine(server.database_url)
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        with SessionFactory(engine).session() as session:
            caller = api_keys.authenticate(session, server.api_key)
            assert caller is not None
            for order_by in ("id_ASC", "external_id_DESC"):  # Python names in the domain
                cursor, walked, timings = None, 0, []
                while True:
                    began = time.perf_counter()
                    page = data_row_pages.dataset_data_rows_page(
                        session,
                        caller,
                        dataset,
                        cursor=cursor,
                        first=100,
                        where=None,
                        order_by=order_by,
                    )
                    timings.append(time.perf_counter() - began)
                    walked += len(page.nodes)
                    if not page.has_next_page:
                        break
                    cursor = page.end_cursor
                assert walked == n
                # The last pages cost about what the first ones do (no OFFSET scan).
                assert sum(timings[-5:]) < 5 * sum(timings[:5]) + 0.05
            selects = [(sql, params) for sql, params in statements if "FROM data_rows" in sql]
            assert selects
            for sql, params in selects:
                # SQLite's compiler always writes `LIMIT ? OFFSET ?`: the offset must be 0.
                assert "OFFSET" not in sql.upper() or params[-1] == 0, (sql, params)
            sql, params = next(item for item in selects if "data_rows.id >" in item[0])
            connection = session.connection()
            if engine.dialect.name == "sqlite":
                explained = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()
            else:
                connection.exec_driver_sql("ANALYZE data_rows")  # fresh statistics
                explained = connection.exec_driver_sql("EXPLAIN " + sql, params).all()
            plan = " ".join(str(line[-1]) for line in explained)
            # An index range scan in key order: no sort step (PostgreSQL may pick the
            # primary key when one dataset holds most rows; both are bounded scans).
            assert "INDEX" in plan.upper(), plan
            assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
    finally:
        event.remove(engine, "before_cursor_execute", record)
        engine.dispose()


def test_an_import_that_cannot_resume_fails_with_the_reason(own_server: LocalServer) -> None:
    total = 20_000
    engine = make_engine(own_server.database_url)
    try:
        with httpx.Client(timeout=60) as client:
            api = Api(own_server.endpoint, own_server.api_key, client)
            dataset = create_dataset(api, "gone")
            task_id = start_import(api, dataset, descriptor(total, "g"))
            _wait_part_way(api, engine, dataset, total)
            own_server.stop()
            for path in (own_server.data_dir / "blobs" / "objects" / "uploads").rglob("*.json"):
                path.unlink()
            own_server.start()
            api = Api(own_server.endpoint, own_server.api_key, client)
            task = wait_task(api, task_id)
            assert task["status"] == "FAILED"
            result = client.get(task["result"]).json()
            assert result["error"] == "The descriptor file no longer exists"
            assert result["createdDataRows"] == []
            assert row_count(api, dataset) == 0  # all or nothing: the partial rows are gone
        assert _rows_in(engine, dataset) == 0
    finally:
        engine.dispose()


def test_another_server_takes_over_a_dead_servers_import(own_server: LocalServer) -> None:
    """Two server processes on one database: the survivor finishes the dead one's import."""
    total = 20_000
    engine = make_engine(own_server.database_url)
    survivor = LocalServer(data_dir=own_server.data_dir, database_url=own_server._database_url)
    try:
        with survivor, httpx.Client(timeout=60) as client:
            api = Api(own_server.endpoint, own_server.api_key, client)
            dataset = create_dataset(api, "takeover")
            task_id = start_import(api, dataset, descriptor(total, "t"))
            _wait_part_way(api, engine, dataset, total)
            process = own_server._process
            assert process is not None
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            assert _rows_in(engine, dataset) < total
            task = wait_task(Api(survivor.endpoint, own_server.api_key, client), task_id)
            assert task["status"] == "COMPLETE"
        with engine.connect() as connection:
            external_ids = connection.scalars(
                select(DataRow.external_id).where(DataRow.dataset_id == dataset)
            ).all()
        assert Counter(external_ids) == Counter(f"t-{i}" for i in range(total))
    finally:
        engine.dispose()
