"""Concurrent requests: writes from many clients at once all succeed (SQLite included)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from . import sdk_documents as docs
from .conftest import Api


def test_concurrent_writes_and_reads(fresh_api: Api) -> None:
    def create(i: int) -> dict[str, object]:
        if i % 3 == 0:
            body: dict[str, object] = fresh_api.post(
                docs.GET_PROJECTS_NOT_DELETED, {"param_0": False}
            ).json()
            return body
        document = docs.CREATE_PROJECT_NAME_ONLY if i % 3 == 1 else docs.CREATE_DATASET_PLAIN
        variables = {"name": f"n{i}", "description": ""} if i % 3 == 2 else {"name": f"n{i}"}
        body = fresh_api.post(document, variables).json()
        return body

    with ThreadPoolExecutor(12) as pool:
        results = list(pool.map(create, range(90)))
    assert [r for r in results if "errors" in r] == []
    projects = fresh_api.data(docs.GET_PROJECTS_NOT_DELETED, {"param_0": False})["projects"]
    datasets = fresh_api.data(docs.GET_DATASETS_NOT_DELETED, {"param_0": False})["datasets"]
    assert (len(projects), len(datasets)) == (30, 30)
