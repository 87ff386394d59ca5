"""Isolation cases of ontologies, feature schemas, project setup and the labeling queue (used
by `test_isolation_every_field`): the owner's objects, their snapshot, one case per field."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import setup_documents as setup_docs
from .conftest import Api
from .isolation_common import Check, Owner, not_found, returns


def setup_objects(api: Api, project_id: str, row_id: str) -> dict[str, str]:
    """The owner's ontology and feature schema."""
    tool = {"tool": "rectangle", "name": "owned-tool"}
    ontology = api.data(
        setup_docs.CREATE_ONTOLOGY,
        {"data": {"name": "owned-ontology", "normalized": json.dumps({"tools": [tool]})}},
    )["upsertOntology"]
    feature = api.data(
        setup_docs.CREATE_FEATURE_SCHEMA,
        {"data": {"normalized": json.dumps({"tool": "point", "name": "owned-point"})}},
    )["upsertRootSchemaNode"]
    frontend = api.data("{ labelingFrontends { id } }")["labelingFrontends"][0]["id"]
    options = api.data(
        setup_docs.CREATE_LABELING_FRONTEND_OPTIONS,
        {"project": project_id, "labelingFrontend": frontend, "customizationOptions": "{}"},
    )["createLabelingFrontendOptions"]
    api.data(setup_docs.CONNECT_ONTOLOGY, {"projectId": project_id, "ontologyId": ontology["id"]})
    batch = api.data(
        setup_docs.CREATE_BATCH,
        {"projectId": project_id, "batchInput": {"name": "owned-batch", "dataRowIds": [row_id]}},
    )["project"]["createBatchV2"]["batch"]
    api.data(
        setup_docs.set_labeling_parameter_overrides([(row_id, 2, 3)]), {"projectId": project_id}
    )
    api.data(setup_docs.UPSERT_REVIEW_QUEUE, {"projectId": project_id, "quotaFactor": 0.5})
    return {
        "ontology": ontology["id"],
        "ontology_tool": ontology["normalized"]["tools"][0]["featureSchemaId"],
        "feature": feature["id"],
        "options": options["id"],
        "batch": batch["id"],
    }


def setup_snapshot(owner: Owner) -> dict[str, Any]:
    api = owner.api
    return {
        "ontology": api.data(setup_docs.GET_ONTOLOGY, {"param_0": owner["ontology"]}),
        "feature": api.data(
            setup_docs.GET_FEATURE_SCHEMA,
            {"rootSchemaNodeWhere": {"featureSchemaId": owner["feature"]}},
        ),
        "ontologies": api.data(setup_docs.GET_ONTOLOGIES, {"search": "owned"}),
        "features": api.data(setup_docs.GET_FEATURE_SCHEMAS, {"search": "owned"}),
        "setup": api.data(
            "query($id: ID!) { project(where: {id: $id}) { labelingFrontendOptions"
            " { id customizationOptions } ontology { id normalized } } }",
            {"id": owner["project"]},
        ),
        "queue": api.data(
            "query($id: ID!, $rows: [ID!]!) { project(where: {id: $id}) { queueMode tagSetStatus"
            " batches { nodes { id name size updatedAt deleted } }"
            " labelingParameterOverrides { id priority numberOfLabels dataRow { id } }"
            " dataRowsNotInProject(dataRowIds: $rows) } }",
            {"id": owner["project"], "rows": [owner["row"]]},
        ),
    }


def _reuse_rejected(document: str, data: Callable[[Owner], dict[str, Any]]) -> Check:
    """Another organization's feature schema ids are unknown ids (the input is rejected)."""

    def check(intruder: Api, owner: Owner) -> None:
        errors = intruder.errors(document, {"data": data(owner)})
        assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
        assert "not found" in errors[0]["message"]

    return check


SETUP_CASES: dict[str, Check] = {
    "Query.ontology": not_found(setup_docs.GET_ONTOLOGY, lambda o: {"param_0": o["ontology"]}),
    "Query.ontologies": returns(
        setup_docs.GET_ONTOLOGIES,
        lambda o: {"search": "owned"},
        lambda d, o: d["ontologies"] == {"nodes": [], "nextCursor": None},
    ),
    "Query.rootSchemaNode": not_found(
        setup_docs.GET_FEATURE_SCHEMA,
        lambda o: {"rootSchemaNodeWhere": {"featureSchemaId": o["feature"]}},
    ),
    "Query.rootSchemaNodes": returns(
        setup_docs.GET_FEATURE_SCHEMAS,
        lambda o: {"search": "owned"},
        lambda d, o: d["rootSchemaNodes"] == {"nodes": [], "nextCursor": None},
    ),
    "Mutation.upsertOntology": _reuse_rejected(
        setup_docs.CREATE_ONTOLOGY,
        lambda o: {
            "name": "stolen",
            "normalized": json.dumps(
                {
                    "tools": [
                        {"tool": "rectangle", "name": "t", "featureSchemaId": o["ontology_tool"]}
                    ]
                }
            ),
        },
    ),
    "Mutation.project": not_found(
        setup_docs.CONNECT_ONTOLOGY, lambda o: {"projectId": o["project"], "ontologyId": "x"}
    ),
    "Mutation.createLabelingFrontendOptions": not_found(
        setup_docs.CREATE_LABELING_FRONTEND_OPTIONS,
        lambda o: {
            "project": o["project"],
            "labelingFrontend": o["frontend"],
            "customizationOptions": "{}",
        },
    ),
    "Mutation.setProjectInstructions": not_found(
        setup_docs.SET_PROJECT_INSTRUCTIONS,
        lambda o: {"projectId": o["project"], "instructions_url": "https://x.example/i.pdf"},
    ),
    "Query.batch": not_found(setup_docs.GET_BATCH_USER, lambda o: {"param_0": o["batch"]}),
    "Query.queryAllDataRowsHaveBeenProcessed": returns(
        "query($ids: [ID!]!) { queryAllDataRowsHaveBeenProcessed(dataRowIds: $ids)"
        " { allDataRowsHaveBeenProcessed notFoundDataRowIds } }",
        lambda o: {"ids": [o["row"]]},
        lambda d, o: d["queryAllDataRowsHaveBeenProcessed"]["notFoundDataRowIds"] == [o["row"]],
    ),
    "Mutation.exportQueuedDataRows": not_found(
        setup_docs.EXPORT_QUEUED_DATA_ROWS,
        lambda o: {"projectId": o["project"], "includeMetadataInput": True},
    ),
    "Mutation.exportBatchDataRows": not_found(
        setup_docs.EXPORT_BATCH_DATA_ROWS,
        lambda o: {"batchId": o["batch"], "includeMetadataInput": True},
    ),
    "Mutation.upsertReviewQueue": not_found(
        setup_docs.UPSERT_REVIEW_QUEUE, lambda o: {"projectId": o["project"], "quotaFactor": 1.0}
    ),
    "Mutation.extendReservations": not_found(
        setup_docs.extend_reservations("LabelingQueue"), lambda o: {"projectId": o["project"]}
    ),
    "Mutation.upsertRootSchemaNode": _reuse_rejected(
        setup_docs.CREATE_FEATURE_SCHEMA,
        lambda o: {
            "normalized": json.dumps(
                {"tool": "point", "name": "x", "featureSchemaId": o["feature"]}
            )
        },
    ),
}
