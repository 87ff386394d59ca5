"""The SDK's main paths work with the lowest httpx, pydantic and typing-extensions it admits
(`make test-floors` runs this in a venv holding exactly those versions)."""

from __future__ import annotations

from importlib import metadata

import labelbox as lb
from floors.pins import pins


def _release(version: str) -> tuple[int, ...]:
    parts = [int(part) for part in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def test_the_venv_holds_the_declared_floors() -> None:
    for pin in pins():
        name, version = pin.split("==")
        assert _release(metadata.version(name)) == _release(version), pin


def test_projects_datasets_and_relationships(client: lb.Client) -> None:
    project = client.create_project(name="floors", media_type=lb.MediaType.Image)
    project.update(description="lowest versions")
    assert client.get_project(project.uid).description == "lowest versions"
    dataset = client.create_dataset(name="floors", projects=project)
    assert [d.uid for d in project.datasets()] == [dataset.uid]
    assert [p.uid for p in dataset.projects(where=lb.Project.name == "floors")] == [project.uid]
    assert project.created_by() == client.get_user()
    found = client.get_projects(where=lb.Project.name == "floors").get_many(5)
    assert [p.uid for p in found] == [project.uid]


def test_data_rows_metadata_and_exports(client: lb.Client) -> None:
    dataset = client.create_dataset(name="floors rows")
    ontology = client.get_data_row_metadata_ontology()
    tag = ontology.reserved_by_name["tag"]
    task = dataset.create_data_rows(
        [
            {
                "row_data": f"https://example.com/{n}.jpg",
                "global_key": f"floors-{n}",
                "metadata_fields": [{"schema_id": tag.uid, "value": f"t{n}"}],
            }
            for n in range(3)
        ]
    )
    task.wait_till_done(timeout_seconds=60)
    assert task.status == "COMPLETE", task.errors
    rows = sorted(dataset.data_rows(), key=lambda row: row.global_key or "")
    assert [row.global_key for row in rows] == ["floors-0", "floors-1", "floors-2"]
    assert [row.metadata[0].value for row in rows] == ["t0", "t1", "t2"]
    exported = sorted(row.global_key or "" for row in dataset.export_data_rows())
    assert exported == ["floors-0", "floors-1", "floors-2"]
    looked_up = client.get_data_row_ids_for_global_keys(["floors-1", "missing"])
    assert looked_up["results"] == [rows[1].uid, ""]
