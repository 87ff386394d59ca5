"""The `labelbox` command line, run with typer's runner against a real local server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import labelbox as lb
from labelbox.cli.app import app
from labelbox_server import LocalServer

runner = CliRunner()


@pytest.fixture
def env(labelbox_server: LocalServer) -> dict[str, str]:
    return {
        "LABELBOX_API_KEY": labelbox_server.api_key,
        "LABELBOX_ENDPOINT": labelbox_server.endpoint,
    }


def run(env: dict[str, str], *args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, result.output
    return result.output


def run_json(env: dict[str, str], *args: str, code: int = 0) -> object:
    return json.loads(run(env, "--json", *args, code=code))


def test_whoami(env: dict[str, str], client: lb.Client) -> None:
    shown = run_json(env, "whoami")
    assert isinstance(shown, dict)
    assert shown["email"] == client.get_user().email
    assert shown["organization"] == client.get_organization().name
    assert shown["endpoint"] == env["LABELBOX_ENDPOINT"]
    assert "organization" in run(env, "whoami")  # the table form


def test_the_key_and_endpoint_come_from_options_too(env: dict[str, str]) -> None:
    options = ["--api-key", env["LABELBOX_API_KEY"], "--endpoint", env["LABELBOX_ENDPOINT"]]
    result = runner.invoke(app, [*options, "--json", "whoami"], env={})
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["endpoint"] == env["LABELBOX_ENDPOINT"]


def test_projects_create_list_show_delete(env: dict[str, str], client: lb.Client) -> None:
    created = run_json(env, "projects", "create", "--name", "cli project", "--media-type", "IMAGE")
    assert isinstance(created, dict)
    assert created["name"] == "cli project"
    assert created["media_type"] == "IMAGE"
    listed = run_json(env, "projects", "list", "--name", "cli project")
    assert isinstance(listed, list)
    assert [p["id"] for p in listed] == [created["id"]]
    shown = run_json(env, "projects", "show", created["id"])
    assert shown == {**created, "description": "", "datasets": []}
    assert "cli project" in run(env, "projects", "list")
    run(env, "projects", "delete", created["id"], "--yes")
    assert run_json(env, "projects", "list", "--name", "cli project") == []
    with pytest.raises(lb.exceptions.ResourceNotFoundError):
        client.get_project(created["id"])


def test_datasets_create_show_delete(env: dict[str, str]) -> None:
    created = run_json(env, "datasets", "create", "--name", "cli dataset")
    assert isinstance(created, dict)
    assert created["rows"] == 0
    shown = run_json(env, "datasets", "show", created["id"])
    assert isinstance(shown, dict)
    assert shown["projects"] == []
    run(env, "datasets", "delete", created["id"], "--yes")
    assert run_json(env, "datasets", "list", "--name", "cli dataset") == []


def test_errors_and_usage_have_their_exit_codes(env: dict[str, str]) -> None:
    missing = run(env, "projects", "show", "no-such-project", code=1)
    assert "not found" in missing
    run(env, "projects", "create", code=2)  # --name is required
    run(env, "projects", "create", "--name", "x", "--media-type", "PHOTO", code=2)
    run(env, "no-such-command", code=2)
    bad_key = runner.invoke(app, ["whoami"], env={**env, "LABELBOX_API_KEY": "wrong"})
    assert bad_key.exit_code == 1
    assert "wrong" not in bad_key.output


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "photos"
    (root / "a").mkdir(parents=True)
    (root / "a" / "one.png").write_bytes(b"\x89PNG one")
    (root / "two.png").write_bytes(b"\x89PNG two")
    (root / "notes.txt").write_text("not a photo")
    return root


def test_upload_a_folder_resumably(env: dict[str, str], client: lb.Client, folder: Path) -> None:
    dataset = client.create_dataset(name="cli upload")
    summary = run_json(env, "data-rows", "upload", dataset.uid, str(folder), "--glob", "*.png")
    assert isinstance(summary, dict)
    assert (summary["created"], summary["skipped"], summary["failed"]) == (2, 0, 0)
    assert sorted(row.external_id or "" for row in dataset.data_rows()) == ["a/one.png", "two.png"]
    # Re-running skips what is there; a new file is added.
    (folder / "three.png").write_bytes(b"\x89PNG three")
    summary = run_json(env, "data-rows", "upload", dataset.uid, str(folder), "--glob", "*.png")
    assert isinstance(summary, dict)
    assert (summary["created"], summary["skipped"], summary["failed"]) == (1, 2, 0)
    assert sorted(row.external_id or "" for row in dataset.data_rows()) == [
        "a/one.png",
        "three.png",
        "two.png",
    ]


def test_upload_a_manifest_reports_every_failed_row(
    env: dict[str, str], client: lb.Client, tmp_path: Path
) -> None:
    dataset = client.create_dataset(name="cli manifest")
    taken = client.create_dataset(name="cli manifest keys")
    taken.create_data_row(row_data="https://example.com/taken.jpg", global_key="cli-taken")
    manifest = tmp_path / "rows.ndjson"
    manifest.write_text(
        "\n".join(
            json.dumps(row)
            for row in [
                {"row_data": "https://example.com/1.jpg", "global_key": "cli-1"},
                {"row_data": "https://example.com/2.jpg", "global_key": "cli-taken"},
            ]
        )
    )
    result = runner.invoke(
        app, ["--json", "data-rows", "upload", dataset.uid, str(manifest)], env=env
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(result.output)
    assert summary["failed"] >= 1
    assert any(f["global_key"] == "cli-taken" for f in summary["failures"])


def test_upload_rejects_bad_manifests_before_sending(env: dict[str, str], tmp_path: Path) -> None:
    manifest = tmp_path / "rows.ndjson"
    manifest.write_text('{"row_data": "https://example.com/1.jpg"}\nnot json\n')
    output = run(env, "data-rows", "upload", "some-dataset", str(manifest), code=1)
    assert f"{manifest}:2" in output


def test_errors_print_long_paths_and_brackets_whole(env: dict[str, str], tmp_path: Path) -> None:
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4) / "[draft]"
    folder.mkdir(parents=True)
    manifest = folder / "rows.ndjson"
    manifest.write_text("not json\n")
    output = run(env, "data-rows", "upload", "some-dataset", str(manifest), code=1)
    assert f"error: {manifest}:1: not JSON" in output  # no line breaks, no markup eaten


def test_export_data_rows_to_a_file_and_stdout(
    env: dict[str, str], client: lb.Client, tmp_path: Path
) -> None:
    dataset = client.create_dataset(name="cli export")
    dataset.create_data_rows_sync(
        [{"row_data": f"https://example.com/{n}.jpg", "external_id": f"e{n}"} for n in range(3)]
    )
    out = tmp_path / "rows.ndjson"
    run(env, "export", "data-rows", dataset.uid, "-o", str(out))
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(line["external_id"] for line in lines) == ["e0", "e1", "e2"]
    printed = run(env, "export", "data-rows", dataset.uid)
    assert sorted(json.loads(line)["external_id"] for line in printed.splitlines()) == [
        "e0",
        "e1",
        "e2",
    ]


def test_schema_pull_and_diff(env: dict[str, str], tmp_path: Path) -> None:
    pulled = tmp_path / "live.graphql"
    run(env, "schema", "pull", "-o", str(pulled))
    assert "type Project" in pulled.read_text()
    assert run_json(env, "schema", "diff") == []  # the live API is the SDK's contract
    assert run_json(env, "schema", "diff", str(pulled)) == []
    broken = tmp_path / "broken.graphql"
    broken.write_text(pulled.read_text().replace("  rowCount: Int!\n", ""))
    changes = run_json(env, "schema", "diff", str(broken), code=1)
    assert changes == [
        {
            "kind": "breaking",
            "change": "FIELD_REMOVED",
            "description": "Field Dataset.rowCount was removed.",
        }
    ]


@pytest.fixture
def no_extra(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "typer" else real(name, *a)
    )
    yield


def test_without_the_cli_extra_the_command_names_it(
    no_extra: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from labelbox import cli

    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == 2
    assert "labelbox-typed[cli]" in capsys.readouterr().err


def test_ontology_create_and_show(env: dict[str, str], tmp_path: Path) -> None:
    normalized = tmp_path / "ontology.json"
    normalized.write_text(
        json.dumps({"tools": [{"tool": "rectangle", "name": "car"}], "classifications": []})
    )
    created = run_json(
        env, "ontology", "create", "--name", "cli ontology", "--from-json", str(normalized)
    )
    assert isinstance(created, dict)
    tools = created["normalized"]["tools"]
    assert [(t["tool"], t["name"]) for t in tools] == [("rectangle", "car")]
    assert tools[0]["featureSchemaId"]
    shown = run_json(env, "ontology", "show", created["id"])
    assert shown == created
    assert "car" in run(env, "ontology", "show", created["id"])
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {"tools": [{"tool": "rectangle", "name": "x"}, {"tool": "polygon", "name": "x"}]}
        )
    )
    assert "x" in run(env, "ontology", "create", "--name", "dup", "--from-json", str(bad), code=1)


def test_label_imports_report_each_annotation_and_labels_export(
    env: dict[str, str], client: lb.Client, tmp_path: Path
) -> None:
    from labelbox.schema.ontology import OntologyBuilder, Tool

    ontology = client.create_ontology(
        "cli labels", OntologyBuilder(tools=[Tool(tool=Tool.Type.BBOX, name="car")])
    )
    project = client.create_project(name="cli labels", media_type=lb.MediaType.Image)
    project.setup_editor(ontology)
    dataset = client.create_dataset(name="cli labels")
    dataset.create_data_rows_sync(
        [{"row_data": f"https://example.com/{n}.jpg", "external_id": f"l{n}"} for n in range(2)]
    )
    rows = sorted(dataset.data_rows(), key=lambda r: r.external_id or "")
    project.create_batch("cli batch", [r.uid for r in rows])
    box = {"top": 1, "left": 2, "height": 3, "width": 4}
    annotations = tmp_path / "labels.ndjson"
    annotations.write_text(
        "\n".join(
            json.dumps(a)
            for a in [
                {
                    "uuid": "9f5a1a6c-1e3b-4a5e-8f3e-000000000001",
                    "dataRow": {"id": rows[0].uid},
                    "name": "car",
                    "bbox": box,
                },
                {
                    "uuid": "9f5a1a6c-1e3b-4a5e-8f3e-000000000002",
                    "dataRow": {"id": rows[1].uid},
                    "name": "boat",
                    "bbox": box,
                },
            ]
        )
    )
    result = runner.invoke(
        app,
        ["--json", "imports", "create", project.uid, str(annotations), "--name", "cli import"],
        env=env,
    )
    assert result.exit_code == 1, result.output
    summary = json.loads(result.output)
    assert (summary["annotations"], summary["failed"]) == (2, 1)
    by_uuid = {s["uuid"]: s["status"] for s in summary["statuses"]}
    assert by_uuid == {
        "9f5a1a6c-1e3b-4a5e-8f3e-000000000001": "SUCCESS",
        "9f5a1a6c-1e3b-4a5e-8f3e-000000000002": "FAILURE",
    }
    exported = run(env, "export", "labels", project.uid)
    labels = [json.loads(line) for line in exported.splitlines()]
    assert [label["External ID"] for label in labels] == ["l0"]
