"""What a data row's `rowData` is: media type, media attributes, stored form.

`rowData` is a URL, inline text, or a JSON object (given as an object in import descriptors,
as JSON text in `createDataRow`):

* PDF `{pdfUrl, textLayerUrl?, ...}`: stored as the `pdfUrl`; the other keys become media
  attributes. Allowed with no media type or PDF.
* Tiled imagery (has `tileLayerUrl`): stored as JSON text; TMS_GEO unless TMS_SIMPLE is given.
* Conversational `{type: "application/vnd.labelbox.conversational", version, messages}`:
  written to the blob store; `rowData` becomes its URL. CONVERSATIONAL.
* Any other object is plain text when no media type is given, else invalid contents.

Without a media type, a URL's type comes from the blob's content type (our own upload URLs)
or the extension; inline text is TEXT. One of our own (upload) URLs is stored as the
long-lived URL of the same file, so the row keeps working after the upload URL expires. Images always get a `mimeType` media attribute, and
`width`/`height` when the bytes are ours and a PNG or JPEG.
"""

from __future__ import annotations

import json
import mimetypes
import re
import struct
from dataclasses import dataclass, field
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from ..storage import Storage
from ..storage.blobs import BlobNotFound

SENDABLE_MEDIA_TYPES = frozenset(
    {
        "AUDIO",
        "CONVERSATIONAL",
        "DICOM",
        "HTML",
        "IMAGE",
        "JSON",
        "PDF",
        "TEXT",
        "TMS_GEO",
        "TMS_SIMPLE",
        "VIDEO",
    }
)
CONVERSATIONAL_TYPE = "application/vnd.labelbox.conversational"
UNKNOWN_MIME = "application/octet-stream"

_EXTENSIONS: dict[str, tuple[str, str]] = {
    ".jpg": ("IMAGE", "image/jpeg"),
    ".jpeg": ("IMAGE", "image/jpeg"),
    ".png": ("IMAGE", "image/png"),
    ".gif": ("IMAGE", "image/gif"),
    ".bmp": ("IMAGE", "image/bmp"),
    ".webp": ("IMAGE", "image/webp"),
    ".tif": ("IMAGE", "image/tiff"),
    ".tiff": ("IMAGE", "image/tiff"),
    ".svg": ("IMAGE", "image/svg+xml"),
    ".mp4": ("VIDEO", "video/mp4"),
    ".mov": ("VIDEO", "video/quicktime"),
    ".webm": ("VIDEO", "video/webm"),
    ".avi": ("VIDEO", "video/x-msvideo"),
    ".mp3": ("AUDIO", "audio/mpeg"),
    ".wav": ("AUDIO", "audio/wav"),
    ".m4a": ("AUDIO", "audio/mp4"),
    ".ogg": ("AUDIO", "audio/ogg"),
    ".flac": ("AUDIO", "audio/flac"),
    ".pdf": ("PDF", "application/pdf"),
    ".txt": ("TEXT", "text/plain"),
    ".text": ("TEXT", "text/plain"),
    ".html": ("HTML", "text/html"),
    ".htm": ("HTML", "text/html"),
    ".json": ("JSON", "application/json"),
    ".dcm": ("DICOM", "application/dicom"),
}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")


class InvalidMediaType(ValueError):
    """A media type that is not a (sendable) `MediaType` value."""

    def __init__(self, media_type: object) -> None:
        super().__init__(f"Found invalid media type: '{media_type}'")


class InvalidContents(ValueError):
    """Row data that does not fit the given media type."""

    def __init__(self, media_type: str) -> None:
        super().__init__(f"Found invalid contents for media type: '{media_type}'")


@dataclass
class Content:
    """The stored form of row data. With `conversation`, `row_data` is set once it is stored."""

    row_data: str
    media_type: str | None
    media_attributes: dict[str, Any] = field(default_factory=dict)
    conversation: dict[str, Any] | None = None


def check_media_type(media_type: object) -> str | None:
    """`media_type` if it is None or sendable, else `InvalidMediaType`."""
    if media_type is None:
        return None
    if not isinstance(media_type, str) or media_type not in SENDABLE_MEDIA_TYPES:
        raise InvalidMediaType(media_type)
    return media_type


def parse_json_object(text: str) -> dict[str, Any] | None:
    """The JSON object `text` holds, or None when it is not one."""
    stripped = text.strip()
    if not stripped.startswith("{"):
        return None
    try:
        value = json.loads(stripped)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def interpret(row_data: str | dict[str, Any], media_type: str | None, storage: Storage) -> Content:
    """The stored form of `row_data` given an optional media type (see the module doc)."""
    media_type = check_media_type(media_type)
    obj = row_data if isinstance(row_data, dict) else parse_json_object(row_data)
    if obj is not None:
        return _interpret_object(obj, media_type, row_data)
    assert isinstance(row_data, str)
    if _URL.match(row_data.strip()):
        return _interpret_url(row_data.strip(), media_type, storage)
    final = media_type or "TEXT"
    attributes = {"mimeType": "text/plain"} if final == "TEXT" else {}
    return Content(row_data, final, attributes)


