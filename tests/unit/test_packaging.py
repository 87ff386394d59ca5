"""What `import labelbox` loads, and what the package ships."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import labelbox

#: Touches every public name, which loads its module (`import labelbox` itself loads none).
EVERY_NAME = "import json, sys, labelbox\nfor name in labelbox.__all__: getattr(labelbox, name)\n"


def test_importing_the_sdk_loads_no_server_or_codegen_code() -> None:
    code = EVERY_NAME + "print(json.dumps(sorted(sys.modules)))"
    modules = json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))
    forbidden = (
        "labelbox_server",
        "ariadne",
        "ariadne_codegen",
        "starlette",
        "sqlalchemy",
        "uvicorn",
        "graphql",
        "jinja2",
    )
    loaded = [m for m in modules if m.split(".")[0] in forbidden]
    assert loaded == []
    assert "labelbox._generated" in modules


#: The generated modules the whole public surface loads: fixed, however many operations there
#: are, and none holding a pydantic model.
LEAN_GENERATED_MODULES = [
    "labelbox._generated",
    "labelbox._generated.entities",
    "labelbox._generated.enums",
]


def test_the_public_surface_loads_no_operation_result_model() -> None:
    modules = json.loads(
        subprocess.check_output(
            [sys.executable, "-c", EVERY_NAME + "print(json.dumps(sorted(sys.modules)))"], text=True
        )
    )
    generated = [m for m in modules if m.startswith("labelbox._generated")]
    assert generated == LEAN_GENERATED_MODULES


def test_importing_the_sdk_loads_only_the_package_and_its_exceptions() -> None:
    code = "import json, sys, labelbox; print(json.dumps(sorted(sys.modules)))"
    modules = json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))
    assert [m for m in modules if m.startswith("labelbox")] == [
        "labelbox",
        "labelbox._version",
        "labelbox.exceptions",
    ]
    assert "pydantic" not in modules
    assert "httpx" not in modules


def test_the_client_surface_builds_no_pydantic_model() -> None:
    code = (
        "import json, sys, labelbox\n"
        "for name in ['Client', 'Project', 'Dataset', 'DataRow', 'Task', 'User']:\n"
        "    getattr(labelbox, name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    modules = json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))
    assert "pydantic.main" not in modules
    generated = [m for m in modules if m.startswith("labelbox._generated")]
    assert generated == LEAN_GENERATED_MODULES


def test_every_lazily_exported_name_is_imported_for_type_checkers() -> None:
    # `labelbox/__init__.py` lists each public name twice: in `_EXPORTS` (where it loads
    # from) and under `TYPE_CHECKING` (so that mypy and IDEs see its type). They must agree.
    tree = ast.parse(Path(labelbox.__file__).read_text())
    typed: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for stmt in node.body:
                assert isinstance(stmt, ast.ImportFrom)
                for alias in stmt.names:
                    module = stmt.module or ""
                    typed[alias.name] = module if module != "labelbox" else f"labelbox.{alias.name}"
    assert typed == labelbox._EXPORTS


def test_importing_the_sdk_needs_no_progress_bar_or_cli_library() -> None:
    # With rich, typer and click unimportable, `import labelbox` still works: none is imported
    # at import time (httpx imports click and rich for its own CLI when they are installed).
    code = (
        "import sys\n"
        "for name in ('rich', 'typer', 'click'): sys.modules[name] = None\n"
        "import labelbox\n"
        "for name in labelbox.__all__: getattr(labelbox, name)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_generated_result_models_load_when_an_operation_is_used() -> None:
    code = (
        "import json, sys, labelbox\n"
        "client = labelbox.Client(api_key='k', endpoint='http://127.0.0.1:9/graphql')\n"
        "before = set(sys.modules)\n"
        "client._gateway.ops  # the generated client itself\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    loaded = json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))
    assert "labelbox._generated.client" in loaded
    assert not [m for m in loaded if m.endswith("_py_api")]


def test_the_package_is_marked_typed() -> None:
    assert resources.files("labelbox").joinpath("py.typed").is_file()


def test_the_reference_top_level_names_of_this_slice_are_exported() -> None:
    for name in [
        "Client",
        "Project",
        "Dataset",
        "User",
        "Organization",
        "LabelingFrontend",
        "MediaType",
    ]:
        assert hasattr(labelbox, name), name
    for module in ["client", "exceptions", "pagination", "schema", "orm"]:
        assert hasattr(labelbox, module), module
    assert labelbox.__version__ == "3.36.0"
