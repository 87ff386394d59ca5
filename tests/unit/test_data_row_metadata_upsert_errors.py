"""What `parse_upsert_metadata` refuses, without a server: unknown schemas, malformed fields,
a schema given twice, and the error's message.

Nothing here reaches the network; the ontology is built from the canned schemas of
`metadata_ontology.py`.
"""

from __future__ import annotations

from labelbox.schema.data_row_metadata import (
    DataRowMetadataField,
    DataRowMetadataOntology,
)

from .metadata_ontology import (
    NUMBER,
    TAG,
    rejects,
)


def test_unknown_schemas(mdo: DataRowMetadataOntology) -> None:
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema_id": "clnope", "value": "x"}]),
        "metadata_fields[0].schema_id",
        "unknown metadata schema id 'clnope'",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"name": "tag"}, {"name": "nope", "value": "x"}][1:]),
        "metadata_fields[0].name",
        "unknown metadata schema name 'nope'",
    )


def test_malformed_fields(mdo: DataRowMetadataOntology) -> None:
    rejects(
        lambda: mdo.parse_upsert_metadata([{"value": "x"}]),
        "metadata_fields[0]",
        "schema_id or a name",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([DataRowMetadataField(value="x")]),
        "metadata_fields[0]",
        "schema_id or a name",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"name": "tag"}]), "metadata_fields[0]", "no 'value'"
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema": TAG, "value": "x"}]),
        "metadata_fields[0]",
        "unknown key(s) 'schema'",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema_id": 5, "value": "x"}]),
        "metadata_fields[0].schema_id",
        "must be a string",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata([{"schema_id": TAG, "schemaId": NUMBER, "value": "x"}]),
        "metadata_fields[0].schema_id",
        "differ",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata(["tag"]),  # type: ignore[list-item]
        "metadata_fields[0]",
        "expected a DataRowMetadataField or a dict",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata({"name": "tag", "value": "x"}),  # type: ignore[arg-type]
        "metadata_fields",
        "must be a list",
    )


def test_same_schema_twice_is_rejected(mdo: DataRowMetadataOntology) -> None:
    rejects(
        lambda: mdo.parse_upsert_metadata(
            [
                {"name": "tag", "value": "a"},
                {"name": "score", "value": 1},
                {"schema_id": TAG, "value": "b"},
            ]
        ),
        "metadata_fields[2]",
        "given twice (also metadata_fields[0])",
    )
    rejects(
        lambda: mdo.parse_upsert_metadata(
            [{"name": "split", "value": "train"}, {"name": "split", "value": "test"}]
        ),
        "metadata_fields[1]",
        "given twice",
    )


def test_error_message_names_field_and_reason(mdo: DataRowMetadataOntology) -> None:
    error = rejects(
        lambda: mdo.parse_upsert_metadata([{"name": "tag", "value": 1}]),
        "metadata_fields[0].value",
        "takes a string",
    )
    assert str(error) == "metadata_fields[0].value: 'tag' takes a string, not int"
