"""`GET` and `HEAD /files/{key}?expires=...&signature=...`: serve a blob.

No credentials are needed: the signature is the credential. A bad or expired signature is a
403, a missing blob a 404 (both with a JSON body `{"error": ...}`). Otherwise the exact bytes
are streamed with `Content-Length` and `Content-Type` (as uploaded, else guessed from the
file name, else `application/octet-stream`).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from typing import BinaryIO

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from . import Storage
from .blobs import CHUNK_SIZE, BlobInfo, BlobNotFound, InvalidBlobKey

DEFAULT_CONTENT_TYPE = "application/octet-stream"


def content_type_for(key: str, info: BlobInfo) -> str:
    """The Content-Type a blob is served with."""
    if info.content_type:
        return info.content_type
    guessed, _ = mimetypes.guess_type(key.rsplit("/", 1)[-1])
    return guessed or DEFAULT_CONTENT_TYPE


def _chunks(stream: BinaryIO) -> Iterator[bytes]:
    try:
        while chunk := stream.read(CHUNK_SIZE):
            yield chunk
    finally:
        stream.close()


def file_routes(storage: Storage) -> list[Route]:
    """The routes serving `storage`'s blobs."""

    async def serve(request: Request) -> Response:
        key = request.path_params["key"]
        params = request.query_params
        if not storage.signer.verify(key, params.get("expires"), params.get("signature")):
            return JSONResponse({"error": "Invalid or expired signature"}, status_code=403)
        try:
            info = await run_in_threadpool(storage.blobs.info, key)
            stream = None
            if request.method == "GET":
                stream = await run_in_threadpool(storage.blobs.open, key)
        except (BlobNotFound, InvalidBlobKey):
            return JSONResponse({"error": "File not found"}, status_code=404)
        headers = {
            "content-type": content_type_for(key, info),
            "content-length": str(info.size),
            "cache-control": "private, max-age=3600",
        }
        if stream is None:
            return Response(status_code=200, headers=headers)
        return StreamingResponse(_chunks(stream), headers=headers)

    return [Route("/files/{key:path}", serve, methods=["GET", "HEAD"])]
