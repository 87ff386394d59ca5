"""Bad inputs of data-row metadata for `test_bad_inputs`: values, schema and field names, rows,
bulk calls and parsing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from labelbox import exceptions
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataField,
    DataRowMetadataKind,
    DeleteDataRowMetadata,
)

from .bad_inputs_common import SURROGATE, TAG, URL, Case, ontology

METADATA_CASES: dict[str, Case] = {
    "a metadata string with a lone surrogate": (
        lambda c, d, p: d.create_data_rows(
            [{"row_data": URL, "metadata_fields": [{"name": "tag", "value": SURROGATE}]}]
        ),
        exceptions.InvalidMetadataError,
        "item 0: metadata_fields[0].value",
    ),
    "a metadata schema name with a lone surrogate": (
        lambda c, d, p: ontology(c).create_schema(SURROGATE, DataRowMetadataKind.string),
        exceptions.InvalidMetadataError,
        "name: contains a lone surrogate",
    ),
    "a metadata field name with a NUL": (
        lambda c, d, p: ontology(c).parse_upsert_metadata([{"name": "t\x00g", "value": "x"}]),
        exceptions.InvalidMetadataError,
        "metadata_fields[0].name",
    ),
    "a data row id with a lone surrogate in an upsert": (
        lambda c, d, p: ontology(c).bulk_upsert(
            [
                DataRowMetadata(
                    data_row_id=SURROGATE, fields=[DataRowMetadataField(schema_id=TAG, value="x")]
                )
            ]
        ),
        exceptions.InvalidMetadataError,
        "item 0: data_row_id",
    ),
    "an embedding with 10**400": (
        lambda c, d, p: ontology(c).parse_upsert_metadata(
            [{"name": "embedding", "value": [10**400] * 128}]
        ),
        exceptions.InvalidMetadataError,
        "metadata_fields[0].value",
    ),
    "a metadata datetime without a UTC time": (
        lambda c, d, p: ontology(c).parse_upsert_metadata(
            [
                {
                    "name": "captureDateTime",
                    "value": datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
                }
            ]
        ),
        exceptions.InvalidMetadataError,
        "metadata_fields[0].value",
    ),
    "bulk_upsert of a dict": (
        lambda c, d, p: ontology(c).bulk_upsert({"data_row_id": "x"}),  # type: ignore[arg-type]
        exceptions.InvalidMetadataError,
        "metadata: pass a list",
    ),
    "bulk_delete of a number": (
        lambda c, d, p: ontology(c).bulk_delete(7),  # type: ignore[arg-type]
        exceptions.InvalidMetadataError,
        "deletes",
    ),
    "parse_metadata of rows without ids": (
        lambda c, d, p: ontology(c).parse_metadata([{"fields": []}]),
        exceptions.InvalidMetadataError,
        "item 0: dataRowId",
    ),
    "parse_metadata_fields without schema ids": (
        lambda c, d, p: ontology(c).parse_metadata_fields([{"value": 1}]),
        exceptions.InvalidMetadataError,
        "fields[0]",
    ),
    "a delete of a data row id with a NUL": (
        lambda c, d, p: ontology(c).bulk_delete(
            [DeleteDataRowMetadata(data_row_id="a\x00", fields=[TAG])]
        ),
        exceptions.InvalidMetadataError,
        "item 0: data_row_id",
    ),
}
