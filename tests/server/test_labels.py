"""Labels over raw HTTP, with the official SDK's documents: label imports (multipart and by
URL), labels, reviews and review metrics, benchmarks, label and issue exports, members and
labeler performance."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import pytest
from graphql import parse, validate

from labelbox_server.graphql.schema import build_schema

from . import label_documents as docs
from . import sdk_documents as sdk
from .conftest import Api
from .data_helpers import create_dataset, create_row
from .label_helpers import BOX, Labeled


@pytest.fixture
def labeled(api: Api, unique: str) -> Labeled:
    return Labeled(api, unique)


def _ndjson(api: Api, url: str) -> list[Any]:
    return [json.loads(line) for line in api.client.get(url).text.splitlines() if line]


def test_the_label_documents_validate() -> None:
    schema = build_schema()
    documents = [
        value
        for name, value in vars(docs).items()
        if name.isupper()
        and isinstance(value, str)
        and value.lstrip().startswith(("query", "mutation"))
    ]
    documents += [
        docs.get_project_labels(),
        docs.get_project_labels(
            'where:{dataRow: {dataset: {id_in: ["a", "b"]}}}', "orderBy: createdAt_DESC"
        ),
        docs.delete_labels(["a", "b"]),
        docs.export_labels(),
        docs.export_labels(', filters: {labelCreatedAt: {start: "2020-01-01",end: "2020-01-02"} }'),
        *(docs.review_metrics(score) for score in ("Negative", "Zero", "Positive", "None")),
    ]
    assert len(documents) > 25
    for document in documents:
        assert validate(schema, parse(document)) == [], document


def test_a_multipart_import_reports_every_row(labeled: Labeled) -> None:
    rows = [
        labeled.row(0, schemaId=labeled.box, bbox=BOX),
        labeled.row(0, name="mood", answer={"name": "sad"}),
        labeled.row(1, name="note", answer=7),
        labeled.row(1, name="box", bbox={**BOX, "width": -1}),
    ]
    created = labeled.import_file("first", rows)
    assert created["state"] == "RUNNING" and created["name"] == "first"
    assert created["project"]["id"] == labeled.project
    assert created["statusFileUrl"] is None and created["errorFileUrl"] is None
    assert _ndjson(labeled.api, created["inputFileUrl"]) == rows
    done = labeled.wait("first")
    assert (done["state"], done["progress"]) == ("FINISHED", "100%")
    statuses = _ndjson(labeled.api, done["statusFileUrl"])
    assert [(s["uuid"], s["status"]) for s in statuses] == [
        (rows[0]["uuid"], "SUCCESS"),
        (rows[1]["uuid"], "SUCCESS"),
        (rows[2]["uuid"], "FAILURE"),
        (rows[3]["uuid"], "FAILURE"),
    ]
    assert [s["errors"][0]["name"] for s in statuses[2:]] == ["InvalidAnswer", "InvalidGeometry"]
    assert _ndjson(labeled.api, done["errorFileUrl"]) == statuses[2:]
    (label,) = labeled.labels()
    content = json.loads(label["label"])
    assert [o["bbox"] for o in content["objects"]] == [BOX]
    assert [c["answer"]["value"] for c in content["classifications"]] == ["sad"]


def test_import_input_errors(labeled: Labeled, other_api: Api) -> None:
    api = labeled.api
    url = api.upload(b"{}", "x.ndjson", "application/x-ndjson")
    variables = {"projectId": labeled.project, "name": "by url", "fileUrl": url}
    api.data(docs.CREATE_LABEL_IMPORT_BY_URL, variables)
    assert api.error_codes(docs.CREATE_LABEL_IMPORT_BY_URL, variables) == ["RESOURCE_CONFLICT"]
    elsewhere = {**variables, "name": "elsewhere", "fileUrl": "https://example.com/x.ndjson"}
    assert api.error_codes(docs.CREATE_LABEL_IMPORT_BY_URL, elsewhere) == ["MALFORMED_REQUEST"]
    neither = 'mutation($p: ID!) { createLabelImport(data: {projectId: $p, name: "n"}) { id } }'
    assert api.error_codes(neither, {"p": labeled.project}) == ["MALFORMED_REQUEST"]
    blank = {**variables, "name": " "}
    assert api.error_codes(docs.CREATE_LABEL_IMPORT_BY_URL, blank) == ["MALFORMED_REQUEST"]
    missing = {"projectId": labeled.project, "name": "nothing"}
    assert api.error_codes(docs.GET_LABEL_IMPORT, missing) == ["RESOURCE_NOT_FOUND"]
    # The same name in another organization's project is not theirs to see.
    assert other_api.error_codes(docs.GET_LABEL_IMPORT, {**missing, "name": "by url"}) == [
        "RESOURCE_NOT_FOUND"
    ]
    # The import of `{}` reports the row as invalid.
    statuses = _ndjson(api, labeled.wait("by url")["statusFileUrl"])
    assert [e["name"] for e in statuses[0]["errors"]] == [
        "InvalidUuid",
        "InvalidDataRow",
        "MissingFeature",
    ]


def test_rows_outside_the_project_fail(labeled: Labeled, unique: str) -> None:
    other_dataset = create_dataset(labeled.api, f"{unique}outside")
    outside = create_row(labeled.api, other_dataset, "https://x.example/o.jpg")["id"]
    row = {"uuid": str(uuid.uuid4()), "dataRow": {"id": outside}, "name": "note", "answer": "x"}
    labeled.import_file("outside", [row])
    (status,) = _ndjson(labeled.api, labeled.wait("outside")["statusFileUrl"])
    assert status["errors"][0]["name"] == "DataRowNotInProject"
    assert labeled.labels() == []


def test_labels_filters_orders_updates_and_deletes(labeled: Labeled, unique: str) -> None:
    first, second = labeled.label_both()
    descending = labeled.labels(order_by="orderBy: createdAt_DESC")
    assert [x["id"] for x in descending] == [second["id"], first["id"]]
    other = create_dataset(labeled.api, f"{unique}empty")
    assert labeled.labels(f'where:{{dataRow: {{dataset: {{id_in: ["{other}"]}}}}}}') == []
    api = labeled.api
    updated = api.data(docs.UPDATE_LABEL, {"label": '{"objects": []}', "LabelId": first["id"]})
    assert updated["updateLabel"]["label"] == '{"objects":[]}'
    assert api.error_codes(docs.UPDATE_LABEL, {"label": "[]", "LabelId": first["id"]}) == [
        "MALFORMED_REQUEST"
    ]
    project = api.data(docs.GET_LABEL_PROJECT, {"param_0": first["id"]})["label"]["project"]
    assert project["id"] == labeled.project
    deleted = api.data(docs.delete_labels([first["id"], "cnosuchlabel0000000000000"]))
    assert deleted["deleteLabels"] == [{"id": first["id"]}]
    assert [x["id"] for x in labeled.labels()] == [second["id"]]
    winner = api.data(
        docs.GET_WINNING_LABEL, {"dataRowId": labeled.rows[0], "projectId": labeled.project}
    )
    assert winner["dataRow"]["labelingActivity"]["selectedLabelId"] is None


def test_reviews_metrics_and_benchmarks(labeled: Labeled, other_api: Api) -> None:
    api = labeled.api
    first, second = labeled.label_both()

    def counts() -> list[int]:
        return [
            api.data(docs.review_metrics(s), {"projectId": labeled.project})["project"][
                "reviewMetrics"
            ]["labelAggregate"]["count"]
            for s in ("Negative", "Zero", "Positive", "None")
        ]

    assert counts() == [0, 0, 0, 2]
    review = api.data(
        docs.CREATE_REVIEW, {"score": -1, "label": first["id"], "project": labeled.project}
    )["createReview"]
    assert counts() == [1, 0, 0, 1]
    api.data(docs.UPDATE_REVIEW, {"score": 0, "ReviewId": review["id"]})
    assert counts() == [0, 1, 0, 1]
    api.data(docs.DELETE_REVIEW, {"ReviewId": review["id"]})
    assert counts() == [0, 0, 0, 2]
    assert api.data(docs.GET_LABEL_REVIEWS, {"param_0": first["id"]})["label"]["reviews"] == []
    elsewhere = api.data(
        "mutation($name: String!) { createProject(data: {name: $name}) { id } }", {"name": "x"}
    )["createProject"]["id"]
    assert api.error_codes(
        docs.CREATE_REVIEW, {"score": 1, "label": first["id"], "project": elsewhere}
    ) == ["MALFORMED_REQUEST"]

    benchmark = api.data(docs.CREATE_BENCHMARK, {"labelId": second["id"]})["createBenchmark"]
    assert benchmark["completedCount"] == 0
    assert api.error_codes(docs.CREATE_BENCHMARK, {"labelId": second["id"]}) == [
        "RESOURCE_CONFLICT"
    ]
    listed = api.data(docs.GET_PROJECT_BENCHMARKS, {"param_0": labeled.project})["project"]
    assert [b["id"] for b in listed["benchmarks"]] == [benchmark["id"]]
    reference = api.data(docs.GET_BENCHMARK_REFERENCE_LABEL, {"param_0": benchmark["id"]})
    assert reference["benchmark"]["referenceLabel"]["isBenchmarkReference"] is True
    api.data(docs.DELETE_BENCHMARK, {"labelId": second["id"]})
    assert api.error_codes(docs.DELETE_BENCHMARK, {"labelId": second["id"]}) == [
        "RESOURCE_NOT_FOUND"
    ]
    assert other_api.error_codes(docs.CREATE_BENCHMARK, {"labelId": first["id"]}) == [
        "RESOURCE_NOT_FOUND"
    ]


def _export(api: Api, project: str, filters: str = "") -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        export: dict[str, Any] = api.data(docs.export_labels(filters), {"projectId": project})[
            "exportLabels"
        ]
        if not export["shouldPoll"] and export["downloadUrl"]:
            return export
        time.sleep(0.05)
    raise AssertionError("the export did not finish")


def test_label_exports_are_reused_until_labels_change(labeled: Labeled) -> None:
    api = labeled.api
    empty = _export(api, labeled.project)
    assert api.client.get(empty["downloadUrl"]).json() == []
    assert _export(api, labeled.project) == empty  # nothing changed: the same export
    first, second = labeled.label_both()
    fresh = _export(api, labeled.project)
    assert fresh["downloadUrl"] != empty["downloadUrl"]
    rows = api.client.get(fresh["downloadUrl"]).json()
    assert [row["ID"] for row in rows] == [first["id"], second["id"]]
    window = ', filters: {labelCreatedAt: {start: "2020-01-01",end: "2020-01-02"} }'
    assert api.client.get(_export(api, labeled.project, window)["downloadUrl"]).json() == []
    bad = ', filters: {labelCreatedAt: {start: "yesterday"} }'
    assert api.error_codes(docs.export_labels(bad), {"projectId": labeled.project}) == [
        "MALFORMED_REQUEST"
    ]
    assert api.error_codes(docs.export_labels(), {"projectId": "cnosuchproject00000000000"}) == [
        "RESOURCE_NOT_FOUND"
    ]


def test_issue_exports_members_performance_and_model_assisted_labeling(labeled: Labeled) -> None:
    api = labeled.api
    for status in (None, "Open", "Resolved"):
        url = api.data(docs.GET_ISSUES_EXPORT, {"projectId": labeled.project, "status": status})[
            "project"
        ]["issueExportUrl"]
        assert (f"?status={status}&" in url) is (status is not None)
        assert api.client.get(url).json() == []
    members = api.data(docs.MEMBERS, {"projectId": labeled.project})["project"]["members"]
    me = api.data(sdk.GET_USER)["user"]
    assert [(m["user"]["id"], m["role"]["name"]) for m in members] == [(me["id"], "Admin")]
    performance = api.data(docs.LABELER_PERFORMANCE, {"projectId": labeled.project})
    assert performance["project"]["labelerPerformance"] == []
    labeled.label_both()
    (mine,) = api.data(docs.LABELER_PERFORMANCE, {"projectId": labeled.project})["project"][
        "labelerPerformance"
    ]
    assert (mine["user"]["id"], mine["count"], mine["totalTimeLabeling"]) == (me["id"], 2, 0)
    assert mine["lastActivityTime"].endswith("Z")
    for show in (True, False):
        toggled = api.data(docs.TOGGLE_MAL, {"project_id": labeled.project, "show": show})
        assert toggled["project"]["showPredictionsToLabelers"] == {
            "id": labeled.project,
            "showingPredictionsToLabelers": show,
        }
