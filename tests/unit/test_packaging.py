"""What `import labelbox` loads, and what the package ships."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import labelbox


def test_importing_the_sdk_loads_no_server_or_codegen_code() -> None:
    code = "import json, sys, labelbox; print(json.dumps(sorted(sys.modules)))"
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


#: The generated modules `import labelbox` loads: fixed, however many operations there are.
LEAN_GENERATED_MODULES = [
    "labelbox._generated",
    "labelbox._generated.entities",
    "labelbox._generated.enums",
]


def test_importing_the_sdk_loads_no_operation_model_and_no_pydantic_model() -> None:
    code = "import json, sys, labelbox; print(json.dumps(sorted(sys.modules)))"
    modules = json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))
    generated = [m for m in modules if m.startswith("labelbox._generated")]
    assert generated == LEAN_GENERATED_MODULES
    # pydantic itself may be imported (cheaply); its model machinery is not.
    assert "pydantic.main" not in modules


def test_importing_the_sdk_needs_no_progress_bar_or_cli_library() -> None:
    # With rich, typer and click unimportable, `import labelbox` still works: none is imported
    # at import time (httpx imports click and rich for its own CLI when they are installed).
    code = (
        "import sys\n"
        "for name in ('rich', 'typer', 'click'): sys.modules[name] = None\n"
        "import labelbox\n"
        "assert labelbox.Client\n"
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
