"""One GraphQL exchange, without I/O: how to build the request, what an answer (or a failure
to get one) means, and whether to try again. The sync and async executors drive it.

Keeping the decisions here means both clients retry, map errors and log exactly alike.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from labelbox import exceptions
from labelbox._http import encoding
from labelbox._http.auth import redact_error
from labelbox._http.errors import SERVER_FAILURE_STATUSES, decode_body, exception_for
from labelbox._http.retry import RetryPolicy, parse_retry_after
from labelbox._version import __version__

logger = logging.getLogger("labelbox")

_OPERATION_KEYWORD = re.compile(r"^(?:\s|#[^\n]*\n?|,)*(query|mutation|subscription)\b")
#: The header a server answers with to identify the request (and its log lines).
REQUEST_ID_HEADER = "X-Request-Id"


@functools.lru_cache(maxsize=1024)
def is_mutation(document: str) -> bool:
    """Whether a (single-operation) document is a mutation."""
    match = _OPERATION_KEYWORD.match(document)
    return match is not None and match.group(1) == "mutation"


def experimental_endpoint(endpoint: str) -> str:
    """Labelbox's experimental endpoint: `/graphql` replaced by `/_gql`."""
    return endpoint.replace("/graphql", "/_gql")


Build = Callable[[], httpx.Request]


@dataclass(frozen=True)
class Attempt:
    """The outcome of one HTTP attempt: data, or an exception and whether to retry."""

    data: dict[str, Any] | None = None
    error: exceptions.LabelboxError | None = None
    retryable: bool = False
    retry_after: float | None = None
    not_connected: bool = False
    status: int | None = None
    response: httpx.Response | None = None


class Endpoint:
    """One GraphQL endpoint with its key: builds requests and reads what comes back."""

    def __init__(
        self, http: httpx.Client | httpx.AsyncClient, url: str, api_key: str, timeout: float
    ) -> None:
        self.url = url
        self.api_key = api_key
        self.timeout = timeout
        self._http = http
        self.headers = {
            "Authorization": f"Bearer {api_key}",
            "Accept": "application/json",
            "X-User-Agent": f"python-sdk {__version__}",
        }

    def __repr__(self) -> str:
        return f"Endpoint({self.url!r})"

    # -- requests -------------------------------------------------------------------

    def operation(self, query: str, variables: dict[str, Any], timeout: float | None) -> Build:
        """A builder of the request for a document and its variables (JSON, or the GraphQL
        multipart request when a variable holds an upload)."""
        try:
            wire_variables, uploads = _extract_uploads(variables)
        except RecursionError:
            raise exceptions.InvalidQueryError(
                "the variables are nested too deeply to send"
            ) from None
        request_timeout = httpx.Timeout(self.timeout if timeout is None else timeout)
        if not uploads:
            content = encoding.dumps({"query": query, "variables": wire_variables or None})
            headers = {**self.headers, "Content-Type": "application/json"}
            return lambda: self._http.build_request(
                "POST", self.url, content=content, headers=headers, timeout=request_timeout
            )
        operations = encoding.dumps({"query": query, "variables": wire_variables})
        file_map = encoding.dumps({name: [path] for name, (path, _) in uploads.items()})

        def build_multipart() -> httpx.Request:
            files: dict[str, tuple[str, Any] | tuple[str, Any, str]] = {}
            for name, (_, upload) in uploads.items():
                if upload.content.seekable():
                    upload.content.seek(0)
                if upload.content_type:
                    files[name] = (upload.filename, upload.content, upload.content_type)
                else:
                    files[name] = (upload.filename, upload.content)
            return self.form({"operations": operations, "map": file_map}, files, request_timeout)

        return build_multipart

    def prebuilt_form(self, data: Any, files: Any, timeout: float | None) -> Build:
        """A builder of a prebuilt multipart GraphQL request (form fields and files)."""
        request_timeout = httpx.Timeout(self.timeout if timeout is None else timeout)
        return lambda: self.form(data, files, request_timeout)

    def form(self, data: Any, files: Any, timeout: httpx.Timeout) -> httpx.Request:
        headers = {"Authorization": self.headers["Authorization"]}
        return self._http.build_request(
            "POST", self.url, data=data, files=files, headers=headers, timeout=timeout
        )

    def built(self, build: Build, label: str) -> httpx.Request:
        """The request `build` makes; a request that cannot be built is the caller's error."""
        try:
            return build()
        except (TypeError, ValueError) as failure:  # e.g. form fields of the wrong type
            raise redact_error(
                exceptions.InvalidQueryError(f"The {label} cannot be built: {failure}"),
                self.api_key,
            ) from None

    # -- answers --------------------------------------------------------------------

    def failed(self, failure: Exception, idempotent: bool) -> Attempt:
        """What a failure to get an answer means (raised again if it is not httpx's)."""
        url = self.url
        if isinstance(failure, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout):
            # The request never reached the server: safe to repeat, briefly.
            error = exceptions.NetworkError(f"Cannot connect to {url}: {failure}")
            return Attempt(error=error, retryable=True, not_connected=True)
        if isinstance(failure, httpx.TimeoutException):
            # Sent, but no answer in time: the server may have applied it.
            late = exceptions.TimeoutError(f"Request to {url} timed out: {failure}")
            return Attempt(error=late, retryable=idempotent)
        if isinstance(failure, httpx.TooManyRedirects):
            return Attempt(error=exceptions.NetworkError(f"Too many redirects from {url}"))
        if isinstance(failure, httpx.DecodingError):
            message = f"The response from {url} could not be decoded: {failure}"
            return Attempt(error=exceptions.NetworkError(message))
        if isinstance(failure, httpx.TransportError):
            broken = exceptions.NetworkError(f"Request to {url} failed: {failure}")
            return Attempt(error=broken, retryable=idempotent)
        if isinstance(failure, httpx.HTTPError | httpx.InvalidURL | httpx.StreamError):
            return Attempt(error=exceptions.NetworkError(f"Request to {url} failed: {failure!r}"))
        raise failure

    def answered(self, response: httpx.Response, idempotent: bool) -> Attempt:
        """What an answer means: its `data`, or the mapped error and whether to retry."""
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
                return Attempt(data=data, status=response.status_code, response=response)
            what = "has no data" if isinstance(body, dict) else "is not a JSON object"
            error = exceptions.ResponseValidationError(f"Response {what}")
        error.status_code = response.status_code
        error.request_id = response.headers.get(REQUEST_ID_HEADER)
        refused = response.status_code == 429 or isinstance(error, exceptions.ApiLimitError)
        transient = response.status_code in SERVER_FAILURE_STATUSES or isinstance(
            error, exceptions.InternalServerError
        )
        return Attempt(
            error=error,
            retryable=refused or (idempotent and transient),
            retry_after=retry_after,
            status=response.status_code,
            response=response,
        )


