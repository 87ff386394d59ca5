"""A response that does not match the schema raises `ResponseValidationError`, from every call.

Every operation of the generated client is driven with a wrong-typed response through an
injected transport; so are the public calls built on them. No `pydantic`, `httpx` or `json`
exception may reach a caller.
"""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pydantic
import pytest

import labelbox as lb
from labelbox import exceptions
from labelbox._generated.client import GraphQLClient

ENDPOINT = "http://labelbox.test/graphql"
#: Values tried, in turn, in place of every top-level field of a result until one is refused.
WRONG_VALUES: list[Any] = [12345, "not an object", {"unexpected": {"nested": []}}, [[1, 2]]]


def _operations() -> list[str]:
    return sorted(
        name
        for name, member in vars(GraphQLClient).items()
        if inspect.isfunction(member) and not name.startswith("_")
    )


def _result_model(method: str) -> type[pydantic.BaseModel]:
    module = importlib.import_module(f"labelbox._generated.{method}")
    return next(
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, pydantic.BaseModel)
        and value.__module__ == module.__name__
        and value.__name__.lower() == method.replace("_", "")
    )


def _wrong_data(model: type[pydantic.BaseModel]) -> dict[str, Any]:
    """A `data` object whose top-level fields all have a type the model refuses."""
    data: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        key = field.alias or name
        for value in WRONG_VALUES:
            try:
                model.model_validate({**data, key: value})
            except pydantic.ValidationError as error:
                if any(problem["loc"][:1] == (key,) for problem in error.errors()):
                    data[key] = value
                    break
        else:
            raise AssertionError(f"no wrong value is refused for {model.__name__}.{key}")
    return data


def _arguments(method: Callable[..., Any]) -> dict[str, Any]:
    """Placeholder values for the required arguments (the variables are not what is tested)."""
    return {
        name: "x"
        for name, parameter in inspect.signature(method).parameters.items()
        if parameter.default is inspect.Parameter.empty
        and parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    }


class Answer:
    """A transport giving every request the same `data` (a 200 response)."""

    def __init__(self) -> None:
        self.data: Any = None
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return httpx.Response(200, json={"data": self.data})


@pytest.fixture
def answer() -> Answer:
    return Answer()


@pytest.fixture
def client(answer: Answer) -> Iterator[lb.Client]:
    with lb.Client(api_key="key", endpoint=ENDPOINT, transport=httpx.MockTransport(answer)) as c:
        yield c


def test_the_generated_client_has_operations() -> None:
    assert len(_operations()) > 50


@pytest.mark.parametrize("operation", _operations())
def test_every_operation_rejects_a_wrong_typed_response(
    operation: str, answer: Answer, client: lb.Client
) -> None:
    answer.data = _wrong_data(_result_model(operation))
    method = getattr(client._gateway.ops, operation)
    with pytest.raises(exceptions.ResponseValidationError) as raised:
        method(**_arguments(method))
    assert answer.requests == 1
    assert _result_model(operation).__name__ in str(raised.value)


def _project(client: lb.Client) -> lb.Project:
    return lb.Project(
        client,
        {
            "id": "p1",
            "name": "p",
            "description": "",
            "queueMode": "BATCH",
            "createdAt": "2024-01-01T00:00:00.000Z",
            "updatedAt": "2024-01-01T00:00:00.000Z",
        },
    )


def _dataset(client: lb.Client) -> lb.Dataset:
    return lb.Dataset(
        client,
        {
            "id": "d1",
            "name": "d",
            "description": "",
            "rowCount": 0,
            "createdAt": "2024-01-01T00:00:00.000Z",
            "updatedAt": "2024-01-01T00:00:00.000Z",
        },
    )


PUBLIC_CALLS: dict[str, tuple[Any, Callable[[lb.Client], Any]]] = {
    "project.update": ({"updateProject": {"id": 5}}, lambda c: _project(c).update(name="n")),
    "project.delete": ({"updateProject": []}, lambda c: _project(c).delete()),
    "project.datasets": (
        {"project": {"datasets": [{"id": None}]}},
        lambda c: list(_project(c).datasets()),
    ),
    "project.created_by": ({"project": {"createdBy": "me"}}, lambda c: _project(c).created_by()),
    "project.datasets.connect": (
        {"updateProject": 1},
        lambda c: _project(c).datasets.connect(_dataset(c)),
    ),
    "dataset.data_rows": (
        {"datasetDataRows": {"nodes": 3}},
        lambda c: list(_dataset(c).data_rows()),
    ),
    "client.get_project": ({"project": {"name": 1}}, lambda c: c.get_project("p1")),
    "client.get_projects": ({"projects": "all"}, lambda c: list(c.get_projects())),
    "client.get_datasets": ({"datasets": [1, 2]}, lambda c: c.get_datasets().get_one()),
    "client.create_dataset": ({"createDataset": None}, lambda c: c.create_dataset(name="d")),
    "client.get_user": ({"user": {"email": []}}, lambda c: c.get_user()),
    "client.get_organization": ({"organization": 7}, lambda c: c.get_organization()),
    "client.get_roles": ({"roles": {"x": 1}}, lambda c: c.get_roles()),
    "client.get_data_row": ({"dataRow": {"rowData": 9}}, lambda c: c.get_data_row("r1")),
    "client.upload_data": ({"uploadFile": {"url": None}}, lambda c: c.upload_data(b"x", "a.txt")),
    "client.get_data_row_metadata_ontology": (
        {"customMetadataOntology": [{"id": 1}]},
        lambda c: c.get_data_row_metadata_ontology(),
    ),
    "client.get_data_row_ids_for_external_ids": (
        {"externalIdsToDataRowIds": [{"dataRowId": 1}]},
        lambda c: c.get_data_row_ids_for_external_ids(["e"]),
    ),
    "client.get_labeling_frontends": (
        {"labelingFrontends": [{"name": None}]},
        lambda c: list(c.get_labeling_frontends()),
    ),
    "raw PaginatedCollection": (
        {"projects": [{"id": 1}]},
        lambda c: list(
            lb.PaginatedCollection(c, "query Q { projects { id } }", {}, ["projects"], lb.Project)
        ),
    ),
}


@pytest.mark.parametrize("call", sorted(PUBLIC_CALLS))
def test_public_calls_raise_only_sdk_errors_on_malformed_responses(
    call: str, answer: Answer, client: lb.Client
) -> None:
    data, run = PUBLIC_CALLS[call]
    answer.data = data
    with pytest.raises(exceptions.ResponseValidationError):
        run(client)


def test_validation_errors_say_what_did_not_match(answer: Answer, client: lb.Client) -> None:
    answer.data = {"project": {"id": "p1", "name": 7}}
    with pytest.raises(exceptions.ResponseValidationError) as raised:
        client.get_project("p1")
    message = str(raised.value)
    assert "GetProjectPyApi" in message
    assert "project.name" in message
    json.dumps(message)  # a plain string, safe to log
