"""Golden tests of our codegen plugins, as ariadne-codegen tests its own generator.

Each case under `cases/` has a small schema, operations and a stand-in SDK package (`sdk/`,
whose classes the entities plugin finds by reading their source). The repository's own
codegen config is run on it, and the files our plugins write or rewrite are compared byte
for byte with `expected/`. Run from the codegen venv (`make codegen-check` does);
`UPDATE_GOLDEN=1` rewrites the expected files after a deliberate change: review the diff.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parent / "cases"
#: The files our plugins produce or change (ariadne-codegen's own files are its business).
COMPARED = ("__init__.py", "async_client.py", "client.py", "entities.py")


def _config(case: Path, target: Path) -> dict[str, object]:
    config = tomllib.loads((ROOT / "codegen" / "ariadne.toml").read_text())
    settings = config["tool"]["ariadne-codegen"]
    settings["schema_path"] = str(case / "schema.graphql")
    settings["queries_path"] = str(case / "queries")
    settings["target_package_path"] = str(target)
    settings["base_client_file_path"] = str(ROOT / "codegen" / "runtime" / "base_client.py")
    options = config["tool"]["labelbox-codegen"]
    options.update(sdk_package="sdk", root=str(case), input_exclude={})
    extra = case / "options.toml"
    if extra.exists():
        options.update(tomllib.loads(extra.read_text()))
    return config


def generate(case: Path, target: Path) -> subprocess.CompletedProcess[str]:
    """Run the code generator with our plugins on `case`, into `target/_generated`."""
    code = "import json, sys; from ariadne_codegen.main import client; client(json.load(sys.stdin))"
    return subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(_config(case, target)),
        cwd=target,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_generated_files_match_the_expected_ones(case: str, tmp_path: Path) -> None:
    case_dir = CASES / case
    result = generate(case_dir, tmp_path)
    assert result.returncode == 0, result.stderr
    expected_dir = case_dir / "expected"
    for name in COMPARED:
        produced = (tmp_path / "_generated" / name).read_text()
        expected = expected_dir / name
        if os.environ.get("UPDATE_GOLDEN"):
            expected_dir.mkdir(exist_ok=True)
            expected.write_text(produced)
        assert produced == expected.read_text(), f"{case}/{name} differs"


def test_a_misnamed_relationship_is_an_error(tmp_path: Path) -> None:
    case = tmp_path / "case"
    (case / "queries").mkdir(parents=True)
    (case / "sdk").mkdir()
    schema = (CASES / "relationships" / "schema.graphql").read_text()
    (case / "schema.graphql").write_text(schema)
    (case / "sdk" / "things.py").write_text(
        (CASES / "relationships" / "sdk" / "things.py").read_text()
    )
    (case / "queries" / "q.graphql").write_text(
        (CASES / "relationships" / "queries" / "fragments.graphql").read_text()
        + "\nquery GetTeamLeaderPyApi($id: ID!) { team(where: {id: $id}) { leader { uid: id } } }\n"
    )
    out = tmp_path / "out"
    out.mkdir()
    result = generate(case, out)
    assert result.returncode != 0
    assert "GetTeamLeaderPyApi is named like a relationship of Team" in result.stderr


def test_a_private_class_named_like_a_generated_base_is_not_its_sdk_class(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "sdk_classes", ROOT / "codegen" / "plugins" / "sdk_classes.py"
    )
    assert spec is not None and spec.loader is not None
    sdk_classes = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = sdk_classes  # dataclasses look their module up
    spec.loader.exec_module(sdk_classes)
    scan = sdk_classes.scan

    sdk = tmp_path / "sdk"
    sdk.mkdir()
    (sdk / "ontology.py").write_text("class Ontology(OntologyBase):\n    pass\n")
    (sdk / "private.py").write_text("class OntologyBase:\n    pass\n")
    (sdk / "parts.py").write_text(
        "from sdk.private import OntologyBase\n\n\nclass Part(OntologyBase):\n    pass\n"
    )
    assert scan("sdk", tmp_path).subclass_of("OntologyBase") == "sdk.ontology.Ontology"
