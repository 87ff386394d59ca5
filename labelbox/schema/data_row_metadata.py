"""Data-row metadata: the ontology of metadata schemas, and metadata values on data rows.

>>> mdo = client.get_data_row_metadata_ontology()
>>> mdo.reserved_by_name["split"]            # an enum: {"train": schema, "test": ..., ...}
>>> mdo.bulk_upsert([DataRowMetadata(data_row_id=row.uid, fields=[
...     DataRowMetadataField(schema_id=mdo.reserved_by_name["tag"].uid, value="sunny"),
...     DataRowMetadataField(name="split", value="train"),      # an option's name or id
... ])])
[]

Values are checked against their schema's kind before anything is sent:
strings (at most 4,096 characters), numbers, datetimes (a `datetime` or an ISO
8601 string; naive ones are local time), embeddings (lists of floats: exactly
128 for the reserved `embedding`, at most 2,048 otherwise) and enums (the
option's schema id or name). Invalid input raises `InvalidMetadataError`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any  # noqa: F401 (`Any`: the models' annotations, below)

# The exceptions were importable from here before `_metadata` existed; they still are.
from labelbox.exceptions import (  # noqa: F401
    InvalidMetadataError,
    LabelboxError,
    ResponseValidationError,
    UnknownMetadataSchemaError,
)
from labelbox.schema._metadata.bulk import BulkMethods as _BulkMethods
from labelbox.schema._metadata.models import BATCH_SIZE as BATCH_SIZE
from labelbox.schema._metadata.models import EMBEDDING_LENGTH as EMBEDDING_LENGTH
from labelbox.schema._metadata.models import MAX_EMBEDDING_LENGTH as MAX_EMBEDDING_LENGTH
from labelbox.schema._metadata.models import MAX_STRING_LENGTH as MAX_STRING_LENGTH
from labelbox.schema._metadata.models import DataRowMetadata as DataRowMetadata
from labelbox.schema._metadata.models import (
    DataRowMetadataBatchResponse as DataRowMetadataBatchResponse,
)
from labelbox.schema._metadata.models import DataRowMetadataField as DataRowMetadataField
from labelbox.schema._metadata.models import DataRowMetadataKind as DataRowMetadataKind
from labelbox.schema._metadata.models import DataRowMetadataSchema as DataRowMetadataSchema
from labelbox.schema._metadata.models import DeleteDataRowMetadata as DeleteDataRowMetadata
from labelbox.schema._metadata.models import Embedding as Embedding
from labelbox.schema._metadata.models import NameIndexEntry as NameIndexEntry
from labelbox.schema._metadata.models import NormalizedNameIndex as NormalizedNameIndex
from labelbox.schema._metadata.models import SchemaName as SchemaName
from labelbox.schema._metadata.models import String as String
from labelbox.schema._metadata.ontology import OntologyBase as _OntologyBase
from labelbox.schema._metadata.schemas import SchemaMethods as _SchemaMethods

if TYPE_CHECKING:
    from labelbox.client import Client

logger = logging.getLogger(__name__)

# The models present themselves as this module's (reprs, pickles, `help()`), as before the split;
# their annotations (`DataRowMetadataField.value: Any`, ...) resolve in this module's names.
for _public in (
    DataRowMetadataKind,
    DataRowMetadataSchema,
    DataRowMetadataField,
    DataRowMetadata,
    DeleteDataRowMetadata,
    DataRowMetadataBatchResponse,
    NormalizedNameIndex,
):
    _public.__module__ = __name__
del _public


class DataRowMetadataOntology(_SchemaMethods, _BulkMethods):
    """The metadata schemas of the organization, reserved and custom, and bulk metadata calls.

    >>> mdo = client.get_data_row_metadata_ontology()
    >>> mdo.reserved_by_name["tag"].uid
    'cko8s9r5v0001h2dk9elqdidh'

    Indexes (rebuilt by `refresh_ontology()` and after every schema change):
    `fields` (every schema), `fields_by_id` (options included), and for each of
    `reserved_` and `custom_`: `*_fields`, `*_by_id`, `*_by_name` (an enum maps to
    `{option name: option schema}`, other kinds to the schema) and
    `*_by_name_normalized` (a `NormalizedNameIndex`: any case and spacing of a
    name finds the schema). Reserved names are searched before custom ones.
    """

    def __init__(self, client: Client) -> None:
        super().__init__(client)
        self._build(self._fetch_schemas())

    @classmethod
    def _from_schemas(
        cls, schemas: Iterable[DataRowMetadataSchema], client: Client | None = None
    ) -> DataRowMetadataOntology:
        """An ontology over given schemas (for tests); without a client it never refreshes."""
        ontology = cls.__new__(cls)
        _OntologyBase.__init__(ontology, client)
        ontology._build(schemas)
        return ontology


def shared_ontology(client: Client, *, fresh: bool = False) -> DataRowMetadataOntology:
    """The client's metadata ontology, fetched once and reused (again with `fresh`)."""
    return client._gateway.shared(
        DataRowMetadataOntology, lambda: DataRowMetadataOntology(client), fresh=fresh
    )
