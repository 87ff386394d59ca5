"""The labeling queue: order by overrides, batch priority and arrival; rows leave it when
labeled (as many times as they need) and come back when a label is deleted; DATA_SET mode;
labeling parameter overrides, the legacy queue mode, review queue and reservations."""

from __future__ import annotations

import pytest

from . import sdk_documents as sdk_docs
from . import setup_documents as docs
from .conftest import Api
from .data_helpers import create_dataset, import_rows
from .queue_helpers import Labels, batch_project, create_batch, export, make_rows, queued


@pytest.fixture
def labels(api: Api) -> Labels:
    return Labels(api)


def set_overrides(api: Api, project: str, items: list[tuple[str, int, int]]) -> bool:
    result = api.data(docs.set_labeling_parameter_overrides(items), {"projectId": project})
    success: bool = result["project"]["setLabelingParameterOverrides"]["success"]
    return success


def test_queue_order_by_override_then_priority_then_arrival(
    api: Api, labels: Labels, unique: str
) -> None:
    project = batch_project(api, unique + "p")
    low = make_rows(api, unique + "low", 3)
    high = make_rows(api, unique + "high", 3)
    middle = make_rows(api, unique + "middle", 2)
    create_batch(api, project, unique + "low", low, 5)
    create_batch(api, project, unique + "high", high, 1)
    create_batch(api, project, unique + "middle", middle, 3)
    assert queued(api, project) == high + middle + low

    # Overridden rows come first, lower override priority first.
    assert set_overrides(api, project, [(low[2], 7, 1), (middle[1], 2, 1)]) is True
    assert queued(api, project) == [middle[1], low[2], *high, middle[0], low[0], low[1]]

    # A labeled row leaves the queue; its deleted label brings it back.
    label = labels.add(project, high[0])
    assert queued(api, project) == [middle[1], low[2], high[1], high[2], middle[0], low[0], low[1]]
    labels.delete(label)
    assert queued(api, project)[2] == high[0]


def test_rows_needing_more_labels_stay_queued(api: Api, labels: Labels, unique: str) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 40)
    consensus = {"numberOfLabels": 2, "coveragePercentage": 0.5}
    create_batch(api, project, unique + "b", rows, consensusSettings=consensus)
    for row in rows:
        labels.add(project, row)
    covered = queued(api, project)
    assert 5 < len(covered) < 35  # about half need a second label
    assert covered == [row for row in rows if row in set(covered)]
    for row in covered:
        labels.add(project, row)
    assert queued(api, project) == []
    # An override asks for more labels.
    set_overrides(api, project, [(rows[0], 1, 3)])
    assert queued(api, project) == [rows[0]]


def test_dataset_mode_queue(api: Api, labels: Labels, unique: str) -> None:
    project = batch_project(api, unique + "p", queueMode="DATA_SET")
    dataset = create_dataset(api, unique + "d")
    _, result = import_rows(
        api, dataset, [{"row_data": f"https://x.example/{i}.jpg"} for i in range(3)]
    )
    rows = sorted(r["id"] for r in result["createdDataRows"])
    assert queued(api, project) == []
    api.data(sdk_docs.CONNECT_PROJECT_AND_DATASET, {"projectId": project, "datasetId": dataset})
    assert sorted(queued(api, project)) == rows
    set_overrides(api, project, [(rows[2], 1, 1)])
    assert queued(api, project)[0] == rows[2]
    labels.add(project, rows[2])
    assert rows[2] not in queued(api, project)


def test_queue_export_includes_metadata_on_request(api: Api, unique: str) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 2)
    create_batch(api, project, unique + "b", rows)
    variables = {"projectId": project, "includeMetadataInput": True}
    exported = export(api, docs.EXPORT_QUEUED_DATA_ROWS, variables, "exportQueuedDataRows")
    assert [row["id"] for row in exported] == rows
    assert set(exported[0]) >= {"id", "rowData", "externalId", "globalKey", "customMetadata"}
    assert exported[0]["externalId"] == unique + "rows-0"


