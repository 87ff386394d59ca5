"""The base class of the generated client.

It hands every operation to an executor supplied by the SDK (transport, retries,
error mapping and response validation live in `labelbox/_http/`), so the generated
code never builds an HTTP request nor validates a response itself. Copied into
`labelbox/_generated/` by `make codegen`.
"""

from typing import Any, Protocol, TypeVar

from pydantic import BaseModel as PydanticBaseModel

from .base_model import UNSET

M = TypeVar("M", bound=PydanticBaseModel)


class OperationExecutor(Protocol):
    """Runs one GraphQL operation and validates its response."""

    def __call__(
        self,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        *,
        timeout: float | None = None,
        idempotent: bool | None = None,
    ) -> dict[str, Any]:
        """The response's `data` object."""
        ...

    def parse(self, model: type[M], data: dict[str, Any], operation_name: str) -> M:
        """`data` validated as `model`, or the SDK's error when it does not match."""
        ...


class LabelboxBaseClient:
    """Sends generated operations through an `OperationExecutor`."""

    def __init__(self, executor: OperationExecutor) -> None:
        self.executor = executor

    def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        wire_variables = {
            name: _to_wire(value) for name, value in (variables or {}).items() if value is not UNSET
        }
        return self.executor(query, operation_name, wire_variables, **kwargs)

    def get_data(self, response: dict[str, Any]) -> dict[str, Any]:
        return response

    def parse(self, model: type[M], data: dict[str, Any]) -> M:
        """The response validated as the operation's result model."""
        return self.executor.parse(model, data, model.__name__)


def _to_wire(value: Any) -> Any:
    """Input models become dicts of the fields that were set, by GraphQL name."""
    if isinstance(value, PydanticBaseModel):
        return value.model_dump(by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [_to_wire(item) for item in value]
    return value
