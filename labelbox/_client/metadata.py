"""The organization's data-row metadata ontology."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox._client.base import ClientBase

if TYPE_CHECKING:
    from labelbox.schema.data_row_metadata import DataRowMetadataOntology


class MetadataMethods(ClientBase):
    def get_data_row_metadata_ontology(self) -> DataRowMetadataOntology:
        """The organization's data-row metadata schemas (reserved and custom), freshly fetched."""
        from labelbox.schema.data_row_metadata import shared_ontology

        return shared_ontology(self._as_client, fresh=True)
