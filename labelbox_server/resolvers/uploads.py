"""`Mutation.uploadFile` (GraphQL multipart)."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import UploadFile

from ..domain import access, uploads
from ..errors import MalformedRequest
from .access import requires
from .context import Info, request_context
from .root import mutation


@mutation.field("uploadFile")
@requires(access.MEMBER)
def resolve_upload_file(_root: Any, info: Info, file: Any, **_args: Any) -> dict[str, Any]:
    if not isinstance(file, UploadFile):
        raise MalformedRequest("`file` must be a file part of a multipart request")
    return uploads.store_upload(
        request_context(info).storage, file.filename, file.content_type, file.file
    )
