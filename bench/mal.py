"""Model-assisted labeling scenarios (registered into `scenarios.SCENARIOS`), written against
the public API both SDKs share:

* `validate_mal_10000`: client-side validation of 10,000 NDJSON annotations of every image
  kind against a project's ontology (`bulk_import_request._validate_ndjson`, the function
  `upload_annotations(validate=True)` runs in both SDKs);
* `mal_import_10000`: a MAL prediction import of those 10,000 annotations end to end
  (upload, wait until done, read every status).

Both use the seeded dataset of 20,000 rows, connected to a new project in each run.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from typing import Any

import labelbox as lb

ANNOTATIONS = 10_000


def _project(client: lb.Client, run: int, what: str) -> tuple[lb.Project, list[str]]:
    from labelbox.schema.ontology import Classification, OntologyBuilder, Option, Tool

    project = client.create_project(name=f"bench {what} {run}")
    project.datasets.connect(client.get_dataset(os.environ["LB_BENCH_DATASET"]))
    color = Classification(
        Classification.Type.RADIO, "color", options=[Option("red"), Option("blue")]
    )
    builder = OntologyBuilder(
        tools=[
            Tool(tool=Tool.Type.BBOX, name="box", classifications=[color]),
            Tool(tool=Tool.Type.POLYGON, name="polygon"),
            Tool(tool=Tool.Type.LINE, name="line"),
            Tool(tool=Tool.Type.POINT, name="point"),
            Tool(tool=Tool.Type.SEGMENTATION, name="mask"),
        ],
        classifications=[
            Classification(Classification.Type.RADIO, "mood", options=[Option("a"), Option("b")]),
            Classification(
                Classification.Type.CHECKLIST, "tags", options=[Option("x"), Option("y")]
            ),
            Classification(Classification.Type.TEXT, "note"),
        ],
    )
    project.setup_editor(client.create_ontology(f"bench {what} {run}", builder.asdict()))
    with open(os.environ["LB_BENCH_ROW_IDS_FILE"]) as ids_file:
        ids = ids_file.read().split(",")[:ANNOTATIONS]
    return project, ids


def _annotations(row_ids: list[str]) -> list[dict[str, Any]]:
    kinds: list[dict[str, Any]] = [
        {
            "name": "box",
            "bbox": {"top": 1, "left": 2, "height": 30, "width": 40},
            "classifications": [{"name": "color", "answer": {"name": "red"}}],
        },
        {"name": "polygon", "polygon": [{"x": 1, "y": 1}, {"x": 9, "y": 1}, {"x": 5, "y": 8}]},
        {"name": "line", "line": [{"x": 1, "y": 1}, {"x": 9, "y": 9}]},
        {"name": "point", "point": {"x": 3, "y": 4}},
        {
            "name": "mask",
            "mask": {"instanceURI": "https://storage.example.com/m.png", "colorRGB": [255, 0, 0]},
        },
        {"name": "mood", "answer": {"name": "a"}},
        {"name": "tags", "answers": [{"name": "x"}, {"name": "y"}]},
        {"name": "note", "answer": "a note"},
    ]
    return [
        {"uuid": str(uuid.uuid4()), "dataRow": {"id": row_id}, **kinds[i % len(kinds)]}
        for i, row_id in enumerate(row_ids)
    ]


def validate_mal_10000(client: lb.Client, run: int) -> Callable[[], object]:
    from labelbox.schema import bulk_import_request

    project, ids = _project(client, run, "validate")
    rows = _annotations(ids)
    return lambda: bulk_import_request._validate_ndjson(rows, project)


def mal_import_10000(client: lb.Client, run: int) -> Callable[[], object]:
    from labelbox.schema.annotation_import import MALPredictionImport

    project, ids = _project(client, run, "mal")
    rows = _annotations(ids)

    def upload() -> None:
        mal = MALPredictionImport.create_from_objects(client, project.uid, f"bench {run}", rows)
        mal.wait_until_done(sleep_time_seconds=1)
        statuses = mal.statuses
        assert len(statuses) == ANNOTATIONS, len(statuses)
        assert all(status["status"] == "SUCCESS" for status in statuses), statuses[:3]

    return upload


SCENARIOS: dict[str, Callable[[lb.Client, int], Callable[[], object]]] = {
    "validate_mal_10000": validate_mal_10000,
    "mal_import_10000": mal_import_10000,
}
