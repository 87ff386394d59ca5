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
