"""Bulk calls on data rows' metadata: upsert, delete and export, in requests of `BATCH_SIZE` rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from labelbox._types import SequenceNotStr
from labelbox.exceptions import InvalidMetadataError
from labelbox.schema._metadata.fields import FieldMethods
from labelbox.schema._metadata.inputs import check_data_row_id, check_rows
from labelbox.schema._metadata.models import (
    DataRowMetadata,
    DataRowMetadataBatchResponse,
    DeleteDataRowMetadata,
)
from labelbox.schema._metadata.ontology import Refresher

if TYPE_CHECKING:
    from labelbox._generated.input_types import (
        DataRowCustomMetadataBatchDeleteInput,
        DataRowCustomMetadataBatchUpsertInput,
    )

T = TypeVar("T")


class BulkMethods(FieldMethods):
    """The bulk calls of `DataRowMetadataOntology`: every row is checked before any is sent."""

    def bulk_upsert(
        self, metadata: Sequence[DataRowMetadata]
    ) -> list[DataRowMetadataBatchResponse]:
        """Set metadata values on data rows; returns the rows that failed (`[]` if none).

        >>> mdo.bulk_upsert([DataRowMetadata(data_row_id=row.uid, fields=[
        ...     DataRowMetadataField(name="tag", value="sunny")])])

        Every row is validated before anything is sent (`InvalidMetadataError`,
        with `index` the row's position); rows go in requests of 50. Values of
        schemas not given are kept.
        """
        from labelbox._generated.input_types import DataRowCustomMetadataBatchUpsertInput

        refresher = Refresher(self)
        inputs: list[DataRowCustomMetadataBatchUpsertInput] = []
        for index, row in enumerate(check_rows(metadata, "metadata")):
            if not isinstance(row, DataRowMetadata):
                raise InvalidMetadataError("expected a DataRowMetadata", index=index)
            check_data_row_id(row.data_row_id, "data_row_id", index)
            fields = self._flatten(row.fields, refresher, "fields", index)
            inputs.append(
                DataRowCustomMetadataBatchUpsertInput.model_validate(
                    {"dataRowId": row.data_row_id, "fields": fields}
                )
            )
        client = self._require_client()
        failures: list[DataRowMetadataBatchResponse] = []
        for batch in _batches(inputs, self._batch_size):
            result = client._gateway.ops.upsert_data_row_metadata_beta_py_api(batch)
            for item in result.upsert_data_row_custom_metadata:
                raw = [{"schemaId": f.schema_id, "value": f.value} for f in item.fields]
                failures.append(
                    DataRowMetadataBatchResponse(
                        data_row_id=item.data_row_id,
                        error=item.error,
                        fields=list(self._parse_fields(raw, Refresher(self, refresh=False))),
                    )
                )
        return failures

    def bulk_delete(
        self, deletes: Sequence[DeleteDataRowMetadata]
    ) -> list[DataRowMetadataBatchResponse]:
        """Remove metadata values from data rows; returns the rows that failed (`[]` if none).

        >>> mdo.bulk_delete([DeleteDataRowMetadata(data_row_id=row.uid, fields=[tag_id])])

        Schemas without a value on the row are fine. Every schema id is checked
        before anything is sent; rows go in requests of 50.
        """
        from labelbox._generated.input_types import DataRowCustomMetadataBatchDeleteInput

        refresher = Refresher(self)
        inputs: list[DataRowCustomMetadataBatchDeleteInput] = []
        for index, row in enumerate(check_rows(deletes, "deletes")):
            if not isinstance(row, DeleteDataRowMetadata):
                raise InvalidMetadataError("expected a DeleteDataRowMetadata", index=index)
            check_data_row_id(row.data_row_id, "data_row_id", index)
            if not row.fields:
                raise InvalidMetadataError("no schema ids given", field="fields", index=index)
            schema_ids: dict[str, None] = {}
            for position, schema_id in enumerate(row.fields):
                schema = refresher.by_id(schema_id)
                if schema is None:
                    raise InvalidMetadataError(
                        f"unknown metadata schema id {schema_id!r}",
                        field=f"fields[{position}]",
                        index=index,
                    )
                schema_ids[schema.uid] = None
                # An enum's value lives in its option's entry too: remove both.
                for option in schema.options or []:
                    schema_ids[option.uid] = None
            inputs.append(
                DataRowCustomMetadataBatchDeleteInput.model_validate(
                    {"dataRowId": row.data_row_id, "schemaIds": list(schema_ids)}
                )
            )
        client = self._require_client()
        failures: list[DataRowMetadataBatchResponse] = []
        for batch in _batches(inputs, self._batch_size):
            result = client._gateway.ops.delete_data_row_metadata_beta_py_api(batch)
            failures.extend(
                DataRowMetadataBatchResponse(
                    data_row_id=item.data_row_id,
                    error=item.error,
                    fields=[f.schema_id for f in item.fields],
                )
                for item in result.delete_data_row_custom_metadata
            )
        return failures

    def bulk_export(self, data_row_ids: SequenceNotStr[str]) -> list[DataRowMetadata]:
        """The metadata of each data row, in the order given (empty `fields` if none).

        >>> mdo.bulk_export([row.uid for row in rows])

        Rows go in requests of 50.
        """
        ids = list(check_rows(data_row_ids, "data_row_ids", "a list of data row ids"))
        for position, data_row_id in enumerate(ids):
            check_data_row_id(data_row_id, f"data_row_ids[{position}]", None)
        client = self._require_client()
        refresher = Refresher(self)
        exported: list[DataRowMetadata] = []
        for batch in _batches(ids, self._batch_size):
            result = client._gateway.ops.data_row_custom_metadata_py_api(batch)
            by_id = {item.data_row_id: item for item in result.data_row_custom_metadata}
            for data_row_id in batch:
                item = by_id.get(data_row_id)
                raw = [] if item is None else item.fields
                fields = self._parse_fields(
                    ({"schemaId": f.schema_id, "value": f.value} for f in raw), refresher
                )
                exported.append(DataRowMetadata(data_row_id=data_row_id, fields=fields))
        return exported


def _batches(items: Sequence[T], size: int) -> Iterable[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])