class Retries:
    """Decides, attempt after attempt, whether to try again and after how long."""

    def __init__(self, policy: RetryPolicy, started: float, label: str, endpoint: Endpoint) -> None:
        self.policy = policy
        self.started = started
        self.label = label
        self.endpoint = endpoint
        self.count = 0

    def log(self, attempt: Attempt, elapsed: float) -> None:
        """One DEBUG line per attempt: operation, endpoint, status, duration (never the key)."""
        if logger.isEnabledFor(logging.DEBUG):
            request_id = (
                attempt.response.headers.get(REQUEST_ID_HEADER) if attempt.response else None
            )
            logger.debug(
                "%s to %s: %s in %.1f ms%s%s",
                self.label,
                self.endpoint.url,
                f"HTTP {attempt.status}" if attempt.status is not None else "no answer",
                elapsed * 1000,
                f" (retry {self.count})" if self.count else "",
                f" [request {request_id}]" if request_id else "",
            )

    def delay(self, attempt: Attempt, now: float) -> float:
        """Seconds to wait before the next attempt; raises the (redacted) error when there
        is none."""
        assert attempt.error is not None
        error = redact_error(attempt.error, self.endpoint.api_key)
        self.count += 1
        policy = self.policy
        delay = policy.delay(self.count, attempt.retry_after) if attempt.retryable else None
        budget = policy.max_connect_elapsed if attempt.not_connected else policy.max_elapsed
        if delay is None or now - self.started + delay > budget:
            raise error
        logger.warning(
            "Retrying %s to %s in %.2fs (retry %d of %d) after: %s",
            self.label,
            self.endpoint.url,
            delay,
            self.count,
            policy.max_retries,
            error,
        )
        return delay


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
