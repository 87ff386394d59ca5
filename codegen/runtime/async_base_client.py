"""The base class of the generated async client (`AsyncGraphQLClient`).

Like `base_client.py`, it hands every operation to an executor supplied by the SDK, here one
whose `__call__` is a coroutine (`labelbox/_http/async_executor.py`); responses are validated
by the same `parse`. Copied into `labelbox/_generated/` by `make codegen`.
"""

from typing import Any, Protocol, TypeVar

from pydantic import BaseModel as PydanticBaseModel

from .base_client import _to_wire
from .base_model import UNSET

M = TypeVar("M", bound=PydanticBaseModel)


class AsyncOperationExecutor(Protocol):
    """Runs one GraphQL operation (awaitably) and validates its response."""

    async def __call__(
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


class LabelboxAsyncBaseClient:
    """Sends generated operations through an `AsyncOperationExecutor`."""

    def __init__(self, executor: AsyncOperationExecutor) -> None:
        self.executor = executor

    async def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        wire_variables = {
            name: _to_wire(value) for name, value in (variables or {}).items() if value is not UNSET
        }
        return await self.executor(query, operation_name, wire_variables, **kwargs)

    def get_data(self, response: dict[str, Any]) -> dict[str, Any]:
        return response

    def parse(self, model: type[M], data: dict[str, Any]) -> M:
        """The response validated as the operation's result model."""
        return self.executor.parse(model, data, model.__name__)