def test_labeling_parameter_overrides(api: Api, unique: str) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 3)
    create_batch(api, project, unique + "b", rows)
    assert set_overrides(api, project, [(rows[0], 4, 2), (rows[1], 3, 1), (rows[2], 1, 1)])
    read = api.data(docs.GET_PROJECT_LABELING_PARAMETER_OVERRIDES, {"param_0": project})
    found = {
        o["dataRow"]["id"]: (o["priority"], o["numberOfLabels"])
        for o in read["project"]["labelingParameterOverrides"]
    }
    assert found == {rows[0]: (4, 2), rows[1]: (3, 1), rows[2]: (1, 1)}
    # Setting again replaces; unsetting two leaves one.
    set_overrides(api, project, [(rows[0], 2, 3)])
    unset = api.data(docs.unset_labeling_parameter_overrides(rows[1:]), {"projectId": project})
    assert unset["project"]["unsetLabelingParameterOverrides"]["success"] is True
    read = api.data(docs.GET_PROJECT_LABELING_PARAMETER_OVERRIDES, {"param_0": project})
    (left,) = read["project"]["labelingParameterOverrides"]
    assert (left["dataRow"]["id"], left["priority"], left["numberOfLabels"]) == (rows[0], 2, 3)


def test_overrides_for_rows_outside_the_project_are_rejected(
    api: Api, other_api: Api, unique: str
) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 2)
    foreign = make_rows(other_api, unique + "foreign", 1)
    create_batch(api, project, unique + "b", rows[:1])
    document = docs.set_labeling_parameter_overrides(
        [(rows[0], 1, 1), (rows[1], 1, 1), (foreign[0], 1, 1)]
    )
    errors = api.errors(document, {"projectId": project})
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    assert errors[0]["message"] == f"Data rows not in the project: {rows[1]}, {foreign[0]}"
    read = api.data(docs.GET_PROJECT_LABELING_PARAMETER_OVERRIDES, {"param_0": project})
    assert read["project"]["labelingParameterOverrides"] == []
    missing = api.data(
        "query($p: ID!, $ids: [ID!]!) { project(where: {id: $p}) { dataRowsNotInProject(dataRowIds: $ids) } }",
        {"p": project, "ids": [rows[0], rows[1], foreign[0]]},
    )["project"]["dataRowsNotInProject"]
    assert missing == [rows[1], foreign[0]]
    errors = api.errors(
        docs.set_labeling_parameter_overrides([(rows[0], 0, 1)]), {"projectId": project}
    )
    assert errors[0]["message"] == "data[0].priority: expected at least 1, got 0"


def test_tag_set_status_is_the_queue_mode(api: Api, unique: str) -> None:
    project = batch_project(api, unique + "p")
    status = api.data(docs.GET_TAG_SET_STATUS, {"projectId": project})["project"]["tagSetStatus"]
    assert status == "ENABLED"
    changed = api.data(docs.SET_TAG_SET_STATUS, {"projectId": project, "status": "DISABLED"})
    assert changed["project"]["setTagSetStatus"] == {"tagSetStatus": "DISABLED"}
    read = api.data(sdk_docs.GET_PROJECT, {"param_0": project})["project"]
    assert read["queueMode"] == "DATA_SET"


def test_review_queue_and_reservations(api: Api, unique: str) -> None:
    project = batch_project(api, unique + "p")
    first = api.data(docs.UPSERT_REVIEW_QUEUE, {"projectId": project, "quotaFactor": 0.3})
    again = api.data(docs.UPSERT_REVIEW_QUEUE, {"projectId": project, "quotaFactor": 0.5})
    assert first["upsertReviewQueue"]["id"] == again["upsertReviewQueue"]["id"]
    errors = api.errors(docs.UPSERT_REVIEW_QUEUE, {"projectId": project, "quotaFactor": 1.5})
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    for queue_type in ("LabelingQueue", "ReviewQueue"):
        extended = api.data(docs.extend_reservations(queue_type), {"projectId": project})
        assert extended == {"extendReservations": 0}
    codes = api.error_codes(docs.extend_reservations("LabelingQueue"), {"projectId": "cmissing"})
    assert codes == ["RESOURCE_NOT_FOUND"]


def test_queue_export_is_reused_until_the_queue_changes(api: Api, unique: str) -> None:
    project = batch_project(api, unique + "p")
    rows = make_rows(api, unique + "rows", 2)
    create_batch(api, project, unique + "b", rows[:1])
    variables = {"projectId": project, "includeMetadataInput": False}
    export(api, docs.EXPORT_QUEUED_DATA_ROWS, variables, "exportQueuedDataRows")
    url = api.data(docs.EXPORT_QUEUED_DATA_ROWS, variables)["exportQueuedDataRows"]["downloadUrl"]
    again = api.data(docs.EXPORT_QUEUED_DATA_ROWS, variables)["exportQueuedDataRows"]
    assert again["downloadUrl"] == url
    create_batch(api, project, unique + "c", rows[1:])
    assert queued(api, project) == rows
