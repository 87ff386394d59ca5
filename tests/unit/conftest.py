"""Fixtures of the unit tests: `mdo`, the metadata ontology of `metadata_ontology.py`."""

from __future__ import annotations

import pytest

from labelbox.schema.data_row_metadata import DataRowMetadataOntology

from .metadata_ontology import canned_schemas


@pytest.fixture
def mdo() -> DataRowMetadataOntology:
    return DataRowMetadataOntology._from_schemas(canned_schemas())
