"""Translates Labelbox API responses into `labelbox.exceptions`.

The order of the checks is Labelbox's: the first matching `extensions.code`
across all errors decides the exception.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import httpx

from labelbox import exceptions

_CONNECTION_RESET = "upstream connect error or disconnect/reset before headers"
_API_LIMIT_PREFIX = "You have exceeded"
_COMPLEXITY_MESSAGE = "Query complexity limit exceeded"
#: Statuses of a server that failed (or a gateway in front of it), whatever the body says.
SERVER_FAILURE_STATUSES = frozenset({500, 502, 503, 504})


def decode_body(response: httpx.Response) -> Any:
    """The JSON body, or raise the exception a non-JSON answer means.

    A body nested too deeply to decode raises `ResponseValidationError`.
    """
    try:
        return response.json()
    except RecursionError:
        raise exceptions.ResponseValidationError(
            f"The response (HTTP {response.status_code}) is nested too deeply to decode"
        ) from None
    except ValueError:
        text = response.text
        if _CONNECTION_RESET in text:
            raise exceptions.InternalServerError("Connection reset") from None
        if response.status_code in SERVER_FAILURE_STATUSES:
            raise exceptions.InternalServerError(
                f"{response.status_code} {response.reason_phrase}"
            ) from None
        if response.status_code == 429:
            raise exceptions.ApiLimitError(f"429 {response.reason_phrase}") from None
        snippet = text[:200]
        raise exceptions.LabelboxError(
            f"Failed to parse response as JSON (HTTP {response.status_code}): {snippet!r}"
        ) from None


def error_code(error: Any) -> str | None:
    if not isinstance(error, Mapping):
        return None
    extensions = error.get("extensions")
    if not isinstance(extensions, Mapping):
        return None
    code = extensions.get("code")
    return code if isinstance(code, str) else None


def _message(error: Any) -> str:
    if isinstance(error, Mapping):
        return str(error.get("message", ""))
    return str(error)


def _first(errors: Sequence[Any], code: str) -> Any | None:
    for error in errors:
        if error_code(error) == code:
            return error
    return None


def exception_for(status_code: int, reason: str, body: Any) -> exceptions.LabelboxError | None:
    """The exception a decoded response body stands for, or None if it succeeded.

    Its `code` is the `extensions.code` that decided it (the first, in Labelbox's order, of
    the codes the response has).
    """
    errors = body.get("errors") if isinstance(body, Mapping) else None
    errors = errors if isinstance(errors, list) else []
    message = body.get("message") if isinstance(body, Mapping) else None
    if not errors:
        if isinstance(message, str) and message.startswith(_API_LIMIT_PREFIX):
            return exceptions.ApiLimitError(message)
        if status_code == 429:
            return exceptions.ApiLimitError(message or f"429 {reason}")
        if status_code in SERVER_FAILURE_STATUSES:
            return exceptions.InternalServerError(f"{status_code} {reason}", message)
        if status_code != 200:
            return exceptions.LabelboxError(f"{status_code} {reason}", message)
        return None
    for code in _ORDER:
        error = _first(errors, code)
        if error is not None:
            found = _exception(code, _message(error))
            found.code = code
            return found
        # Labelbox checks its rate-limit message right after the query-shape errors.
        if (
            code == "GRAPHQL_PARSE_FAILED"
            and isinstance(message, str)
            and message.startswith(_API_LIMIT_PREFIX)
        ):
            return exceptions.ApiLimitError(message)
    summary = [{"message": _message(e), "code": error_code(e)} for e in errors]
    unknown = exceptions.LabelboxError(f"Unknown error: {summary}")
    unknown.code = next((c for c in map(error_code, errors) if c), None)
    return unknown


#: The codes that decide the exception, in the order Labelbox's SDK checks them.
_ORDER = (
    "AUTHENTICATION_ERROR",
    "AUTHORIZATION_ERROR",
    "GRAPHQL_VALIDATION_FAILED",
    "GRAPHQL_PARSE_FAILED",
    "RESOURCE_NOT_FOUND",
    "RESOURCE_CONFLICT",
    "MALFORMED_REQUEST",
    "INTERNAL_SERVER_ERROR",
    "OPERATION_NOT_ALLOWED",
)


def _exception(code: str, message: str) -> exceptions.LabelboxError:
    if code == "AUTHENTICATION_ERROR":
        return exceptions.AuthenticationError("Invalid API key")
    if code == "AUTHORIZATION_ERROR":
        return exceptions.AuthorizationError(message)
    if code == "GRAPHQL_VALIDATION_FAILED" and message == _COMPLEXITY_MESSAGE:
        return exceptions.ValidationFailedError(message)
    if code in ("GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED"):
        return exceptions.InvalidQueryError(message)
    if code == "RESOURCE_NOT_FOUND":
        return exceptions.ResourceNotFoundError(None, message)
    if code == "RESOURCE_CONFLICT":
        return exceptions.ResourceConflict(message)
    if code == "MALFORMED_REQUEST":
        return exceptions.MalformedQueryException(message)
    if code == "INTERNAL_SERVER_ERROR":
        return exceptions.InternalServerError(message)
    return exceptions.OperationNotAllowedException(message)
