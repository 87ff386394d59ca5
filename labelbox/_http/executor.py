"""Runs GraphQL operations over HTTP: one place for auth, retries, error mapping and
response validation.

Both the generated client (through `LabelboxBaseClient`) and raw documents
(`Client.execute`, `PaginatedCollection`) send every request through a `GraphQLExecutor`.
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from labelbox import exceptions
from labelbox._http import encoding
from labelbox._http.auth import redact_error
from labelbox._http.errors import SERVER_FAILURE_STATUSES, decode_body, exception_for
from labelbox._http.retry import RetryPolicy, parse_retry_after
from labelbox._responses import parse_response
from labelbox._version import __version__

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")

logger = logging.getLogger("labelbox")

_OPERATION_KEYWORD = re.compile(r"^(?:\s|#[^\n]*\n?|,)*(query|mutation|subscription)\b")


@functools.lru_cache(maxsize=1024)
def is_mutation(document: str) -> bool:
    """Whether a (single-operation) document is a mutation."""
    match = _OPERATION_KEYWORD.match(document)
    return match is not None and match.group(1) == "mutation"


def experimental_endpoint(endpoint: str) -> str:
    """Labelbox's experimental endpoint: `/graphql` replaced by `/_gql`."""
    return endpoint.replace("/graphql", "/_gql")


