"""Isolation cases of the fields of `Mutation.project(where: {id})` (used by
`test_isolation_every_field`): each is called on the intruder's own project with the owner's
ids, and sees and changes nothing of the owner's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import label_documents as label_docs
from . import setup_documents as setup_docs
from .conftest import Api
from .isolation_common import NOT_FOUND, Owner


def _nested(field: str, arguments: str, selection: str) -> str:
    return (
        f"mutation($p: ID!, $v: {arguments}) {{ project(where: {{id: $p}}) {{ {field}"
        f"{selection} }} }}"
    )


NestedCheck = Callable[[Api, Owner, str], None]


def _nested_not_found(document: str, value: Callable[[Owner], Any]) -> NestedCheck:
    def check(intruder: Api, owner: Owner, project: str) -> None:
        assert intruder.error_codes(document, {"p": project, "v": value(owner)}) == NOT_FOUND

    return check


def _create_batch_reports_owner_rows(intruder: Api, owner: Owner, project: str) -> None:
    result = intruder.data(
        _nested(
            "createBatchV2(input: $v)",
            "CreateBatchInput!",
            " { failedDataRows { dataRowId error } }",
        ),
        {"p": project, "v": {"name": "stolen", "dataRowIds": [owner["row"]]}},
    )
    failed = result["project"]["createBatchV2"]["failedDataRows"]
    assert failed == [{"dataRowId": owner["row"], "error": "Data row not found"}]


def _overrides_rejected(intruder: Api, owner: Owner, project: str) -> None:
    document = setup_docs.set_labeling_parameter_overrides([(owner["row"], 1, 1)])
    errors = intruder.errors(document.replace("$projectId", "$p"), {"p": project})
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"


def _unset_changes_nothing(intruder: Api, owner: Owner, project: str) -> None:
    document = setup_docs.unset_labeling_parameter_overrides([owner["row"]])
    result = intruder.data(document.replace("$projectId", "$p"), {"p": project})
    assert result["project"]["unsetLabelingParameterOverrides"]["success"] is True


def _tag_set_status_of_own_project(intruder: Api, owner: Owner, project: str) -> None:
    result = intruder.data(
        setup_docs.SET_TAG_SET_STATUS.replace("$projectId", "$p"),
        {"p": project, "status": "DISABLED"},
    )
    assert result["project"]["setTagSetStatus"]["tagSetStatus"] == "DISABLED"


def _empty_batch_of_own(intruder: Api, owner: Owner, project: str) -> None:
    # The owner's batch name is free in the intruder's project.
    result = intruder.data(
        _nested("createEmptyBatch(input: $v)", "CreateEmptyBatchInput!", " { id name }"),
        {"p": project, "v": {"name": "owned-batch"}},
    )
    assert result["project"]["createEmptyBatch"]["id"] != owner["batch"]


def _show_predictions_of_own_project(intruder: Api, owner: Owner, own: str) -> None:
    shown = intruder.data(label_docs.TOGGLE_MAL, {"project_id": own, "show": True})
    assert shown["project"]["showPredictionsToLabelers"]["id"] == own


NESTED_CASES: dict[str, NestedCheck] = {
    "connectOntology": _nested_not_found(
        "mutation($p: ID!, $v: ID!) { project(where: {id: $p}) { connectOntology(ontologyId: $v) { id } } }",
        lambda o: o["ontology"],
    ),
    "createBatchV2": _create_batch_reports_owner_rows,
    "createEmptyBatch": _empty_batch_of_own,
    "addDataRowsToBatch": _nested_not_found(
        _nested("addDataRowsToBatch(input: $v)", "AddDataRowsToBatchInput!", " { batch { id } }"),
        lambda o: {"batchId": o["batch"], "dataRowIds": [o["row"]]},
    ),
    "addDataRowsToBatchAsync": _nested_not_found(
        _nested("addDataRowsToBatchAsync(input: $v)", "AddDataRowsToBatchInput!", " { taskId }"),
        lambda o: {"batchId": o["batch"], "dataRowIds": [o["row"]]},
    ),
    "removeQueuedDataRowsFromBatch": _nested_not_found(
        _nested("removeQueuedDataRowsFromBatch(batchId: $v)", "ID!", " { id }"),
        lambda o: o["batch"],
    ),
    "deleteBatch": _nested_not_found(
        _nested("deleteBatch(batchId: $v)", "ID!", " { deletedBatchId }"), lambda o: o["batch"]
    ),
    "setLabelingParameterOverrides": _overrides_rejected,
    "unsetLabelingParameterOverrides": _unset_changes_nothing,
    "setTagSetStatus": _tag_set_status_of_own_project,
    "showPredictionsToLabelers": _show_predictions_of_own_project,
    "deleteBatchLabels": _nested_not_found(
        "mutation($p: ID!, $v: ID!) { project(where: {id: $p}) { deleteBatchLabels(batchId: $v,"
        " data: {type: RequeueData}) { deletedLabelIds } } }",
        lambda o: o["batch"],
    ),
    "updateProjectResourceTags": _nested_not_found(
        "mutation($p: ID!, $v: [String!]) { project(where: {id: $p})"
        " { updateProjectResourceTags(input: {resourceTagIds: $v}) { id } } }",
        lambda o: [o["tag"]],
    ),
}
