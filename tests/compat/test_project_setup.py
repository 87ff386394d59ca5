"""The official SDK 3.36.0 against our server: project setup (its `test_project_setup`
flows), instructions and the ontology of a project."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

import labelbox
from labelbox import LabelingFrontend, OntologyBuilder, Project, Tool
from labelbox.exceptions import InvalidQueryError, ResourceConflict


def simple_ontology() -> dict[str, object]:
    return {
        "tools": [{"tool": "rectangle", "name": "test", "color": "#ff0000", "classifications": []}],
        "classifications": [],
    }


def editor(client: labelbox.Client) -> LabelingFrontend:
    return next(iter(client.get_labeling_frontends(where=LabelingFrontend.name == "editor")))


def test_project_setup(client: labelbox.Client, project: Project) -> None:
    options = json.dumps(simple_ontology())
    project.setup(editor(client), options)
    now = datetime.now(timezone.utc)
    assert now - project.setup_complete <= timedelta(seconds=3)
    assert now - project.last_activity_time <= timedelta(seconds=3)
    assert project.labeling_frontend().name == "Editor"
    assert project.organization() == client.get_organization()
    assert project.created_by() == client.get_user()

    (lfo,) = list(project.labeling_frontend_options())
    assert lfo.customization_options == options
    # Labelbox's API has no lookup of frontend options by id.
    with pytest.raises(InvalidQueryError):
        lfo.project()
    with pytest.raises(InvalidQueryError):
        lfo.labeling_frontend()
    with pytest.raises(InvalidQueryError):
        lfo.organization()

    ontology = project.ontology()
    assert [t.name for t in ontology.tools()] == ["test"]
    assert ontology.tools()[0].feature_schema_id
    builder = OntologyBuilder.from_project(project)
    assert builder.asdict() == ontology.normalized


def test_project_editor_setup(client: labelbox.Client, project: Project) -> None:
    name = f"compat editor setup {time.time_ns()}"
    ontology = client.create_ontology(name, simple_ontology())
    project.setup_editor(ontology)
    now = datetime.now(timezone.utc)
    assert now - project.setup_complete <= timedelta(seconds=3)
    assert now - project.last_activity_time <= timedelta(seconds=3)
    assert project.labeling_frontend().name == "Editor"
    assert project.ontology().name == name
    assert [o.name for o in client.get_ontologies(name)] == [name]
    with pytest.raises(ResourceConflict):
        project.setup_editor(ontology)


def test_upsert_instructions(client: labelbox.Client, project: Project, tmp_path: Path) -> None:
    project.setup_editor(
        client.create_ontology(
            "instructions", OntologyBuilder(tools=[Tool(tool=Tool.Type.POINT, name="p")]).asdict()
        )
    )
    before = project.ontology().normalized
    for name in ("instructions.pdf", "instructions.html"):
        path = tmp_path / name
        path.write_bytes(b"content of " + name.encode())
        project.upsert_instructions(str(path))
        normalized = project.ontology().normalized
        url = normalized.pop("projectInstructions")
        assert normalized == before
        assert httpx.get(url).content == b"content of " + name.encode()
    with pytest.raises(ValueError):
        project.upsert_instructions(str(tmp_path / "instructions.txt"))
