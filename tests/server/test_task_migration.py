"""Migration 0003: a database written by the previous release (tasks, jobs and global-key
jobs in three tables) upgrades with its data, and the server reads it back as before."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from labelbox_server import LocalServer
from labelbox_server.db import migrate
from labelbox_server.db.session import make_engine
from labelbox_server.domain.api_keys import hash_key
from labelbox_server.settings import Settings
from labelbox_server.storage import DirectoryBlobStore

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import wait_task

KEY = "migrated-organization-key"
ADMIN_ROLE = "cmx16jr8cmtpp2p8pzp4yur5a"
IDS = {
    name: f"c{name:0<24}"[:25]
    for name in ("org", "user", "key", "d1", "d2", "t1", "t2", "t3", "t4", "g1", "g2", "g3")
}
CREATED = datetime(2024, 2, 3, 4, 5, 6, 789000)
DONE_URL = "https://example.invalid/already-imported.json"
DESCRIPTOR_KEY = f"uploads/{IDS['t1']}/json_import.json"
ASSIGNED = {
    "sanitizedAssignments": [{"dataRowId": "cxrow", "globalKey": "a_b"}],
    "invalidGlobalKeyAssignments": [],
    "unmodifiedAssignments": [{"dataRowId": "cyrow", "globalKey": "plain"}],
    "accessDeniedAssignments": [{"dataRowId": "czrow", "globalKey": "theirs"}],
}
LOOKED_UP = {
    "fetchedDataRows": [{"id": "cxrow"}, {"id": ""}],
    "notFoundGlobalKeys": ["missing"],
    "accessDeniedGlobalKeys": [],
    "deletedDataRowGlobalKeys": [],
}
CLEARED = {
    "clearedGlobalKeys": ["a_b"],
    "failedToClearGlobalKeys": [],
    "notFoundGlobalKeys": ["gone"],
    "accessDeniedGlobalKeys": [],
}


def _table(engine: Engine, name: str) -> sa.Table:
    return sa.Table(name, sa.MetaData(), autoload_with=engine)


def _seed_release_0002(engine: Engine, blobs: DirectoryBlobStore) -> None:
    """Rows as the previous release wrote them (its payload shapes and camelCase results)."""
    at = {"created_at": CREATED, "updated_at": CREATED}
    task = {
        "organization_id": IDS["org"],
        "created_by_id": IDS["user"],
        "completion_percentage": 0.0,
        "result_key": None,
        "errors": None,
        "include_metadata": None,
        "dedupe_key": None,
        "completed_at": None,
        **at,
    }
    job = {"claimed_by": None, "heartbeat_at": None, "attempts": 1, "error": None, **at}
    blobs.put_bytes(
        DESCRIPTOR_KEY,
        json.dumps(
            [{"row_data": f"https://x.example/{i}.jpg", "external_id": f"m{i}"} for i in range(3)]
        ).encode(),
        "application/json",
    )
    blobs.put_bytes(
        f"tasks/{IDS['t2']}/result.json", b'{"createdDataRows": []}', "application/json"
    )
    blobs.put_bytes(f"exports/{IDS['t3']}.ndjson", b'{"id": "cxrow"}\n', "application/x-ndjson")
    rows: dict[str, list[dict[str, Any]]] = {
        "organizations": [{"id": IDS["org"], "name": "Migrated", **at}],
        "users": [
            {
                "id": IDS["user"],
                "organization_id": IDS["org"],
                "org_role_id": ADMIN_ROLE,
                "email": "owner@migrated.local",
                "name": "Owner",
                "nickname": "owner",
                "is_viewer": False,
                "is_external_user": False,
                "deleted": False,
                **at,
            }
        ],
        "api_keys": [
            {
                "id": IDS["key"],
                "user_id": IDS["user"],
                "key_hash": hash_key(KEY),
                "prefix": KEY[:6],
                "created_at": CREATED,
                "deleted": False,
            }
        ],
        "datasets": [
            {
                "id": IDS[name],
                "organization_id": IDS["org"],
                "created_by_id": IDS["user"],
                "name": name,
                "description": "",
                "row_count": 0,
                "deleted": False,
                "data_rows_changed_at": None,
                **at,
            }
            for name in ("d1", "d2")
        ],
        "tasks": [
            {
                **task,
                "id": IDS["t1"],
                "kind": "import",
                "name": "JSON Import",
                "status": "IN_PROGRESS",
                "dataset_id": IDS["d1"],
                "dedupe_key": "a" * 64,
            },
            {
                **task,
                "id": IDS["t2"],
                "kind": "import",
                "name": "JSON Import",
                "status": "COMPLETE",
                "dataset_id": IDS["d1"],
                "completion_percentage": 100.0,
                "result_key": f"tasks/{IDS['t2']}/result.json",
                "dedupe_key": hashlib.sha256(f"{IDS['d1']}\n{DONE_URL}".encode()).hexdigest(),
                "completed_at": CREATED,
            },
            {
                **task,
                "id": IDS["t3"],
                "kind": "export",
                "name": "Export dataset data rows",
                "status": "COMPLETE",
                "dataset_id": IDS["d2"],
                "include_metadata": True,
                "completion_percentage": 100.0,
                "result_key": f"exports/{IDS['t3']}.ndjson",
                "completed_at": CREATED,
            },
            {
                **task,
                "id": IDS["t4"],
                "kind": "import",
                "name": "JSON Import",
                "status": "IN_PROGRESS",
                "dataset_id": IDS["d2"],
            },
        ],
        "jobs": [
            {
                **job,
                "id": "cj1" + "0" * 22,
                "kind": "import",
                "task_id": IDS["t1"],
                "state": "PENDING",
                "attempts": 0,
                "payload": {
                    "dataset_id": IDS["d1"],
                    "organization_id": IDS["org"],
                    "user_id": IDS["user"],
                    "source": {"blob_key": DESCRIPTOR_KEY},
                },
            },
            {
                **job,
                "id": "cj2" + "0" * 22,
                "kind": "import",
                "task_id": IDS["t2"],
                "state": "DONE",
                "payload": {
                    "dataset_id": IDS["d1"],
                    "organization_id": IDS["org"],
                    "user_id": IDS["user"],
                    "source": {"url": DONE_URL},
                },
            },
            {
                **job,
                "id": "cj3" + "0" * 22,
                "kind": "export",
                "task_id": IDS["t3"],
                "state": "DONE",
                "payload": {
                    "dataset_id": IDS["d2"],
                    "organization_id": IDS["org"],
                    "include": True,
                },
            },
            {
                **job,
                "id": "cj4" + "0" * 22,
                "kind": "import",
                "task_id": IDS["t4"],
                "state": "FAILED",
                "error": "The descriptor file no longer exists",
                "payload": {
                    "dataset_id": IDS["d2"],
                    "organization_id": IDS["org"],
                    "user_id": IDS["user"],
                    "source": {"blob_key": "uploads/gone.json"},
                },
            },
        ],
        "global_key_jobs": [
            {
                "id": IDS[job_id],
                "organization_id": IDS["org"],
                "kind": kind,
                "status": "COMPLETE",
                "result": result,
                "created_at": CREATED,
            }
            for job_id, kind, result in (
                ("g1", "assign", ASSIGNED),
                ("g2", "lookup", LOOKED_UP),
                ("g3", "clear", CLEARED),
            )
        ],
    }
    with engine.begin() as connection:
        for name, values in rows.items():
            connection.execute(sa.insert(_table(engine, name)), values)


@pytest.fixture
def upgraded(
    tmp_path: Path, new_database_url: Callable[[], str | None]
) -> Iterator[tuple[LocalServer, Engine]]:
    """A server on a database created at revision 0002 with rows, then upgraded."""
    data_dir = tmp_path / "server"
    data_dir.mkdir()
    settings = Settings(data_dir=data_dir, database_url=new_database_url())
    engine = make_engine(settings.resolved_database_url)
    try:
        migrate.upgrade(engine, "0002")
        _seed_release_0002(engine, DirectoryBlobStore(settings.resolved_blob_dir))
        migrate.upgrade(engine)
        with LocalServer(data_dir=data_dir, database_url=settings.database_url) as server:
            yield server, engine
    finally:
        engine.dispose()


def _result(api: Api, document: str, job_id: str) -> dict[str, Any]:
    data = api.data(document, {"jobId": job_id})
    (value,) = data.values()
    result: dict[str, Any] = value
    return result


def test_a_release_0002_database_upgrades_with_its_data(
    upgraded: tuple[LocalServer, Engine],
) -> None:
    server, engine = upgraded
    head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
    assert migrate.current_revision(engine) == head  # 0003 and every later migration
    assert not {"jobs", "global_key_jobs"} & set(sa.inspect(engine).get_table_names())
    with httpx.Client(timeout=30) as http:
        api = Api(server.endpoint, KEY, http)
        me = api.data(docs.GET_USER)["user"]
        assert me["id"] == IDS["user"]

        # The pending import resumes and completes; the failed job's task is FAILED.
        done = wait_task(api, IDS["t1"])
        assert (done["status"], done["completionPercentage"]) == ("COMPLETE", 100)
        rows = http.get(done["result"]).json()["createdDataRows"]
        assert [row["externalId"] for row in rows] == ["m0", "m1", "m2"]
        failed = api.data(docs.GET_TASK, {"taskId": IDS["t4"]})["task"]
        assert failed["status"] == "FAILED"

        listed = api.data(
            "query($id: ID!) { user(where: {id: $id}) { createdTasks { id name status errors"
            " completionPercentage createdAt result } } }",
            {"id": IDS["user"]},
        )["user"]["createdTasks"]
        by_id = {task["id"]: task for task in listed}
        assert set(by_id) == {IDS["t1"], IDS["t2"], IDS["t3"], IDS["t4"]}
        assert by_id[IDS["t2"]]["name"] == "JSON Import"
        assert by_id[IDS["t2"]]["createdAt"] == "2024-02-03T04:05:06.789Z"
        assert http.get(by_id[IDS["t2"]]["result"]).json() == {"createdDataRows": []}
        assert by_id[IDS["t3"]]["name"] == "Export dataset data rows"
        assert by_id[IDS["t4"]]["errors"] == "The descriptor file no longer exists"
        assert by_id[IDS["t4"]]["result"] is None

        # The same descriptor URL still gives the task it gave before the upgrade.
        again = api.data(docs.APPEND_ROWS, {"datasetId": IDS["d1"], "jsonUrl": DONE_URL})
        assert again["appendRowsToDataset"]["taskId"] == IDS["t2"]
        # The finished export with metadata is still the dataset's current one.
        export = api.data(
            docs.EXPORT_DATASET_DATA_ROWS, {"datasetId": IDS["d2"], "includeMetadataInput": True}
        )["exportDatasetDataRows"]
        assert (export["status"], export["createdAt"]) == ("COMPLETE", "2024-02-03T04:05:06.789Z")
        assert http.get(export["downloadUrl"]).text == '{"id": "cxrow"}\n'

        # Global-key jobs read back exactly; they are not `Task`s.
        assert _result(api, docs.ASSIGN_GLOBAL_KEYS_RESULT, IDS["g1"]) == {
            "jobStatus": "COMPLETE",
            "data": ASSIGNED,
        }
        assert _result(api, docs.GET_DATA_ROWS_FOR_GLOBAL_KEYS_RESULT, IDS["g2"]) == {
            "jobStatus": "COMPLETE",
            "data": LOOKED_UP,
        }
        assert _result(api, docs.CLEAR_GLOBAL_KEYS_RESULT, IDS["g3"]) == {
            "jobStatus": "COMPLETE",
            "data": CLEARED,
        }
        assert api.error_codes(docs.GET_TASK, {"taskId": IDS["g1"]}) == ["RESOURCE_NOT_FOUND"]
        assert api.error_codes(docs.CLEAR_GLOBAL_KEYS_RESULT, {"jobId": IDS["g1"]}) == [
            "RESOURCE_NOT_FOUND"
        ]
