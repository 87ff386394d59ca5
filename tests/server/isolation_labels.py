"""Isolation cases of labels, reviews, benchmarks, label exports and label imports (used by
`test_isolation_every_field`): the owner's objects, their snapshot, one case per field."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from . import label_documents as label_docs
from .conftest import Api
from .isolation_common import NOT_FOUND, Check, Owner, not_found, returns


def label_objects(api: Api, project_id: str, row_id: str, tool_id: str) -> dict[str, str]:
    """The owner's label (made by a label import), its review and benchmark, an export."""
    box = {"top": 1, "left": 1, "height": 1, "width": 1}
    line = {"uuid": str(uuid.uuid4()), "dataRow": {"id": row_id}, "schemaId": tool_id, "bbox": box}
    url = api.upload(json.dumps(line).encode(), "owned.ndjson", "application/x-ndjson")
    variables = {"projectId": project_id, "name": "owned-import", "fileUrl": url}
    api.data(label_docs.CREATE_LABEL_IMPORT_BY_URL, variables)
    deadline = time.monotonic() + 60
    labels: list[dict[str, Any]] = []
    while not labels and time.monotonic() < deadline:
        labels = api.data(label_docs.get_project_labels(), {"projectId": project_id})["project"][
            "labels"
        ]
        time.sleep(0.05)
    (label,) = labels
    review = api.data(
        label_docs.CREATE_REVIEW, {"score": 1, "label": label["id"], "project": project_id}
    )["createReview"]
    benchmark = api.data(label_docs.CREATE_BENCHMARK, {"labelId": label["id"]})["createBenchmark"]
    return {
        "label": label["id"],
        "review": review["id"],
        "benchmark": benchmark["id"],
        "import_url": url,
    }


def label_snapshot(owner: Owner) -> dict[str, Any]:
    api = owner.api
    project = {"projectId": owner["project"]}
    return {
        "labels": api.data(label_docs.get_project_labels(), project),
        "reviews": api.data(label_docs.GET_LABEL_REVIEWS, {"param_0": owner["label"]}),
        "benchmarks": api.data(label_docs.GET_PROJECT_BENCHMARKS, {"param_0": owner["project"]}),
        "metrics": api.data(label_docs.review_metrics("Positive"), project),
        "import": api.data(label_docs.GET_LABEL_IMPORT, {**project, "name": "owned-import"}),
        "showing": api.data(
            "query($id: ID!) { project(where: {id: $id}) { showingPredictionsToLabelers } }",
            {"id": owner["project"]},
        ),
    }


def _check_create_label_import(intruder: Api, owner: Owner) -> None:
    variables = {"projectId": owner["project"], "name": "stolen", "fileUrl": owner["import_url"]}
    assert intruder.error_codes(label_docs.CREATE_LABEL_IMPORT_BY_URL, variables) == NOT_FOUND


LABEL_CASES: dict[str, Check] = {
    "Query.label": not_found(
        "query($id: ID!) { label(where: {id: $id}) { id label } }", lambda o: {"id": o["label"]}
    ),
    "Query.review": not_found(label_docs.GET_REVIEW_LABEL, lambda o: {"param_0": o["review"]}),
    "Query.benchmark": not_found(
        label_docs.GET_BENCHMARK_REFERENCE_LABEL, lambda o: {"param_0": o["benchmark"]}
    ),
    "Query.labelImport": not_found(
        label_docs.GET_LABEL_IMPORT, lambda o: {"projectId": o["project"], "name": "owned-import"}
    ),
    "Mutation.updateLabel": not_found(
        label_docs.UPDATE_LABEL, lambda o: {"label": "{}", "LabelId": o["label"]}
    ),
    "Mutation.deleteLabels": returns(
        "mutation($ids: [ID!]!) { deleteLabels(labelIds: $ids) { id } }",
        lambda o: {"ids": [o["label"]]},
        lambda d, o: d["deleteLabels"] == [],
    ),
    "Mutation.createReview": not_found(
        label_docs.CREATE_REVIEW,
        lambda o: {"score": -1, "label": o["label"], "project": o["project"]},
    ),
    "Mutation.updateReview": not_found(
        label_docs.DELETE_REVIEW, lambda o: {"ReviewId": o["review"]}
    ),
    "Mutation.createBenchmark": not_found(
        label_docs.CREATE_BENCHMARK, lambda o: {"labelId": o["label"]}
    ),
    "Mutation.deleteBenchmark": not_found(
        label_docs.DELETE_BENCHMARK, lambda o: {"labelId": o["label"]}
    ),
    "Mutation.exportLabels": not_found(
        label_docs.export_labels(), lambda o: {"projectId": o["project"]}
    ),
    "Mutation.createLabelImport": _check_create_label_import,
}
