"""A data-row import survives its server being stopped and started again mid-way."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

import labelbox as lb
from labelbox.schema.data_row import DataRowItem
from labelbox_server import LocalServer

ROWS = 40_000


@pytest.mark.slow
def test_import_resumes_after_a_server_restart(
    new_database_url: Callable[[], str | None], tmp_path: Path
) -> None:
    with LocalServer(database_url=new_database_url(), data_dir=tmp_path / "server") as server:
        client = lb.Client(api_key=server.api_key, endpoint=server.endpoint)
        dataset = client.create_dataset(name="restart")
        items: list[DataRowItem] = [
            {"row_data": f"https://example.com/{i}.jpg", "external_id": f"r{i}"}
            for i in range(ROWS)
        ]
        task = dataset.create_data_rows(items)

        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            task.refresh()
            if task.status != "IN_PROGRESS" or (task.completion_percentage or 0) > 0:
                break
            time.sleep(0.02)
        assert task.status == "IN_PROGRESS", "the import finished before the restart; use more rows"
        assert 0 < (task.completion_percentage or 0) < 100
        server.restart()

        task.wait_till_done(timeout_seconds=300)
        assert task.status == "COMPLETE", task.errors
        external_ids = [row.external_id for row in dataset.data_rows()]
        assert len(external_ids) == ROWS
        assert set(external_ids) == {f"r{i}" for i in range(ROWS)}  # each exactly once
        assert client.get_dataset(dataset.uid).row_count == ROWS
        client.close()