class _Attempt:
    """The outcome of one HTTP attempt: data, or an exception and whether to retry."""

    __slots__ = ("data", "error", "not_connected", "retry_after", "retryable")

    def __init__(
        self,
        data: dict[str, Any] | None = None,
        error: exceptions.LabelboxError | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
        not_connected: bool = False,
    ) -> None:
        self.data = data
        self.error = error
        self.retryable = retryable
        self.retry_after = retry_after
        self.not_connected = not_connected


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
        self._api_key = api_key
        self._headers = {
            "Authorization": f"Bearer {api_key}",
            "Accept": "application/json",
            "X-User-Agent": f"python-sdk {__version__}",
        }
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
        if idempotent is None:
            idempotent = not is_mutation(query)
        build = self._request_builder(query.strip(), variables, timeout)
        return self._send(build, idempotent, operation_name or "GraphQL request")

    def parse(self, model: type[M], data: dict[str, Any], operation_name: str) -> M:
        """A response's `data` validated as an operation's result model."""
        return parse_response(model, data, operation_name)

    def send_form(self, data: Any, files: Any, *, timeout: float | None = None) -> dict[str, Any]:
        """Send a prebuilt multipart GraphQL request (form fields and files); never retried
        once it reached the server."""
        request_timeout = httpx.Timeout(self._timeout if timeout is None else timeout)
        headers = {"Authorization": self._headers["Authorization"]}

        def build() -> httpx.Request:
            return self._http.build_request(
                "POST",
                self.endpoint,
                data=data,
                files=files,
                headers=headers,
                timeout=request_timeout,
            )

        return self._send(build, False, "multipart GraphQL request")

    def _send(
        self, build: Callable[[], httpx.Request], idempotent: bool, label: str
    ) -> dict[str, Any]:
        started = self._clock()
        retries = 0
        while True:
            try:
                request = build()
            except (TypeError, ValueError) as failure:  # e.g. form fields of the wrong type
                raise redact_error(
                    exceptions.InvalidQueryError(f"The {label} cannot be built: {failure}"),
                    self._api_key,
                ) from None
            attempt = self._attempt(request, idempotent)
            if attempt.error is None:
                assert attempt.data is not None
                return attempt.data
            error = redact_error(attempt.error, self._api_key)
            retries += 1
            delay = self._retry.delay(retries, attempt.retry_after) if attempt.retryable else None
            budget = (
                self._retry.max_connect_elapsed
                if attempt.not_connected
                else self._retry.max_elapsed
            )
            if delay is None or self._clock() - started + delay > budget:
                raise error
            logger.warning(
                "Retrying %s to %s in %.2fs (retry %d of %d) after: %s",
                label,
                self.endpoint,
                delay,
                retries,
                self._retry.max_retries,
                error,
            )
            self._sleep(delay)

    # -- one attempt -------------------------------------------------------------

    def _attempt(self, request: httpx.Request, idempotent: bool) -> _Attempt:
        try:
            response = self._http.send(request)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            # The request never reached the server: safe to repeat, briefly.
            unreachable = exceptions.NetworkError(f"Cannot connect to {self.endpoint}: {exc}")
            return _Attempt(error=unreachable, retryable=True, not_connected=True)
        except httpx.TimeoutException as exc:
            # Sent, but no answer in time: the server may have applied it.
            late = exceptions.TimeoutError(f"Request to {self.endpoint} timed out: {exc}")
            return _Attempt(error=late, retryable=idempotent)
        except httpx.TooManyRedirects:
            looped = exceptions.NetworkError(f"Too many redirects from {self.endpoint}")
            return _Attempt(error=looped)
        except httpx.DecodingError as exc:
            garbled = exceptions.NetworkError(
                f"The response from {self.endpoint} could not be decoded: {exc}"
            )
            return _Attempt(error=garbled)
        except httpx.TransportError as exc:
            broken = exceptions.NetworkError(f"Request to {self.endpoint} failed: {exc}")
            return _Attempt(error=broken, retryable=idempotent)
        except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
            failed = exceptions.NetworkError(f"Request to {self.endpoint} failed: {exc!r}")
            return _Attempt(error=failed)

        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        try:
            body = decode_body(response)
            error = exception_for(response.status_code, response.reason_phrase, body)
        except exceptions.LabelboxError as exc:
            error = exc
            body = None
        if error is None:
            data = body.get("data") if isinstance(body, dict) else None
            if isinstance(data, dict):
                return _Attempt(data=data)
            what = "has no data" if isinstance(body, dict) else "is not a JSON object"
            error = exceptions.ResponseValidationError(f"Response {what}")
        refused = response.status_code == 429 or isinstance(error, exceptions.ApiLimitError)
        transient = response.status_code in SERVER_FAILURE_STATUSES or isinstance(
            error, exceptions.InternalServerError
        )
        return _Attempt(
            error=error,
            retryable=refused or (idempotent and transient),
            retry_after=retry_after,
        )

    # -- building requests ---------------------------------------------------------

    def _request_builder(
        self, query: str, variables: dict[str, Any], timeout: float | None
    ) -> Callable[[], httpx.Request]:
        try:
            wire_variables, uploads = _extract_uploads(variables)
        except RecursionError:
            raise exceptions.InvalidQueryError(
                "the variables are nested too deeply to send"
            ) from None
        request_timeout = httpx.Timeout(self._timeout if timeout is None else timeout)
        if not uploads:
            content = encoding.dumps({"query": query, "variables": wire_variables or None})
            headers = {**self._headers, "Content-Type": "application/json"}

            def build_json() -> httpx.Request:
                return self._http.build_request(
                    "POST",
                    self.endpoint,
                    content=content,
                    headers=headers,
                    timeout=request_timeout,
                )

            return build_json

        operations = encoding.dumps({"query": query, "variables": wire_variables})
        file_map = encoding.dumps({name: [path] for name, (path, _) in uploads.items()})
        headers = {"Authorization": self._headers["Authorization"]}

        def build_multipart() -> httpx.Request:
            files: dict[str, tuple[str, Any] | tuple[str, Any, str]] = {}
            for name, (_, upload) in uploads.items():
                if upload.content.seekable():
                    upload.content.seek(0)
                if upload.content_type:
                    files[name] = (upload.filename, upload.content, upload.content_type)
                else:
                    files[name] = (upload.filename, upload.content)
            return self._http.build_request(
                "POST",
                self.endpoint,
                data={"operations": operations, "map": file_map},
                files=files,
                headers=headers,
                timeout=request_timeout,
            )

        return build_multipart


def _extract_uploads(variables: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Variables with each `Upload` replaced by null, and the uploads by part name."""
    from labelbox._generated.base_model import Upload

    uploads: dict[str, tuple[str, Upload]] = {}

    def walk(path: str, value: Any) -> Any:
        if isinstance(value, Upload):
            uploads[str(len(uploads) + 1)] = (path, value)
            return None
        if isinstance(value, dict):
            return {key: walk(f"{path}.{key}", item) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(f"{path}.{index}", item) for index, item in enumerate(value)]
        return value

    wire = {key: walk(f"variables.{key}", value) for key, value in variables.items()}
    return wire, uploads
