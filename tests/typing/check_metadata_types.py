"""Static types of the data-row metadata API, checked by `mypy --strict` (not run)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from typing_extensions import assert_type

import labelbox as lb
from labelbox.schema.data_row_metadata import (
    DataRowMetadata,
    DataRowMetadataBatchResponse,
    DataRowMetadataField,
    DataRowMetadataKind,
    DataRowMetadataOntology,
    DataRowMetadataSchema,
    DeleteDataRowMetadata,
    NormalizedNameIndex,
)


def check_ontology(client: lb.Client) -> None:
    mdo = DataRowMetadataOntology(client)
    assert_type(client.get_data_row_metadata_ontology(), DataRowMetadataOntology)

    assert_type(mdo.fields, list[DataRowMetadataSchema])
    assert_type(mdo.fields_by_id, dict[str, DataRowMetadataSchema])
    assert_type(mdo.reserved_fields, list[DataRowMetadataSchema])
    assert_type(mdo.reserved_by_id, dict[str, DataRowMetadataSchema])
    assert_type(
        mdo.reserved_by_name,
        dict[str, DataRowMetadataSchema | dict[str, DataRowMetadataSchema]],
    )
    assert_type(mdo.reserved_by_name_normalized, NormalizedNameIndex)
    assert_type(mdo.reserved_by_name_normalized["tag"], DataRowMetadataSchema)
    assert_type(mdo.reserved_by_name_normalized.get("tag"), DataRowMetadataSchema | None)
    assert_type(mdo.custom_fields, list[DataRowMetadataSchema])
    assert_type(mdo.custom_by_id, dict[str, DataRowMetadataSchema])
    assert_type(
        mdo.custom_by_name, dict[str, DataRowMetadataSchema | dict[str, DataRowMetadataSchema]]
    )
    assert_type(mdo.custom_by_name_normalized, NormalizedNameIndex)
    assert_type(mdo.get_by_name("split"), DataRowMetadataSchema | dict[str, DataRowMetadataSchema])
    assert_type(mdo.refresh_ontology(), None)


def check_schemas(mdo: DataRowMetadataOntology) -> None:
    schema = mdo.create_schema("weather", DataRowMetadataKind.enum, ["sunny", "rainy"])
    assert_type(schema, DataRowMetadataSchema)
    assert_type(schema.uid, str)
    assert_type(schema.name, str)
    assert_type(schema.reserved, bool)
    assert_type(schema.kind, DataRowMetadataKind)
    assert_type(schema.options, list[DataRowMetadataSchema] | None)
    assert_type(schema.parent, str | None)
    assert_type(mdo.update_schema("weather", "climate"), DataRowMetadataSchema)
    assert_type(mdo.update_enum_option("climate", "rainy", "stormy"), DataRowMetadataSchema)
    assert_type(mdo.delete_schema("climate"), bool)
    mdo.create_schema("x", "CustomMetadataString")  # type: ignore[arg-type]


def check_values(mdo: DataRowMetadataOntology, when: datetime) -> None:
    field = DataRowMetadataField(schema_id="id", value="x")
    by_name = DataRowMetadataField(name="captureDateTime", value=when)
    assert_type(field.schema_id, str | None)
    assert_type(field.name, str | None)
    assert_type(field.value, Any)
    row = DataRowMetadata(data_row_id="row", fields=[field, by_name])
    assert_type(row.data_row_id, str)
    assert_type(row.fields, list[DataRowMetadataField])
    delete = DeleteDataRowMetadata(data_row_id="row", fields=["id"])
    assert_type(delete.fields, list[str])

    assert_type(
        mdo.parse_upsert_metadata([field, {"name": "tag", "value": "x"}]), list[dict[str, Any]]
    )
    assert_type(
        mdo.parse_metadata_fields([{"schemaId": "id", "value": 1}]), list[DataRowMetadataField]
    )
    assert_type(mdo.parse_metadata([{"dataRowId": "row", "fields": []}]), list[DataRowMetadata])

    failures = mdo.bulk_upsert([row])
    assert_type(failures, list[DataRowMetadataBatchResponse])
    assert_type(failures[0].data_row_id, str)
    assert_type(failures[0].error, str | None)
    assert_type(failures[0].fields, list[DataRowMetadataField | str])
    assert_type(mdo.bulk_delete([delete]), list[DataRowMetadataBatchResponse])
    assert_type(mdo.bulk_export(["row"]), list[DataRowMetadata])
    mdo.bulk_export("row")  # type: ignore[arg-type]  # a lone str is refused, as at run time
    mdo.bulk_upsert([field])  # type: ignore[list-item]
