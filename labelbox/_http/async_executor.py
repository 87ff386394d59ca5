"""The async twin of `GraphQLExecutor`: the same requests, error mapping, validation and retry
decisions (`labelbox._http.exchange`), sent with `httpx.AsyncClient` and waited for with
`asyncio.sleep`, so that retries never block the event loop."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from labelbox._http.exchange import Attempt, Build, Endpoint, Retries, is_mutation
from labelbox._http.retry import RetryPolicy
from labelbox._responses import parse_response

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")


class AsyncGraphQLExecutor:
    """Sends GraphQL requests to one endpoint with the API key, retrying what is safe."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        endpoint: str,
        api_key: str,
        *,
        retry: RetryPolicy,
        timeout: float,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.endpoint = endpoint
        self._http = http
        self._target = Endpoint(http, endpoint, api_key, timeout)
        self._retry = retry
        self._sleep = sleep
        self._clock = clock

    def __repr__(self) -> str:
        return f"AsyncGraphQLExecutor(endpoint={self.endpoint!r})"

    async def __call__(
        self,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        *,
        timeout: float | None = None,
        idempotent: bool | None = None,
    ) -> dict[str, Any]:
        """The `data` of the response, or raise the mapped `LabelboxError`."""
        attempt = await self.send(
            query, operation_name, variables, timeout=timeout, idempotent=idempotent
        )
        return attempt.data or {}

    async def send(
        self,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        *,
        timeout: float | None = None,
        idempotent: bool | None = None,
    ) -> Attempt:
        """The successful attempt (its `data` and its HTTP response), or raise."""
        if idempotent is None:
            idempotent = not is_mutation(query)
        build = self._target.operation(query.strip(), variables, timeout)
        return await self._send(build, idempotent, operation_name or "GraphQL request")

    def parse(self, model: type[M], data: dict[str, Any], operation_name: str) -> M:
        """A response's `data` validated as an operation's result model."""
        return parse_response(model, data, operation_name)

    async def _send(self, build: Build, idempotent: bool, label: str) -> Attempt:
        retries = Retries(self._retry, self._clock(), label, self._target)
        while True:
            request = self._target.built(build, label)
            started = self._clock()
            try:
                attempt = self._target.answered(await self._http.send(request), idempotent)
            except Exception as failure:
                attempt = self._target.failed(failure, idempotent)
            retries.log(attempt, self._clock() - started)
            if attempt.error is None:
                return attempt
            await self._sleep(retries.delay(attempt, self._clock()))
