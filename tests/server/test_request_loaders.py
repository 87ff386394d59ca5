"""Per-request loaders: one document that reads, changes and reads again sees fresh data.

Metadata values, attachments and the metadata ontology are loaded once per request and
shared by every field that needs them; every mutation field drops what was loaded, so a
field resolved after a change never reads the state before it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event

from labelbox_server import LocalServer
from labelbox_server.db.session import SessionFactory, make_engine
from labelbox_server.graphql.executor import Executor
from labelbox_server.graphql.schema import build_schema
from labelbox_server.storage import DirectoryBlobStore, Storage, UrlSigner

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import IMAGE_URL, TAG_SCHEMA_ID, create_dataset, create_row

ROW_FIELDS = """
fragment Row on DataRow {
  externalId
  attachments { type value }
  customMetadata { schemaId value }
  metadataFields { schemaId name value }
}
"""
READ_CHANGE_READ = (
    """
mutation($row: ID!, $schema: ID!, $tag: ID!, $newName: String!) {
  first: updateDataRow(where: {id: $row}, data: {externalId: "first"}) { ...Row }
  attach: createDataRowAttachment(data: {dataRowId: $row, type: RAW_TEXT, value: "note"}) {
    id
  }
  tag: upsertDataRowCustomMetadata(
    data: [{dataRowId: $row, fields: [{schemaId: $tag, value: "tagged"}]}]
  ) { dataRowId }
  rename: upsertCustomMetadataSchema(
    data: {id: $schema, name: $newName, kind: CustomMetadataString}
  ) { id name }
  second: updateDataRow(where: {id: $row}, data: {externalId: "second"}) { ...Row }
}
"""
    + ROW_FIELDS
)


def test_a_mutation_document_reads_fresh_data_after_each_change(api: Api, unique: str) -> None:
    schema = api.data(
        docs.UPSERT_METADATA_SCHEMA,
        {"data": {"name": unique + "old", "kind": "CustomMetadataString"}},
    )["upsertCustomMetadataSchema"]["id"]
    dataset = create_dataset(api, unique + "d")
    row = create_row(
        api, dataset, IMAGE_URL, metadata_fields=[{"schemaId": schema, "value": "kept"}]
    )["id"]

    variables = {"row": row, "schema": schema, "tag": TAG_SCHEMA_ID, "newName": unique + "new"}
    data = api.data(READ_CHANGE_READ, variables)

    assert data["first"] == {
        "externalId": "first",
        "attachments": [],
        "customMetadata": [{"schemaId": schema, "value": "kept"}],
        "metadataFields": [{"schemaId": schema, "name": unique + "old", "value": "kept"}],
    }
    assert data["rename"] == {"id": schema, "name": unique + "new"}
    second = data["second"]
    assert second["externalId"] == "second"
    assert second["attachments"] == [{"type": "RAW_TEXT", "value": "note"}]
    assert sorted(second["customMetadata"], key=lambda m: m["schemaId"]) == sorted(
        [{"schemaId": schema, "value": "kept"}, {"schemaId": TAG_SCHEMA_ID, "value": "tagged"}],
        key=lambda m: m["schemaId"],
    )
    assert {(f["name"], f["value"]) for f in second["metadataFields"]} == {
        (unique + "new", "kept"),
        ("tag", "tagged"),
    }


def test_rows_of_one_list_share_one_load(
    server: LocalServer, api: Api, unique: str, tmp_path: Path
) -> None:
    """The metadata and attachments of every row of a list load in one query each."""
    dataset = create_dataset(api, unique + "d")
    for i in range(5):
        create_row(
            api,
            dataset,
            IMAGE_URL,
            external_id=f"r{i}",
            metadata_fields=[{"schemaId": TAG_SCHEMA_ID, "value": f"t{i}"}],
            attachments=[{"type": "RAW_TEXT", "value": f"a{i}"}],
        )
    # In process, on the server's database, counting the statements.
    engine = make_engine(server.database_url)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    storage = Storage(DirectoryBlobStore(tmp_path), UrlSigner(b"s" * 32), "http://h", 1, 1, 1)
    executor = Executor(build_schema(), SessionFactory(engine), "http://h", storage)
    event.listen(engine, "before_cursor_execute", record)
    try:
        response = executor.execute(
            f"Bearer {api.api_key}",
            {
                "query": "query($id: ID!) { dataset(where: {id: $id}) { dataRows { ...Row } } }"
                + ROW_FIELDS,
                "variables": {"id": dataset},
            },
        )
    finally:
        event.remove(engine, "before_cursor_execute", record)
        engine.dispose()
    assert response.status == 200 and "errors" not in response.body, response.body
    rows = response.body["data"]["dataset"]["dataRows"]
    assert sum("FROM data_row_metadata" in sql for sql in statements) == 1
    assert sum("FROM attachments" in sql for sql in statements) == 1
    assert [
        (r["externalId"], r["customMetadata"][0]["value"], r["attachments"][0]["value"])
        for r in rows
    ] == [(f"r{i}", f"t{i}", f"a{i}") for i in range(5)]


def test_every_mutation_field_drops_the_loaded_values() -> None:
    mutation = build_schema().mutation_type
    assert mutation is not None and len(mutation.fields) > 15
    unwrapped = [
        name
        for name, field in mutation.fields.items()
        if getattr(field.resolve, "__wrapped__", None) is None
    ]
    assert unwrapped == []
