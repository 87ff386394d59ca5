"""Setting a project up: its labeling frontend, its ontology, its instructions."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox.schema._ontology.builder import OntologyBuilder
from labelbox.schema._project.base import ProjectPart

if TYPE_CHECKING:
    from labelbox.schema.labeling_frontend import LabelingFrontend
    from labelbox.schema.ontology import Ontology, OntologyDict

logger = logging.getLogger(__name__)

EDITOR = "Editor"
INSTRUCTION_TYPES = {".pdf": "application/pdf", ".html": "text/html"}
EMPTY_ONTOLOGY = json.dumps({"tools": [], "classifications": []})


class ProjectSetup(ProjectPart):
    def setup_editor(self, ontology: Ontology) -> None:
        """Set the project up with the `Editor` and an existing ontology (no copy is made).

        A project is set up once: `ResourceConflict` if it already has a labeling frontend.
        """
        from labelbox.schema.labeling_frontend import LabelingFrontend
        from labelbox.schema.ontology import Ontology

        if not isinstance(ontology, Ontology):
            raise TypeError(f"setup_editor takes an Ontology, got {type(ontology).__name__}")
        project = self._project
        self._check_not_set_up()
        editor = project.client.get_labeling_frontends(
            where=LabelingFrontend.name == EDITOR
        ).get_one()
        if editor is None:
            raise exceptions.ResourceNotFoundError(LabelingFrontend, {"name": EDITOR})
        ops = project._gateway.ops
        project.labeling_frontend.connect(editor)
        ops.create_labeling_frontend_options_py_api(project.uid, editor.uid, EMPTY_ONTOLOGY)
        ops.connect_ontology_py_api(project.uid, ontology.uid)
        self._complete_setup()

    def setup(
        self,
        labeling_frontend: LabelingFrontend,
        labeling_frontend_options: OntologyDict | Mapping[str, Any] | str,
    ) -> None:
        """Set the project up with a labeling frontend and its options.

        `labeling_frontend_options` is the project's ontology (a dict, such as
        `OntologyBuilder.asdict()`, or its JSON text); the project gets an ontology made
        from it. An inconsistent ontology raises `InconsistentOntologyException` before
        anything is sent; a project already set up raises `ResourceConflict`.
        """
        project = self._project
        if isinstance(labeling_frontend_options, str):
            text = labeling_frontend_options
            parsed = _json_object(text)
        else:
            text = json.dumps(labeling_frontend_options)
            parsed = dict(labeling_frontend_options)
        if parsed is not None and ("tools" in parsed or "classifications" in parsed):
            OntologyBuilder.from_dict(parsed).asdict()  # checks every node
        self._check_not_set_up()
        project.labeling_frontend.connect(labeling_frontend)
        project._gateway.ops.create_labeling_frontend_options_py_api(
            project.uid, labeling_frontend.uid, text
        )
        self._complete_setup()

    def upsert_instructions(self, instructions_file: str | Path) -> None:
        """Attach instructions (a local `.pdf` or `.html` file) to the project's ontology;
        running it again replaces them.

        Raises `ValueError` if the file is of another type or missing, or if the project
        is not set up yet.
        """
        project = self._project
        path = Path(instructions_file)
        content_type = INSTRUCTION_TYPES.get(path.suffix.lower())
        if content_type is None:
            raise ValueError(f"instructions_file must be a pdf or html file. Found {path}")
        if not path.is_file():
            raise ValueError(f"instructions_file {path} does not exist")
        if project.setup_complete is None:
            raise ValueError("Cannot attach instructions to a project that has not been set up.")
        frontend = project.labeling_frontend()
        if frontend is not None and frontend.name != EDITOR:
            logger.warning(
                "Instructions were only tested with the Editor frontend; found %s", frontend.name
            )
        gateway = project._gateway
        with path.open("rb") as stream:
            url = gateway.upload(stream, path.stat().st_size, path.name, content_type)
        gateway.ops.set_project_instructions_py_api(project.uid, url)

    def _check_not_set_up(self) -> None:
        if self._project.labeling_frontend() is not None:
            raise exceptions.ResourceConflict("Editor is already set up.")

    def _complete_setup(self) -> None:
        self._project.update(setup_complete=datetime.now(timezone.utc))


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
