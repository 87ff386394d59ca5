"""Project setup with our SDK against a real local server: `setup`, `setup_editor`,
`ontology()`, `labeling_frontend_options()`, `upsert_instructions`."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

import labelbox as lb
from labelbox import Classification, OntologyBuilder, Option, Tool
from labelbox.exceptions import InconsistentOntologyException, ResourceConflict
from labelbox.schema.labeling_frontend import LabelingFrontendOptions


def builder() -> OntologyBuilder:
    return OntologyBuilder(
        tools=[Tool(tool=Tool.Type.BBOX, name="car")],
        classifications=[
            Classification(Classification.Type.RADIO, "weather", options=[Option("sun")])
        ],
    )


def editor(client: lb.Client) -> lb.LabelingFrontend:
    found = client.get_labeling_frontends(where=lb.LabelingFrontend.name == "Editor").get_one()
    assert found is not None
    return found


def test_setup_derives_the_ontology(client: lb.Client, project: lb.Project) -> None:
    normalized = builder().asdict()
    project.setup(editor(client), normalized)
    now = datetime.now(timezone.utc)
    assert project.setup_complete is not None
    assert now - project.setup_complete < timedelta(seconds=5)
    assert project.last_activity_time is not None
    assert now - project.last_activity_time < timedelta(seconds=5)
    labeling_frontend = project.labeling_frontend()
    assert labeling_frontend is not None and labeling_frontend.name == "Editor"

    (options,) = list(project.labeling_frontend_options())
    assert isinstance(options, LabelingFrontendOptions)
    assert options.customization_options == json.dumps(normalized)
    assert options.project() == project
    assert options.labeling_frontend() == labeling_frontend
    assert options.organization() == client.get_organization()

    ontology = project.ontology()
    assert ontology is not None
    assert [t.name for t in ontology.tools()] == ["car"]
    from_project = OntologyBuilder.from_project(project)
    assert from_project.asdict() == ontology.normalized
    assert from_project.tools[0].feature_schema_id

    with pytest.raises(ResourceConflict):
        project.setup(editor(client), normalized)


def test_setup_editor_attaches_the_ontology_once(client: lb.Client, project: lb.Project) -> None:
    ontology = client.create_ontology("editor ontology", builder().asdict())
    project.setup_editor(ontology)
    connected = project.ontology()
    assert connected is not None and connected.uid == ontology.uid
    assert project.setup_complete is not None
    assert [o.uid for o in client.get_ontologies("editor ontology")] == [ontology.uid]
    assert project in list(ontology.projects())
    with pytest.raises(ResourceConflict, match="already set up"):
        project.setup_editor(ontology)


def test_setup_checks_the_ontology_before_sending(
    client: lb.Client, project: lb.Project, sent: list[str]
) -> None:
    frontend = editor(client)
    sent.clear()
    bad = {"tools": [{"tool": "line", "name": "x"}, {"tool": "point", "name": "x"}]}
    with pytest.raises(InconsistentOntologyException, match="Duplicate tool name 'x'"):
        project.setup(frontend, bad)
    assert sent == []
    assert project.labeling_frontend() is None


def test_upsert_instructions(client: lb.Client, project: lb.Project, tmp_path: Path) -> None:
    pdf = tmp_path / "instructions.pdf"
    pdf.write_bytes(b"%PDF-1.4 how to label")
    with pytest.raises(ValueError, match="not been set up"):
        project.upsert_instructions(pdf)
    project.setup(editor(client), builder().asdict())
    before = project.ontology()
    assert before is not None
    project.upsert_instructions(str(pdf))
    after = project.ontology()
    assert after is not None
    url = after.normalized.get("projectInstructions")
    assert url is not None
    assert {k: v for k, v in after.normalized.items() if k != "projectInstructions"} == (
        before.normalized
    )
    assert httpx.get(url).content == b"%PDF-1.4 how to label"
    builder_of_it = OntologyBuilder.from_dict(after.normalized)
    assert builder_of_it.project_instructions == url
    assert builder_of_it.asdict() == after.normalized

    html = tmp_path / "instructions.html"
    html.write_text("<h1>again</h1>")
    project.upsert_instructions(html)
    replaced = project.ontology()
    assert replaced is not None and replaced.normalized.get("projectInstructions") != url


def test_upsert_instructions_checks_the_file(project: lb.Project, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("x")
    with pytest.raises(ValueError, match="pdf or html"):
        project.upsert_instructions(text)
    with pytest.raises(ValueError, match="does not exist"):
        project.upsert_instructions(tmp_path / "missing.pdf")
