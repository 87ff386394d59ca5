"""Turn an HTTP request body into a GraphQL request (`{"query", "variables", "operationName"}`).

Accepted bodies:

* JSON: `{"query": ..., "variables": {...} | null, "operationName": ... | null}`;
* GraphQL multipart (https://github.com/jaydenseric/graphql-multipart-request-spec): a form
  field `operations` (that JSON), a field `map` (`{"<part name>": ["variables.file", ...]}`)
  and file parts with any names (the official SDK names its part `"1"`). Each file is put
  into the variables at the mapped paths, as a Starlette `UploadFile` (the `Upload` scalar).

Anything else is a `BadRequest` (HTTP 400).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ariadne.exceptions import HttpBadRequestError
from ariadne.file_uploads import combine_multipart_data
from starlette.datastructures import UploadFile
from starlette.requests import Request


class BadRequest(Exception):
    """The body is not a GraphQL request."""


def _load_json(text: str | bytes, what: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(f"{what} is not valid JSON") from None


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


def combine_multipart(operations: str, files_map: str, files: Mapping[str, Any]) -> dict[str, Any]:
    """The GraphQL request of a multipart body: `operations` with `files` put in place."""
    payload = _load_json(operations, "`operations`")
    mapping = _load_json(files_map, "`map`")
    if isinstance(payload, list):
        raise BadRequest("Batched operations are not supported")
    try:
        combined = combine_multipart_data(payload, mapping, files)
    except HttpBadRequestError as error:
        raise BadRequest(error.message or "Invalid multipart request") from None
    return graphql_request(combined)


async def read_graphql_request(request: Request) -> dict[str, Any]:
    """The GraphQL request in `request`'s body (JSON or multipart)."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form()
        operations = form.get("operations")
        files_map = form.get("map")
        if not isinstance(operations, str) or not isinstance(files_map, str):
            raise BadRequest("A multipart request needs `operations` and `map` fields")
        files = {name: value for name, value in form.multi_items() if isinstance(value, UploadFile)}
        return combine_multipart(operations, files_map, files)
    return graphql_request(_load_json(await request.body(), "The request body"))
