"""Helpers for tests that need labels: an ontology with every kind of feature, a project set
up with it, and label imports."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import labelbox as lb
from labelbox.schema.annotation_import import AnnotationStatus, LabelImport
from labelbox.schema.ontology import Classification, Ontology, OntologyBuilder, Option, Tool

_names = itertools.count(1)


def every_kind() -> OntologyBuilder:
    """Every tool, classification and nesting the label import takes."""
    return OntologyBuilder(
        tools=[
            Tool(
                tool=Tool.Type.BBOX,
                name="box",
                classifications=[
                    Classification(
                        Classification.Type.RADIO,
                        "color",
                        options=[
                            Option(
                                "black",
                                options=[
                                    Classification(
                                        Classification.Type.CHECKLIST,
                                        "shades",
                                        options=[Option("dark"), Option("matte")],
                                    )
                                ],
                            ),
                            Option("white"),
                        ],
                    )
                ],
            ),
            Tool(tool=Tool.Type.POLYGON, name="polygon"),
            Tool(tool=Tool.Type.LINE, name="line"),
            Tool(tool=Tool.Type.POINT, name="point"),
            Tool(tool=Tool.Type.SEGMENTATION, name="mask"),
            Tool(tool=Tool.Type.RASTER_SEGMENTATION, name="raster"),
            Tool(tool=Tool.Type.NER, name="entity"),
        ],
        classifications=[
            Classification(
                Classification.Type.RADIO,
                "mood",
                options=[
                    Option("happy", options=[Classification(Classification.Type.TEXT, "why")]),
                    Option("sad"),
                ],
            ),
            Classification(
                Classification.Type.CHECKLIST, "tags", options=[Option("cute"), Option("fat")]
            ),
            Classification(Classification.Type.TEXT, "note"),
        ],
    )


@dataclass
class Setup:
    """A project set up with `every_kind()`, and a dataset of its rows."""

    project: lb.Project
    dataset: lb.Dataset
    ontology: Ontology
    rows: list[lb.DataRow]

    def feature(self, *names: str) -> dict[str, Any]:
        """The normalized node at a path of names (tool or classification, then nested
        classifications and options by name or value)."""
        normalized: Any = self.ontology.normalized
        node: Any = None
        for name in names:
            if node is None:
                candidates = [*normalized["tools"], *normalized["classifications"]]
            else:
                candidates = node.get("classifications", []) + node.get("options", [])
            node = next(c for c in candidates if name in (c.get("name"), c.get("value")))
        assert node is not None
        return dict(node)

    def schema_id(self, *names: str) -> str:
        return str(self.feature(*names)["featureSchemaId"])


def set_up(client: lb.Client, row_data: Sequence[str]) -> Setup:
    """A new project with the every-kind ontology and a dataset of these rows."""
    name = f"labels {next(_names)} {uuid.uuid4().hex[:6]}"
    project = client.create_project(name=name)
    dataset = client.create_dataset(name=name, projects=project)
    rows = [
        dataset.create_data_row(row_data=data, external_id=f"r{i}")
        for i, data in enumerate(row_data)
    ]
    ontology = client.create_ontology(name, every_kind().asdict())
    project.setup_editor(ontology)
    return Setup(project, dataset, ontology, rows)


def annotation(row: lb.DataRow, **fields: Any) -> dict[str, Any]:
    return {"uuid": str(uuid.uuid4()), "dataRow": {"id": row.uid}, **fields}


def import_labels(
    client: lb.Client, project: lb.Project, rows: list[dict[str, Any]]
) -> LabelImport:
    """A finished label import of these annotations."""
    label_import = LabelImport.create_from_objects(
        client, project.uid, f"import {uuid.uuid4()}", rows
    )
    label_import.wait_until_done(sleep_time_seconds=1)
    return label_import


def status_row_id(status: AnnotationStatus) -> str:
    """The data row id of an import status (these tests' annotations all name one)."""
    row = status["dataRow"]
    assert row is not None, status
    return row["id"]
