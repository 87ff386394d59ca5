"""Our SDK against a real local server (the `labelbox_server` fixture) over loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import labelbox as lb
from labelbox.schema.data_row_metadata import DataRowMetadataOntology
from labelbox_server import LocalServer


@pytest.fixture(scope="session")
def client(labelbox_server: LocalServer) -> Iterator[lb.Client]:
    with lb.Client(api_key=labelbox_server.api_key, endpoint=labelbox_server.endpoint) as client:
        yield client


@pytest.fixture(scope="session")
def other_client(labelbox_server: LocalServer) -> Iterator[lb.Client]:
    """A client of a second organization on the same server."""
    api_key = labelbox_server.new_organization(name="Other organization")
    with lb.Client(api_key=api_key, endpoint=labelbox_server.endpoint) as client:
        yield client


@pytest.fixture
def sent(client: lb.Client) -> Iterator[list[str]]:
    """The operation documents `client` sends during the test."""
    documents: list[str] = []

    def record(request: httpx.Request) -> None:
        if request.url.path.endswith(("/graphql", "/_gql")):
            documents.append(json.loads(request.content)["query"])

    hooks = client._gateway.http.event_hooks["request"]
    hooks.append(record)
    yield documents
    hooks.remove(record)


@pytest.fixture
def wire(client: lb.Client) -> Iterator[list[httpx.Request]]:
    """Every request `client` sends during the test (GraphQL, uploads, downloads)."""
    requests: list[httpx.Request] = []
    hooks = client._gateway.http.event_hooks["request"]
    hooks.append(requests.append)
    yield requests
    hooks.remove(requests.append)


@pytest.fixture
def project(client: lb.Client, request: pytest.FixtureRequest) -> Iterator[lb.Project]:
    project = client.create_project(name=f"test {request.node.name}")
    yield project
    project.delete()


@pytest.fixture
def dataset(client: lb.Client, request: pytest.FixtureRequest) -> Iterator[lb.Dataset]:
    dataset = client.create_dataset(name=f"test {request.node.name}")
    yield dataset
    dataset.delete()


# -- data rows (test_data_rows_*.py) ----------------------------------------------------------


@pytest.fixture
def image_file(tmp_path: Path) -> Path:
    path = tmp_path / "pixel.png"
    path.write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    )
    return path


@pytest.fixture
def new_dataset(client: lb.Client, request: pytest.FixtureRequest) -> Iterator[lb.Dataset]:
    dataset = client.create_dataset(name=f"rows {request.node.name}")
    yield dataset
    dataset.delete()


# -- data-row metadata (test_data_row_metadata_*.py) ------------------------------------------


@pytest.fixture
def mdo(client: lb.Client) -> Iterator[DataRowMetadataOntology]:
    """A fresh ontology; custom schemas created during the test are deleted afterwards."""
    ontology = client.get_data_row_metadata_ontology()
    before = set(ontology.custom_by_id)
    yield ontology
    ontology.refresh_ontology()
    for schema in list(ontology.custom_fields):
        if schema.uid not in before:
            ontology.delete_schema(schema.name)
