"""What the case tables of `test_bad_inputs` share: the bad text, a URL, a reserved metadata
schema id, the shared metadata ontology, and the shape of a case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import labelbox as lb
from labelbox import exceptions
from labelbox.schema.data_row_metadata import DataRowMetadataOntology, shared_ontology

SURROGATE = "bad \ud800 text"
URL = "https://example.com/a.jpg"
TAG = "cko8s9r5v0001h2dk9elqdidh"


def ontology(client: lb.Client) -> DataRowMetadataOntology:
    return shared_ontology(client)


Call = Callable[[lb.Client, lb.Dataset, lb.Project], Any]

#: (call, exception, text the message must hold: the field, and the item if any).
Case = tuple[Call, type[exceptions.LabelboxError], str]