def _interpret_object(
    obj: dict[str, Any], media_type: str | None, original: str | dict[str, Any]
) -> Content:
    if "pdfUrl" in obj:
        if media_type not in (None, "PDF") or not isinstance(obj["pdfUrl"], str):
            raise InvalidContents(media_type or "PDF")
        extra = {key: value for key, value in obj.items() if key != "pdfUrl"}
        return Content(obj["pdfUrl"], "PDF", {"mimeType": "application/pdf", **extra})
    if "tileLayerUrl" in obj:
        if media_type not in (None, "TMS_GEO", "TMS_SIMPLE") or not isinstance(
            obj["tileLayerUrl"], str
        ):
            raise InvalidContents(media_type or "TMS_GEO")
        return Content(json.dumps(obj), media_type or "TMS_GEO", {})
    if obj.get("type") == CONVERSATIONAL_TYPE:
        if media_type not in (None, "CONVERSATIONAL") or not isinstance(
            obj.get("messages", []), list
        ):
            raise InvalidContents(media_type or "CONVERSATIONAL")
        return Content("", "CONVERSATIONAL", {"mimeType": CONVERSATIONAL_TYPE}, conversation=obj)
    if media_type is not None:
        raise InvalidContents(media_type)
    text = original if isinstance(original, str) else json.dumps(original)
    return Content(text, "TEXT", {"mimeType": "text/plain"})


def conversation_from_legacy(messages: Any) -> dict[str, Any]:
    """The conversational row data of a legacy `{conversationalData: [...]}` element."""
    return {"type": CONVERSATIONAL_TYPE, "version": 1, "messages": messages}


def _interpret_url(url: str, media_type: str | None, storage: Storage) -> Content:
    key = storage.key_of(url)
    mime: str | None = None
    dimensions: dict[str, int] = {}
    if key is not None:
        try:
            info = storage.blobs.info(key)
        except BlobNotFound:
            info = None
        if info is not None:
            mime = info.content_type if info.content_type != UNKNOWN_MIME else None
            mime = mime or mimetypes.guess_type(key.rsplit("/", 1)[-1])[0]
            if mime in (None, "image/png", "image/jpeg"):
                with storage.blobs.open(key) as stream:
                    sniffed = _sniff(stream)
                if sniffed is not None:
                    mime, dimensions = mime or sniffed[0], sniffed[1]
    path = urlsplit(url).path.lower() if key is None else key.lower()
    by_extension = next((value for ext, value in _EXTENSIONS.items() if path.endswith(ext)), None)
    inferred = _media_type_of_mime(mime) if mime else None
    if mime is None and by_extension is not None:
        inferred, mime = by_extension
    final = media_type or inferred or "IMAGE"
    attributes: dict[str, Any] = {}
    if mime is not None and (inferred is None or inferred == final):
        attributes["mimeType"] = mime
    elif final == "IMAGE":
        attributes["mimeType"] = UNKNOWN_MIME
    if final == "IMAGE":
        attributes.update(dimensions)
    stored = storage.lasting_url(url) if key is not None else url
    return Content(stored, final, attributes)


def _media_type_of_mime(mime: str) -> str | None:
    base = mime.split(";", 1)[0].strip().lower()
    if base.startswith("image/"):
        return "IMAGE"
    if base.startswith("video/"):
        return "VIDEO"
    if base.startswith("audio/"):
        return "AUDIO"
    return {
        "application/pdf": "PDF",
        "text/plain": "TEXT",
        "text/html": "HTML",
        "application/json": "JSON",
        "application/dicom": "DICOM",
    }.get(base)


def _sniff(stream: BinaryIO) -> tuple[str, dict[str, int]] | None:
    """The type and size of PNG or JPEG bytes."""
    head = stream.read(2)
    stream.seek(0)
    size = image_size(stream)
    if size is None:
        return None
    return ("image/jpeg" if head == b"\xff\xd8" else "image/png"), size


def image_size(stream: BinaryIO) -> dict[str, int] | None:
    """`{"width", "height"}` of a PNG or JPEG, read from its header; None otherwise."""
    head = stream.read(26)
    if head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR" and len(head) >= 24:
        width, height = struct.unpack(">II", head[16:24])
        return {"width": width, "height": height}
    if head[:2] != b"\xff\xd8":
        return None
    stream.seek(2)
    for _ in range(10_000):
        marker = stream.read(2)
        while len(marker) == 2 and marker[0] == 0xFF and marker[1] == 0xFF:
            marker = marker[1:] + stream.read(1)  # fill bytes
        if len(marker) < 2 or marker[0] != 0xFF:
            return None
        code = marker[1]
        if code in (0xD8, 0x01) or 0xD0 <= code <= 0xD7:
            continue
        length_bytes = stream.read(2)
        if len(length_bytes) < 2:
            return None
        (length,) = struct.unpack(">H", length_bytes)
        if code in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            frame = stream.read(5)
            if len(frame) < 5:
                return None
            height, width = struct.unpack(">HH", frame[1:5])
            return {"width": width, "height": height}
        stream.seek(length - 2, 1)
    return None
