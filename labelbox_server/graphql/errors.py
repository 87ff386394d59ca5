"""How errors are written in responses: always with `extensions.code`.

| error | `extensions.code` |
| --- | --- |
| syntax error in the document | `GRAPHQL_PARSE_FAILED` (message starts `Syntax Error:`) |
| validation error, variable coercion error, unknown operation | `GRAPHQL_VALIDATION_FAILED` |
| `labelbox_server.errors.ApiError` raised by a resolver | its `code` |
| anything else | `INTERNAL_SERVER_ERROR` with a generic message (details only in the log) |
"""

from __future__ import annotations

import logging
import re
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError

from ..errors import ApiError

PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
MALFORMED_REQUEST = "MALFORMED_REQUEST"
INTERNAL_MESSAGE = "Internal server error"

logger = logging.getLogger("labelbox_server.graphql")


def error_code(error: GraphQLError) -> str:
    """The `extensions.code` of an error."""
    original = error.original_error
    if isinstance(error, GraphQLSyntaxError):
        return PARSE_FAILED
    if isinstance(original, ApiError):
        return original.code
    if isinstance(original, GraphQLError):
        return error_code(original)
    if error.path is None and (original is None or isinstance(original, ValueError | TypeError)):
        # Validation, variable coercion (incl. scalar parse errors) and operation selection.
        return VALIDATION_FAILED
    if original is None:
        code = (error.extensions or {}).get("code")
        return code if isinstance(code, str) else INTERNAL_SERVER_ERROR
    return INTERNAL_SERVER_ERROR


def is_unexpected(error: GraphQLError) -> bool:
    """Whether the error is a server fault (not the client's)."""
    return error_code(error) == INTERNAL_SERVER_ERROR


# A single-quoted name, variable, type reference or value token, e.g. 'bbb', '$id',
# '[ID!]!', 'Query.projects' (not an apostrophe inside a word).
_QUOTED_TOKEN = re.compile(r"(?<![\w'])'([@$]?[\w.\[\]!-]+)'(?![\w'])")


def graphql_js_wording(message: str) -> str:
    """graphql-core 3.3 quotes names with `'`; graphql-js (the real API) with `"`.

    `Cannot query field 'bbb' on type 'Query'.` → `Cannot query field "bbb" on type "Query".`
    """
    return _QUOTED_TOKEN.sub(r'"\1"', message)


def format_error(error: GraphQLError, debug: bool = False) -> dict[str, Any]:
    """The JSON form of an error (ariadne `error_formatter`)."""
    code = error_code(error)
    formatted: dict[str, Any] = dict(error.formatted)
    if code == INTERNAL_SERVER_ERROR:
        formatted["message"] = INTERNAL_MESSAGE
    elif isinstance(error.original_error, ApiError):
        formatted["message"] = error.original_error.message
    elif code in (PARSE_FAILED, VALIDATION_FAILED):
        formatted["message"] = graphql_js_wording(formatted["message"])
    formatted["extensions"] = {**(formatted.get("extensions") or {}), "code": code}
    return formatted


def error_body(message: str, code: str) -> dict[str, Any]:
    """A response body for errors outside GraphQL execution (HTTP 400/401)."""
    return {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}


class UnexpectedErrorLogger(logging.LoggerAdapter[logging.Logger]):
    """The logger given to ariadne: logs only unexpected errors (with traceback)."""

    def error(self, msg: object, *args: object, **kwargs: Any) -> None:
        if isinstance(msg, GraphQLError) and not is_unexpected(msg):
            return
        super().error(msg, *args, **kwargs)


error_logger = UnexpectedErrorLogger(logger, {})
