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


LOOKUP_IN_FRAGMENT = (
    "query Lookup($keys: [ID!]!) { ...Jobs } "
    "fragment Jobs on Query { job: dataRowsForGlobalKeys(where: {ids: $keys}) { jobId } }"
)
LOOKUP_IN_INLINE_FRAGMENT = (
    "query Lookup($keys: [ID!]!) { ... on Query { ... @include(if: true) {"
    " dataRowsForGlobalKeys(where: {ids: $keys}) { jobId } } } }"
)


def test_writing_queries_inside_fragments_while_writers_run(fresh_api: Api) -> None:
    """`dataRowsForGlobalKeys` (a query that records a job) found through fragments, inline
    fragments and aliases takes the write lock: no "database is locked" with 4 writers."""

    def write(i: int) -> list[dict[str, object]]:
        bodies = []
        for n in range(15):
            response = fresh_api.post(docs.CREATE_PROJECT_NAME_ONLY, {"name": f"w{i}-{n}"})
            bodies.append(response.json())
        return bodies

    def look_up(i: int) -> list[dict[str, object]]:
        document = LOOKUP_IN_FRAGMENT if i % 2 else LOOKUP_IN_INLINE_FRAGMENT
        return [fresh_api.post(document, {"keys": [f"k{i}-{n}"]}).json() for n in range(15)]

    with ThreadPoolExecutor(8) as pool:
        writers = [pool.submit(write, i) for i in range(4)]
        lookups = [pool.submit(look_up, i) for i in range(4)]
        results = [body for future in writers + lookups for body in future.result()]
    assert [body for body in results if "errors" in body] == []
    assert len(results) == 120
    jobs = [body["data"] for body in results if "job" in body["data"]]  # type: ignore[operator]
    assert len(jobs) == 30
