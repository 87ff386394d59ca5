"""`OntologyBuilder`: an ontology's tools and classifications, built in Python."""

from __future__ import annotations

import colorsys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from labelbox.exceptions import InconsistentOntologyException, ResourceNotFoundError
from labelbox.schema._ontology.nodes import (
    Classification,
    Tool,
    _classification,
    _items,
    _mapping,
    _tool,
)
from labelbox.schema._ontology.types import OntologyDict

if TYPE_CHECKING:
    from labelbox.schema.ontology import Ontology
    from labelbox.schema.project import Project


@dataclass
class OntologyBuilder:
    """The tools and classifications of an ontology.

    >>> builder = OntologyBuilder(tools=[Tool(tool=Tool.Type.BBOX, name="car")])
    >>> ontology = client.create_ontology("vehicles", builder.asdict())

    `asdict()` gives the normalized JSON (an `OntologyDict`), checked first: two tools (or
    two top-level classifications) with one name raise `InconsistentOntologyException`, as
    do the problems `Tool.asdict()` and `Classification.asdict()` find. Tools without a
    color get one. `from_dict(ontology.normalized).asdict() == ontology.normalized` holds
    for every ontology the server returns. `project_instructions` is the URL
    `Project.upsert_instructions` attached (None when there is none).
    """

    tools: list[Tool] = field(default_factory=list)
    classifications: list[Classification] = field(default_factory=list)
    project_instructions: str | None = None

    @classmethod
    def from_dict(cls, dictionary: Mapping[str, Any]) -> OntologyBuilder:
        data = _mapping(dictionary, "normalized")
        instructions = data.get("projectInstructions")
        if instructions is not None and not isinstance(instructions, str):
            raise InconsistentOntologyException("projectInstructions: expected a URL string")
        return cls(
            tools=[
                _tool(t, f"tools[{i}]") for i, t in enumerate(_items(data.get("tools"), "tools"))
            ],
            classifications=[
                _classification(c, f"classifications[{i}]")
                for i, c in enumerate(_items(data.get("classifications"), "classifications"))
            ],
            project_instructions=instructions,
        )

    @classmethod
    def from_project(cls, project: Project) -> OntologyBuilder:
        """The builder of a project's ontology (`ResourceNotFoundError` if it has none)."""
        ontology = project.ontology()
        if ontology is None:
            raise ResourceNotFoundError("Ontology", {"project": project.uid})
        return cls.from_dict(ontology.normalized)

    @classmethod
    def from_ontology(cls, ontology: Ontology) -> OntologyBuilder:
        return cls.from_dict(ontology.normalized)

    def asdict(self) -> OntologyDict:
        self._check()
        self._update_colors()
        normalized: OntologyDict = {
            "tools": [t.asdict() for t in self.tools],
            "classifications": [c.asdict() for c in self.classifications],
        }
        if self.project_instructions is not None:
            normalized["projectInstructions"] = self.project_instructions
        return normalized

    def add_tool(self, tool: Tool) -> None:
        """Add a tool (its name must be new in the ontology)."""
        if not isinstance(tool, Tool):
            raise InconsistentOntologyException(f"Expected a Tool, got {tool!r}")
        if tool.name in (t.name for t in self.tools):
            raise InconsistentOntologyException(f"Duplicate tool name '{tool.name}'. ")
        self.tools.append(tool)

    def add_classification(self, classification: Classification) -> None:
        """Add a top-level classification (its instructions must be new in the ontology)."""
        if not isinstance(classification, Classification):
            raise InconsistentOntologyException(
                f"Expected a Classification, got {classification!r}"
            )
        if classification.instructions in (c.instructions for c in self.classifications):
            raise InconsistentOntologyException(
                f"Duplicate classification instructions '{classification.instructions}'. "
            )
        self.classifications.append(classification)

    def _check(self) -> None:
        names: set[str] = set()
        for index, tool in enumerate(self.tools):
            if not isinstance(tool, Tool):
                raise InconsistentOntologyException(
                    f"tools[{index}]: expected a Tool, got {tool!r}"
                )
            if tool.name in names:
                raise InconsistentOntologyException(f"Duplicate tool name '{tool.name}'. ")
            names.add(tool.name)
        instructions: set[str] = set()
        for index, classification in enumerate(self.classifications):
            if not isinstance(classification, Classification):
                raise InconsistentOntologyException(
                    f"classifications[{index}]: expected a Classification, got {classification!r}"
                )
            if classification.instructions in instructions:
                raise InconsistentOntologyException(
                    f"Duplicate classification instructions '{classification.instructions}'. "
                )
            instructions.add(classification.instructions)

    def _update_colors(self) -> None:
        """Give every tool without a color one, spread around the hue circle."""
        count = len(self.tools)
        for index, tool in enumerate(self.tools):
            if tool.color is None:
                rgb = tuple(int(255 * x) for x in colorsys.hsv_to_rgb(index / count, 1, 1))
                tool.color = "#" + "".join(f"{c:02x}" for c in rgb)
