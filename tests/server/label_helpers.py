"""A labeled project over raw HTTP: an ontology, a dataset of two data rows, and label imports
as the official SDK sends them (for the label and agreement tests)."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from . import label_documents as docs
from . import sdk_documents as sdk
from . import setup_documents as setup_docs
from .conftest import Api
from .data_helpers import create_dataset, create_row

TOOLS = [
    {"tool": "rectangle", "name": "box"},
    {"tool": "point", "name": "point"},
]
CLASSIFICATIONS = [
    {"type": "text", "name": "note", "instructions": "note"},
    {
        "type": "radio",
        "name": "mood",
        "instructions": "mood",
        "options": [{"value": "happy"}, {"value": "sad"}],
    },
]


class Labeled:
    """A project with an ontology, a dataset connected to it and two data rows."""

    def __init__(self, api: Api, unique: str) -> None:
        self.api = api
        self.project = api.data(
            "mutation($name: String!) { createProject(data: {name: $name}) { id } }",
            {"name": f"{unique}labels"},
        )["createProject"]["id"]
        dataset = create_dataset(api, f"{unique}labels")
        api.data(sdk.CONNECT_PROJECT_AND_DATASET, {"projectId": self.project, "datasetId": dataset})
        self.rows = [create_row(api, dataset, f"https://x.example/{i}.jpg")["id"] for i in range(2)]
        normalized = {"tools": TOOLS, "classifications": CLASSIFICATIONS}
        ontology = api.data(
            setup_docs.CREATE_ONTOLOGY,
            {"data": {"name": f"{unique}labels", "normalized": json.dumps(normalized)}},
        )["upsertOntology"]
        api.data(
            setup_docs.CONNECT_ONTOLOGY, {"projectId": self.project, "ontologyId": ontology["id"]}
        )
        self.box = ontology["normalized"]["tools"][0]["featureSchemaId"]

    def row(self, index: int, **fields: Any) -> dict[str, Any]:
        return {"uuid": str(uuid.uuid4()), "dataRow": {"id": self.rows[index]}, **fields}

    def import_file(self, name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
        """`LabelImport.create_from_objects` as the official SDK sends it (multipart, with
        `contentLength` the length of the bytes' repr, as it computes it)."""
        content = "\n".join(json.dumps(row) for row in rows).encode()
        return send_label_import(self.api, self.project, name, content, len(str(content)))

    def wait(self, name: str) -> dict[str, Any]:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found: dict[str, Any] = self.api.data(
                docs.GET_LABEL_IMPORT, {"projectId": self.project, "name": name}
            )["labelImport"]
            if found["state"] != "RUNNING":
                return found
            time.sleep(0.05)
        raise AssertionError(f"import {name} did not finish")

    def labels(self, where: str = "", order_by: str = "") -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = self.api.data(
            docs.get_project_labels(where, order_by), {"projectId": self.project}
        )["project"]["labels"]
        return found

    def add_label(self, index: int, *rows: dict[str, Any]) -> None:
        """One label of data row `index` (one import), with these annotation rows."""
        name = f"label {index} {uuid.uuid4()}"
        self.import_file(name, [self.row(index, **row) for row in rows])
        assert self.wait(name)["state"] == "FINISHED"

    def label_both(self) -> list[dict[str, Any]]:
        for index in (0, 1):
            name = f"both {index} {uuid.uuid4()}"
            self.import_file(name, [self.row(index, schemaId=self.box, bbox=BOX)])
            assert self.wait(name)["state"] == "FINISHED"
        return self.labels(order_by="orderBy: createdAt_ASC")


BOX = {"top": 1, "left": 2, "height": 3, "width": 4}


def send_label_import(
    api: Api, project_id: str, name: str, content: bytes, content_length: int
) -> dict[str, Any]:
    """Create a label import from an NDJSON file sent as a multipart GraphQL request; the
    import as created."""
    part = f"{project_id}__{name}.ndjson"
    operations = {
        "variables": {
            "file": None,
            "contentLength": content_length,
            "projectId": project_id,
            "name": name,
        },
        "query": docs.CREATE_LABEL_IMPORT_BY_FILE,
    }
    response = api.client.post(
        api.endpoint,
        data={"operations": json.dumps(operations), "map": json.dumps({part: ["variables.file"]})},
        files={part: (part, content, "application/x-ndjson")},
        headers={"Authorization": f"Bearer {api.api_key}"},
    )
    body = response.json()
    assert "errors" not in body, body
    created: dict[str, Any] = body["data"]["createLabelImport"]
    return created
