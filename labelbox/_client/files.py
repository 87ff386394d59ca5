"""Uploads of local files and bytes."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

from labelbox._client.base import ClientBase
from labelbox._inputs import check_text, local_file_at
from labelbox._text import text_problem
from labelbox.exceptions import InvalidAttributeError

#: A MIME type (`type/subtype`, parameters allowed): what a multipart part header can carry.
_TOKEN = r"[A-Za-z0-9!#$&^_.+-]+"
_QUOTED = r'"[\x20\x21\x23-\x5b\x5d-\x7e]*"'
CONTENT_TYPE = re.compile(rf"{_TOKEN}/{_TOKEN}([ \t]*;[ \t]*{_TOKEN}=({_TOKEN}|{_QUOTED}))*")
#: Longest file name sent (most file systems' limit).
MAX_FILENAME_LENGTH = 255


def _check_upload(filename: object, content_type: object, sign: object) -> None:
    if filename is not None:
        name = check_text("upload_data", "filename", filename)
        assert name is not None
        if len(name) > MAX_FILENAME_LENGTH or any(ord(c) < 0x20 or c == "\x7f" for c in name):
            raise InvalidAttributeError(
                "upload_data",
                "filename",
                f"must be at most {MAX_FILENAME_LENGTH} characters without control characters",
            )
    if content_type not in (None, "") and (
        not isinstance(content_type, str) or CONTENT_TYPE.fullmatch(content_type) is None
    ):
        raise InvalidAttributeError(
            "upload_data", "content_type", f"not a MIME type such as 'image/png': {content_type!r}"
        )
    if not isinstance(sign, bool):
        raise InvalidAttributeError("upload_data", "sign", "must be True or False")


def checked_path(path: object) -> Path:
    """The local file to upload; `InvalidAttributeError` unless it is an existing file."""
    if not isinstance(path, (str, os.PathLike)):
        raise InvalidAttributeError(
            "upload_file", "path", f"must be a path, not a {type(path).__name__}"
        )
    file = local_file_at(path)
    if file is None:
        raise InvalidAttributeError("upload_file", "path", "no such local file")
    _check_upload(file.name, None, False)
    return file


def checked_content(
    content: object, filename: str | None, content_type: str | None, sign: object
) -> bytes:
    """The bytes to upload, every argument checked (`InvalidAttributeError`)."""
    if isinstance(content, str):
        problem = text_problem(content)
        if problem:
            raise InvalidAttributeError("upload_data", "content", problem)
        content = content.encode()
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise InvalidAttributeError(
            "upload_data", "content", f"must be bytes or text, not {type(content).__name__}"
        )
    _check_upload(filename, content_type, sign)
    return bytes(content)


class FileMethods(ClientBase):
    def upload_file(self, path: str) -> str:
        """Upload a local file and return a URL that serves its bytes (streamed, not read into
        memory). A path that is not an existing file raises `InvalidAttributeError`."""
        return self._gateway.upload_path(checked_path(path))

    def upload_data(
        self,
        content: bytes | str,
        filename: str | None = None,
        content_type: str | None = None,
        sign: bool = False,
    ) -> str:
        """Upload bytes and return a URL that serves them. `content_type` defaults to a
        guess from `filename`.

        Arguments that cannot be sent (text that is not valid Unicode, a file name with
        control characters, a content type that is not a MIME type) raise
        `InvalidAttributeError` before anything is sent.
        """
        data = checked_content(content, filename, content_type, sign)
        return self._gateway.upload(io.BytesIO(data), len(data), filename, content_type, sign)
