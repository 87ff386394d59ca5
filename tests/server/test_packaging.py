"""What the `labelbox_server` package ships, and how it behaves without the `server` extra.

The wheel is built from this checkout and installed, without extras, into a fresh venv: the
`labelbox-server` command, `python -m labelbox_server`, `LocalServer` and the pytest plugin
must name the extra to install instead of failing with a bare `ModuleNotFoundError`.
"""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from labelbox_server.extra import INSTALL_HINT

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    (built,) = out.glob("labelbox_typed-*.whl")
    return built


@pytest.fixture(scope="module")
def sdk_only(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Iterator[Path]:
    """The bin directory of a venv with the SDK (no extras) and pytest installed."""
    root = tmp_path_factory.mktemp("sdk-only")
    venv.create(root, with_pip=True)
    bin_dir = root / "bin"
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel), "pytest"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    yield bin_dir


def _run(command: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd)


def test_the_server_package_is_marked_typed(wheel: Path) -> None:
    assert resources.files("labelbox_server").joinpath("py.typed").is_file()
    assert "labelbox_server/py.typed" in zipfile.ZipFile(wheel).namelist()


def test_users_tests_importing_local_server_pass_mypy_strict(tmp_path: Path) -> None:
    user_test = tmp_path / "test_mine.py"
    user_test.write_text(
        "from labelbox_server import LocalServer\n\n\n"
        "def start() -> LocalServer:\n"
        "    return LocalServer().start()\n"
    )
    result = _run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "."],
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_the_command_without_the_server_extra_names_the_extra(sdk_only: Path) -> None:
    for command in (
        [str(sdk_only / "labelbox-server"), "--help"],
        [str(sdk_only / "python"), "-m", "labelbox_server", "serve", "--data-dir", "x"],
    ):
        result = _run(command)
        assert result.returncode == 1, result
        assert INSTALL_HINT in result.stderr
        assert "Traceback" not in result.stderr, result.stderr


@pytest.mark.slow
def test_local_server_without_the_server_extra_names_the_extra(sdk_only: Path) -> None:
    code = (
        "from labelbox_server import LocalServer\n"
        "from labelbox_server.extra import ServerExtraMissing\n"
        "try:\n"
        "    LocalServer().start()\n"
        "except ServerExtraMissing as error:\n"
        "    assert isinstance(error, ModuleNotFoundError)\n"
        "    print(error)\n"
    )
    result = _run([str(sdk_only / "python"), "-c", code])
    assert result.returncode == 0, result.stderr
    assert INSTALL_HINT in result.stdout and "sqlalchemy" in result.stdout


@pytest.mark.slow
def test_the_pytest_plugin_without_the_server_extra_fails_only_its_users(
    sdk_only: Path, tmp_path: Path
) -> None:
    (tmp_path / "test_user.py").write_text(
        "def test_without_the_server() -> None:\n"
        "    assert 1 + 1 == 2\n\n\n"
        "def test_with_the_server(labelbox_server) -> None:\n"
        "    raise AssertionError('the fixture should not have been set up')\n"
    )
    result = _run(
        [str(sdk_only / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", "."],
        cwd=tmp_path,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "1 passed, 1 error" in output
    assert INSTALL_HINT in output
    assert "should not have been set up" not in output
    assert "Traceback" not in output
