"""Agreement over raw HTTP: labels of one data row give each other `agreement`, a benchmark
reference gives `benchmarkAgreement`, both follow updates, deletes and benchmark changes, and
show in benchmarks, label exports and labeler performance."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from labelbox_server.db.models import AnnotationImport, Label
from labelbox_server.domain.label_imports import LABEL_IMPORT

from . import label_documents as docs
from .conftest import Api
from .label_helpers import Labeled

BOX = {"top": 0, "left": 0, "height": 10, "width": 10}
#: Overlaps BOX by half its width: IoU 50 / 150.
SHIFTED = {"top": 0, "left": 5, "height": 10, "width": 10}
THIRD = pytest.approx(1 / 3)


@pytest.fixture
def labeled(api: Api, unique: str) -> Labeled:
    return Labeled(api, unique)


def _numbers(labeled: Labeled) -> list[tuple[Any, Any]]:
    """(agreement, benchmarkAgreement) of the project's labels, oldest first."""
    return [
        (label["agreement"], label["benchmarkAgreement"])
        for label in labeled.labels(order_by="orderBy: createdAt_ASC")
    ]


def _two_labels_of_the_first_row(labeled: Labeled) -> list[dict[str, Any]]:
    labeled.add_label(0, {"schemaId": labeled.box, "bbox": BOX})
    labeled.add_label(0, {"schemaId": labeled.box, "bbox": SHIFTED})
    return labeled.labels(order_by="orderBy: createdAt_ASC")


def test_labels_of_one_data_row_agree_with_each_other(labeled: Labeled) -> None:
    _two_labels_of_the_first_row(labeled)
    labeled.add_label(1, {"schemaId": labeled.box, "bbox": BOX})  # alone on its row
    assert _numbers(labeled) == [(THIRD, None), (THIRD, None), (None, None)]
    # A third label of the first row: the same box as the first, plus a classification
    # neither other label has (box feature and classification feature averaged).
    labeled.add_label(0, {"schemaId": labeled.box, "bbox": BOX}, {"name": "note", "answer": "x"})
    first, second, _alone, third = _numbers(labeled)
    assert first == (pytest.approx((1 / 3 + 1 / 2) / 2), None)
    assert second == (pytest.approx((1 / 3 + 1 / 6) / 2), None)
    assert third == (pytest.approx((1 / 2 + 1 / 6) / 2), None)


def test_updating_and_deleting_a_label_recomputes_the_others(labeled: Labeled) -> None:
    api = labeled.api
    first, second = _two_labels_of_the_first_row(labeled)
    updated = api.data(docs.UPDATE_LABEL, {"label": first["label"], "LabelId": second["id"]})
    assert updated["updateLabel"]["agreement"] == 1.0  # now the same box as the first
    assert _numbers(labeled) == [(1.0, None), (1.0, None)]
    api.data(docs.UPDATE_LABEL, {"label": '{"objects": []}', "LabelId": second["id"]})
    assert _numbers(labeled) == [(0.0, None), (0.0, None)]
    api.data(docs.delete_labels([second["id"]]))
    assert _numbers(labeled) == [(None, None)]


def test_a_benchmark_reference_gives_benchmark_agreement(labeled: Labeled) -> None:
    api = labeled.api
    first, second = _two_labels_of_the_first_row(labeled)
    benchmark = api.data(docs.CREATE_BENCHMARK, {"labelId": first["id"]})["createBenchmark"]
    assert (benchmark["completedCount"], benchmark["averageAgreement"]) == (1, THIRD)
    # The reference is not measured against itself.
    assert _numbers(labeled) == [(THIRD, None), (THIRD, THIRD)]
    api.data(docs.UPDATE_LABEL, {"label": first["label"], "LabelId": second["id"]})
    assert _numbers(labeled) == [(1.0, None), (1.0, 1.0)]
    (listed,) = api.data(docs.GET_PROJECT_BENCHMARKS, {"param_0": labeled.project})["project"][
        "benchmarks"
    ]
    assert listed["averageAgreement"] == 1.0
    api.data(docs.DELETE_BENCHMARK, {"labelId": first["id"]})
    assert _numbers(labeled) == [(1.0, None), (1.0, None)]
    # Deleting the reference label leaves the others without a benchmark.
    api.data(docs.CREATE_BENCHMARK, {"labelId": first["id"]})
    assert _numbers(labeled)[1] == (1.0, 1.0)
    api.data(docs.delete_labels([first["id"]]))
    assert _numbers(labeled) == [(None, None)]


def _export_rows(api: Api, project: str) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        export = api.data(docs.export_labels(), {"projectId": project})["exportLabels"]
        if not export["shouldPoll"] and export["downloadUrl"]:
            rows: list[dict[str, Any]] = api.client.get(export["downloadUrl"]).json()
            return rows
        time.sleep(0.05)
    raise AssertionError("the export did not finish")


def test_exports_and_labeler_performance_show_agreement(labeled: Labeled) -> None:
    api = labeled.api
    first, second = _two_labels_of_the_first_row(labeled)
    api.data(docs.CREATE_BENCHMARK, {"labelId": first["id"]})
    rows = _export_rows(api, labeled.project)
    assert [(r["ID"], r["Agreement"], r["Benchmark Agreement"]) for r in rows] == [
        (first["id"], THIRD, None),
        (second["id"], THIRD, THIRD),
    ]
    (mine,) = api.data(docs.LABELER_PERFORMANCE, {"projectId": labeled.project})["project"][
        "labelerPerformance"
    ]
    assert (mine["consensus"], mine["averageBenchmarkAgreement"]) == (THIRD, THIRD)


def test_a_failed_import_takes_its_labels_out_of_the_agreement(
    labeled: Labeled, engine: Engine
) -> None:
    """What a failing import does in its cleanup (`LabelTarget.remove`), in-process on the
    server's database."""
    _first, second = _two_labels_of_the_first_row(labeled)
    with Session(engine) as session:
        import_id = session.scalars(select(Label.import_id).where(Label.id == second["id"])).one()
        record = session.get(AnnotationImport, import_id)
        assert record is not None
        LABEL_IMPORT.target.remove(session, record)
        session.commit()
    assert _numbers(labeled) == [(None, None)]
