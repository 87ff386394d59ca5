"""Turn an HTTP request body into a GraphQL request (`{"query", "variables", "operationName"}`).

Accepted bodies:

* JSON: `{"query": ..., "variables": {...} | null, "operationName": ... | null}`;
* GraphQL multipart (https://github.com/jaydenseric/graphql-multipart-request-spec): a form
  field `operations` (that JSON), a field `map` (`{"<part name>": ["variables.file", ...]}`)
  and file parts with any names (the official SDK names its part `"1"`). Each file is put
  into the variables at the mapped paths, as a Starlette `UploadFile` (the `Upload` scalar).

The body is read in chunks and abandoned as soon as it passes its limit (`BodyTooLarge`, HTTP
413), whatever `Content-Length` says. JSON nesting deeper than the limit, `NaN` / `Infinity`
and anything that is not a GraphQL request are a `BadRequest` (HTTP 400).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ariadne.exceptions import HttpBadRequestError
from ariadne.file_uploads import combine_multipart_data
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import Message, Receive

#: Room for the multipart envelope around the file of an upload.
MULTIPART_OVERHEAD = 1024 * 1024


class BadRequest(Exception):
    """The body is not a GraphQL request."""


class BodyTooLarge(BadRequest):
    """The body is longer than its limit."""

    def __init__(self, limit: int, what: str = "The request body") -> None:
        super().__init__(f"{what} is larger than {limit} bytes")
        self.limit = limit


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def json_depth(value: Any) -> int:
    """Nesting of objects and lists in a decoded JSON value (a scalar is 0), iteratively."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)
        else:
            continue
        deepest = max(deepest, depth + 1)
    return deepest


def _load_json(text: str | bytes, what: str, max_depth: int) -> Any:
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise BadRequest(f"{what} nests deeper than {max_depth} levels") from None
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(f"{what} is not valid JSON") from None
    if json_depth(value) > max_depth:
        raise BadRequest(f"{what} nests deeper than {max_depth} levels")
    return value


def graphql_request(payload: Any) -> dict[str, Any]:
    """Check that `payload` is one GraphQL request and return it."""
    if not isinstance(payload, dict):
        raise BadRequest("The request body must be a JSON object")
    query = payload.get("query")
    if not isinstance(query, str) or not query.strip():
        raise BadRequest("The request must contain a non-empty `query` string")
    variables = payload.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise BadRequest("`variables` must be an object or null")
    operation_name = payload.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise BadRequest("`operationName` must be a string or null")
    return {"query": query, "variables": variables, "operationName": operation_name}


def combine_multipart(
    operations: str, files_map: str, files: Mapping[str, Any], *, max_json_depth: int = 64
) -> dict[str, Any]:
    """The GraphQL request of a multipart body: `operations` with `files` put in place."""
    payload = _load_json(operations, "`operations`", max_json_depth)
    mapping = _load_json(files_map, "`map`", max_json_depth)
    if isinstance(payload, list):
        raise BadRequest("Batched operations are not supported")
    try:
        combined = combine_multipart_data(payload, mapping, files)
    except HttpBadRequestError as error:
        raise BadRequest(error.message or "Invalid multipart request") from None
    return graphql_request(combined)


def limited_receive(receive: Receive, limit: int) -> Receive:
    """`receive`, raising `BodyTooLarge` once the body it delivered passes `limit` bytes."""
    seen = 0

    async def receive_limited() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(limit)
        return message

    return receive_limited


def is_multipart(request: Request) -> bool:
    return request.headers.get("content-type", "").startswith("multipart/form-data")


def body_limit(request: Request, *, max_body_bytes: int, max_upload_bytes: int) -> int:
    """The most bytes `request`'s body may have: uploads get the upload limit."""
    if is_multipart(request):
        return max_upload_bytes + MULTIPART_OVERHEAD
    return max_body_bytes


async def read_graphql_request(
    request: Request, *, max_body_bytes: int, max_upload_bytes: int, max_json_depth: int
) -> dict[str, Any]:
    """The GraphQL request in `request`'s body (JSON or multipart), within the limits."""
    limit = body_limit(request, max_body_bytes=max_body_bytes, max_upload_bytes=max_upload_bytes)
    length = request.headers.get("content-length", "")
    if length.isascii() and length.isdigit() and (len(length) > 18 or int(length) > limit):
        raise BodyTooLarge(limit)
    request = Request(request.scope, limited_receive(request.receive, limit))
    if is_multipart(request):
        try:
            form = await request.form()
        except HTTPException as error:
            raise BadRequest(error.detail) from None
        operations = form.get("operations")
        files_map = form.get("map")
        if not isinstance(operations, str) or not isinstance(files_map, str):
            raise BadRequest("A multipart request needs `operations` and `map` fields")
        files = {name: value for name, value in form.multi_items() if isinstance(value, UploadFile)}
        return combine_multipart(operations, files_map, files, max_json_depth=max_json_depth)
    body = await request.body()
    return graphql_request(_load_json(body, "The request body", max_json_depth))
