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
    """The exception a decoded response body stands for, or None if it succeeded."""
    errors = body.get("errors") if isinstance(body, Mapping) else None
    errors = errors if isinstance(errors, list) else []
    if not errors:
        message = body.get("message") if isinstance(body, Mapping) else None
        if isinstance(message, str) and message.startswith(_API_LIMIT_PREFIX):
            return exceptions.ApiLimitError(message)
        if status_code == 429:
            return exceptions.ApiLimitError(message or f"429 {reason}")
        if status_code in SERVER_FAILURE_STATUSES:
            return exceptions.InternalServerError(f"{status_code} {reason}", message)
        if status_code != 200:
            return exceptions.LabelboxError(f"{status_code} {reason}", message)
        return None

    if _first(errors, "AUTHENTICATION_ERROR") is not None:
        return exceptions.AuthenticationError("Invalid API key")
    if (error := _first(errors, "AUTHORIZATION_ERROR")) is not None:
        return exceptions.AuthorizationError(_message(error))
    if (error := _first(errors, "GRAPHQL_VALIDATION_FAILED")) is not None:
        if _message(error) == _COMPLEXITY_MESSAGE:
            return exceptions.ValidationFailedError(_message(error))
        return exceptions.InvalidQueryError(_message(error))
    if (error := _first(errors, "GRAPHQL_PARSE_FAILED")) is not None:
        return exceptions.InvalidQueryError(_message(error))
    message = body.get("message") if isinstance(body, Mapping) else None
    if isinstance(message, str) and message.startswith(_API_LIMIT_PREFIX):
        return exceptions.ApiLimitError(message)
    if (error := _first(errors, "RESOURCE_NOT_FOUND")) is not None:
        return exceptions.ResourceNotFoundError(None, _message(error))
    if (error := _first(errors, "RESOURCE_CONFLICT")) is not None:
        return exceptions.ResourceConflict(_message(error))
    if (error := _first(errors, "MALFORMED_REQUEST")) is not None:
        return exceptions.MalformedQueryException(_message(error))
    if (error := _first(errors, "INTERNAL_SERVER_ERROR")) is not None:
        return exceptions.InternalServerError(_message(error))
    if (error := _first(errors, "OPERATION_NOT_ALLOWED")) is not None:
        return exceptions.OperationNotAllowedException(_message(error))
    summary = [{"message": _message(e), "code": error_code(e)} for e in errors]
    return exceptions.LabelboxError(f"Unknown error: {summary}")
