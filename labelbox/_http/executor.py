"""Runs GraphQL operations over HTTP: one place for auth, retries, error mapping and
response validation.

Both the generated client (through `LabelboxBaseClient`) and raw documents
(`Client.execute`, `PaginatedCollection`) send every request through a `GraphQLExecutor`.
What a request looks like, what an answer means and when to retry are decided in
`labelbox._http.exchange`, shared with the async executor; this module only sends and waits.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from labelbox._http.exchange import (
    Attempt,
    Build,
    Endpoint,
    Retries,
    experimental_endpoint,
    is_mutation,
)
from labelbox._http.retry import RetryPolicy
from labelbox._responses import parse_response

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")

__all__ = ["GraphQLExecutor", "experimental_endpoint", "is_mutation"]


class GraphQLExecutor:
    """Sends GraphQL requests to one endpoint with the API key, retrying what is safe."""

    def __init__(
        self,
        http: httpx.Client,
        endpoint: str,
        api_key: str,
        *,
        retry: RetryPolicy,
        timeout: float,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.endpoint = endpoint
        self._http = http
        self._target = Endpoint(http, endpoint, api_key, timeout)
        self._retry = retry
        self._timeout = timeout
        self._sleep = sleep
        self._clock = clock

    def __repr__(self) -> str:
        return f"GraphQLExecutor(endpoint={self.endpoint!r})"

    def __call__(
        self,
        query: str,
        operation_name: str | None,
        variables: dict[str, Any],
        *,
        timeout: float | None = None,
        idempotent: bool | None = None,
    ) -> dict[str, Any]:
        """The `data` of the response, or raise the mapped `LabelboxError`.

        Queries are retried on transient failures; mutations only when the
        server cannot have applied them (no connection, or a 429 refusal),
        unless the caller says the operation is `idempotent`.
        """
        return (
            self.send(query, operation_name, variables, timeout=timeout, idempotent=idempotent).data
            or {}
        )

    def send(
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
        return self._send(build, idempotent, operation_name or "GraphQL request")

    def parse(self, model: type[M], data: dict[str, Any], operation_name: str) -> M:
        """A response's `data` validated as an operation's result model."""
        return parse_response(model, data, operation_name)

    def send_form(self, data: Any, files: Any, *, timeout: float | None = None) -> dict[str, Any]:
        """Send a prebuilt multipart GraphQL request (form fields and files); never retried
        once it reached the server."""
        build = self._target.prebuilt_form(data, files, timeout)
        return self._send(build, False, "multipart GraphQL request").data or {}

    def _send(self, build: Build, idempotent: bool, label: str) -> Attempt:
        retries = Retries(self._retry, self._clock(), label, self._target)
        while True:
            request = self._target.built(build, label)
            started = self._clock()
            try:
                attempt = self._target.answered(self._http.send(request), idempotent)
            except Exception as failure:
                attempt = self._target.failed(failure, idempotent)
            retries.log(attempt, self._clock() - started)
            if attempt.error is None:
                return attempt
            self._sleep(retries.delay(attempt, self._clock()))
