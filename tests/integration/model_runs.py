"""Helpers of the model-run tests: a labeled project and a model run of its rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import labelbox as lb
from labelbox.schema.model import Model
from labelbox.schema.model_run import ModelRun

from .labeling import Setup, annotation, import_labels, set_up

IMAGE = "https://storage.example.com/cats/{}.jpg"


@dataclass
class RunSetup:
    """A project (every-kind ontology) with 3 image rows, the first two labeled, and a
    model on the same ontology with one run."""

    setup: Setup
    model: Model
    run: ModelRun

    @property
    def rows(self) -> list[lb.DataRow]:
        return self.setup.rows

    def box(self, row: lb.DataRow, **extra: Any) -> dict[str, Any]:
        """A rectangle prediction of the `box` tool on the row."""
        return annotation(
            row, name="box", bbox={"top": 1, "left": 2, "height": 3, "width": 4}, **extra
        )


def run_setup(client: lb.Client, config: dict[str, Any] | None = None) -> RunSetup:
    setup = set_up(client, [IMAGE.format(i) for i in range(3)])
    import_labels(client, setup.project, [_box(setup, row) for row in setup.rows[:2]])
    model = client.create_model(f"model {uuid.uuid4().hex[:8]}", setup.ontology.uid)
    run = model.create_model_run("run 1", config=config)
    return RunSetup(setup, model, run)


def _box(setup: Setup, row: lb.DataRow) -> dict[str, Any]:
    return annotation(row, name="box", bbox={"top": 10, "left": 20, "height": 30, "width": 40})
