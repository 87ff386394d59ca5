"""What the bulk calls and schema changes refuse before anything is sent, without a server.

Nothing here reaches the network; the ontology is built from the canned schemas of
`metadata_ontology.py`.
"""

from __future__ import annotations

import pytest

from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DeleteDataRowMetadata,
)

from .metadata_ontology import (
    TAG,
    rejects,
)


def test_bulk_upsert_validates_every_row_first(mdo: DataRowMetadataOntology) -> None:
    # no client: reaching the network would raise RuntimeError, not InvalidMetadataError
    rows = [
        DataRowMetadata(data_row_id="a", fields=[DataRowMetadataField(name="tag", value="ok")]),
        DataRowMetadata(
            data_row_id="b",
            fields=[
                DataRowMetadataField(name="tag", value="ok"),
                DataRowMetadataField(name="score", value="x"),
            ],
        ),
    ]
    error = rejects(lambda: mdo.bulk_upsert(rows), "fields[1].value", "finite number", index=1)
    assert str(error).startswith("item 1: fields[1].value:")
    rejects(lambda: mdo.bulk_upsert(["row"]), None, "expected a DataRowMetadata", index=0)  # type: ignore[list-item]


def test_bulk_delete_validates_every_row_first(mdo: DataRowMetadataOntology) -> None:
    rejects(
        lambda: mdo.bulk_delete(
            [
                DeleteDataRowMetadata(data_row_id="a", fields=[TAG]),
                DeleteDataRowMetadata(data_row_id="b", fields=[TAG, "clnope"]),
            ]
        ),
        "fields[1]",
        "unknown metadata schema id",
        index=1,
    )
    rejects(
        lambda: mdo.bulk_delete([DeleteDataRowMetadata(data_row_id="a", fields=[])]),
        "fields",
        "no schema ids",
        index=0,
    )


def test_bulk_export_validates_ids(mdo: DataRowMetadataOntology) -> None:
    rejects(lambda: mdo.bulk_export("abc"), "data_row_ids", "list of data row ids")  # type: ignore[arg-type]
    rejects(lambda: mdo.bulk_export(["a", ""]), "data_row_ids[1]", "not a data row id")


def test_schema_changes_validate_first(mdo: DataRowMetadataOntology) -> None:
    rejects(lambda: mdo.create_schema("x", "CustomMetadataString"), "kind", "DataRowMetadataKind")  # type: ignore[arg-type]
    rejects(lambda: mdo.create_schema("x", DataRowMetadataKind.option), "kind", "with their enum")
    rejects(
        lambda: mdo.create_schema("x", DataRowMetadataKind.string, ["a"]), "options", "only enum"
    )
    rejects(lambda: mdo.create_schema(" ", DataRowMetadataKind.string), "name", "1 to 100")
    rejects(lambda: mdo.create_schema("x" * 101, DataRowMetadataKind.string), "name", "1 to 100")
    rejects(
        lambda: mdo.create_schema("x", DataRowMetadataKind.enum, ["a", "b", "a"]),
        "options[2]",
        "twice",
    )
    rejects(lambda: mdo.update_schema("score", ""), "new_name", "1 to 100")
    rejects(lambda: mdo.update_enum_option("score", "a", "b"), "name", "not an enum")
    with pytest.raises(KeyError, match="reserved"):
        mdo.update_schema("tag", "mine")
    with pytest.raises(KeyError, match="reserved"):
        mdo.delete_schema("split")
    with pytest.raises(KeyError, match="not a custom"):
        mdo.delete_schema("nope")
    with pytest.raises(KeyError, match="no option 'cloudy'"):
        mdo.update_enum_option("Weather", "cloudy", "foggy")
