"""`make dist-check`: the package as users get it.

The wheel and the sdist are built from this checkout; the wheel alone is installed into a
clean venv (its dependencies from the package index), imported, and used against a local
server running from the project's venv. The base install must pull in the runtime
dependencies and nothing else.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from server_process import Server, running_server  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DISTRIBUTION = "labelbox-typed"
#: Installed in every new venv, whatever the package needs.
VENV_TOOLS = {"pip", "setuptools", "wheel"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = out.glob("labelbox_typed-*.whl")
    (sdist,) = out.glob("labelbox_typed-*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


@pytest.fixture(scope="module")
def clean_venv(tmp_path_factory: pytest.TempPathFactory, built: dict[str, Path]) -> Path:
    """The python of a fresh venv holding the wheel and its dependencies only."""
    root = tmp_path_factory.mktemp("clean")
    venv.create(root, with_pip=True)
    python = root / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(built["wheel"])],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return python


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server("lb-dist-") as running:
        yield running


def _python(python: Path, code: str, **env: str) -> str:
    result = subprocess.run(
        [str(python), "-P", "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_wheel_has_its_own_name_and_version_and_follows_3_36_0(
    built: dict[str, Path], clean_venv: Path
) -> None:
    out = _python(
        clean_venv,
        "import json, importlib.metadata as m, labelbox\n"
        "print(json.dumps([m.version('labelbox-typed'), labelbox.__distribution_version__,"
        " labelbox.__version__]))",
    )
    dist_version, reported, api_version = json.loads(out)
    assert dist_version == reported
    assert api_version == "3.36.0"
    assert built["wheel"].name.startswith(f"labelbox_typed-{dist_version}-")


def test_the_base_install_pulls_only_the_runtime_dependencies(clean_venv: Path) -> None:
    out = _python(
        clean_venv,
        "import json, importlib.metadata as m\n"
        "from pip._vendor.packaging.requirements import Requirement\n"
        "installed = {d.metadata['Name'].lower().replace('_', '-') for d in m.distributions()}\n"
        "def closure(names):\n"
        "    seen, todo = set(), list(names)\n"
        "    while todo:\n"
        "        name = todo.pop().lower().replace('_', '-')\n"
        "        if name in seen: continue\n"
        "        seen.add(name)\n"
        "        for text in m.requires(name) or []:\n"
        "            req = Requirement(text)\n"
        "            if req.marker is None or req.marker.evaluate({'extra': ''}):\n"
        "                todo.append(req.name)\n"
        "    return seen\n"
        "print(json.dumps({'installed': sorted(installed), 'needed': sorted(closure(['labelbox-typed']))}))",
    )
    sets = json.loads(out)
    extra = set(sets["installed"]) - set(sets["needed"]) - VENV_TOOLS
    assert extra == set()
    direct = {"httpx", "pydantic", "typing-extensions"}
    assert direct <= set(sets["needed"])
    for heavy in ("rich", "typer", "ariadne", "sqlalchemy", "starlette", "uvicorn"):
        assert heavy not in sets["installed"]


def test_the_installed_sdk_talks_to_a_local_server(clean_venv: Path, server: Server) -> None:
    out = _python(
        clean_venv,
        "import os, labelbox\n"
        "client = labelbox.Client(api_key=os.environ['KEY'], endpoint=os.environ['ENDPOINT'])\n"
        "project = client.create_project(name='from the wheel')\n"
        "print(client.get_project(project.uid).name, client.get_user().email)",
        KEY=server.api_key,
        ENDPOINT=server.endpoint,
    )
    assert out.startswith("from the wheel ")
    assert "@" in out.split()[-1]


def test_the_sdist_holds_the_sources_and_the_contract(built: dict[str, Path]) -> None:
    with tarfile.open(built["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for path in (
        "pyproject.toml",
        "README.md",
        "schema/labelbox.graphql",
        "labelbox/__init__.py",
        "labelbox/py.typed",
        "labelbox/_generated/entities.py",
        "labelbox_server/__init__.py",
        "labelbox_server/py.typed",
    ):
        assert path in names, path


def test_the_wheel_carries_the_contract_for_the_server(built: dict[str, Path]) -> None:
    names = zipfile.ZipFile(built["wheel"]).namelist()
    assert "labelbox_server/graphql/labelbox.graphql" in names
    assert "labelbox/py.typed" in names
    assert not [n for n in names if n.startswith(("tests/", "codegen/", "bench/"))]
