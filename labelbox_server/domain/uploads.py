"""`uploadFile`: stream a multipart file part to the blob store and hand out its URL."""

from __future__ import annotations

import re
from typing import Any, BinaryIO

from ..errors import MalformedRequest
from ..storage import BlobTooLarge, Storage
from . import ids

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_FILENAME = 200


def safe_filename(filename: str | None) -> str:
    """A file name usable as the last part of a blob key (keeps the extension)."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).lstrip(".")
    if len(name) > MAX_FILENAME:
        stem, dot, ext = name.rpartition(".")
        name = (
            (stem[: MAX_FILENAME - len(ext) - 1] + dot + ext)
            if dot and len(ext) < 20
            else name[:MAX_FILENAME]
        )
    return name or "file"


def store_upload(
    storage: Storage, filename: str | None, content_type: str | None, stream: BinaryIO
) -> dict[str, Any]:
    """Store the stream under `uploads/<id>/<filename>`; returns `{url, filename}`."""
    key = f"uploads/{ids.new_id()}/{safe_filename(filename)}"
    try:
        storage.blobs.put_stream(
            key, stream, content_type or None, max_bytes=storage.max_upload_bytes
        )
    except BlobTooLarge:
        raise MalformedRequest(
            f"The file is larger than the upload limit of {storage.max_upload_bytes} bytes"
        ) from None
    return {"url": storage.upload_url(key), "filename": filename or key.rsplit("/", 1)[-1]}
