"""Blob stores: named byte streams with a content type.

`BlobStore` is the interface the server uses; `DirectoryBlobStore` keeps each blob as a file
under a root directory (`<root>/objects/<key>`) with its content type beside it
(`<root>/meta/<key>`). Writes go to a temporary file renamed into place, so a blob is either
absent or complete. Keys are `/`-separated relative paths without empty, `.` or `..` parts.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK_SIZE = 1024 * 1024


class BlobNotFound(KeyError):
    """No blob has this key."""


class InvalidBlobKey(ValueError):
    """The key is not a safe relative path."""


class BlobTooLarge(ValueError):
    """A stream was longer than the allowed maximum."""


@dataclass(frozen=True)
class BlobInfo:
    """A stored blob's size in bytes and content type (None when none was given)."""

    size: int
    content_type: str | None


class BlobStore(Protocol):
    """Where files live."""

    def put_bytes(self, key: str, data: bytes, content_type: str | None = None) -> BlobInfo:
        """Store `data` under `key` (replacing any blob there)."""
        ...

    def put_stream(
        self,
        key: str,
        stream: BinaryIO,
        content_type: str | None = None,
        *,
        max_bytes: int | None = None,
    ) -> BlobInfo:
        """Copy `stream` to `key` in chunks; `BlobTooLarge` (nothing stored) past `max_bytes`."""
        ...

    def writer(
        self, key: str, content_type: str | None = None
    ) -> contextlib.AbstractContextManager[BinaryIO]:
        """A file to write the blob into; it is stored when the block exits without error."""
        ...

    def open(self, key: str) -> BinaryIO:
        """The blob's bytes, for reading (`BlobNotFound` if missing)."""
        ...

    def info(self, key: str) -> BlobInfo:
        """Size and content type (`BlobNotFound` if missing)."""
        ...

    def exists(self, key: str) -> bool:
        """Whether a blob has this key."""
        ...


def check_key(key: str) -> list[str]:
    """The parts of a valid key (`InvalidBlobKey` otherwise)."""
    parts = key.split("/")
    if (
        not key
        or len(key) > 1024
        or "\\" in key
        or "\x00" in key
        or any(part in ("", ".", "..") for part in parts)
    ):
        raise InvalidBlobKey(f"invalid blob key {key!r}")
    return parts


class DirectoryBlobStore:
    """Blobs as files under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._objects = root / "objects"
        self._meta = root / "meta"
        self._tmp = root / "tmp"
        for directory in (self._objects, self._meta, self._tmp):
            directory.mkdir(parents=True, exist_ok=True)

    def _path(self, base: Path, key: str) -> Path:
        return base.joinpath(*check_key(key))

    def put_bytes(self, key: str, data: bytes, content_type: str | None = None) -> BlobInfo:
        with self.writer(key, content_type) as out:
            out.write(data)
        return BlobInfo(len(data), content_type)

    def put_stream(
        self,
        key: str,
        stream: BinaryIO,
        content_type: str | None = None,
        *,
        max_bytes: int | None = None,
    ) -> BlobInfo:
        size = 0
        with self.writer(key, content_type) as out:
            while chunk := stream.read(CHUNK_SIZE):
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise BlobTooLarge(f"the file is larger than {max_bytes} bytes")
                out.write(chunk)
        return BlobInfo(size, content_type)

    @contextlib.contextmanager
    def writer(self, key: str, content_type: str | None = None) -> Iterator[BinaryIO]:
        target = self._path(self._objects, key)
        meta = self._path(self._meta, key)
        fd, tmp_name = tempfile.mkstemp(dir=self._tmp)
        try:
            with os.fdopen(fd, "wb") as out:
                yield out
            meta.parent.mkdir(parents=True, exist_ok=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            meta_tmp = f"{tmp_name}.meta"
            Path(meta_tmp).write_text(json.dumps({"content_type": content_type}), "utf-8")
            os.replace(meta_tmp, meta)
            os.replace(tmp_name, target)
        except BaseException:
            for leftover in (tmp_name, f"{tmp_name}.meta"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(leftover)
            raise

    def open(self, key: str) -> BinaryIO:
        try:
            return self._path(self._objects, key).open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise BlobNotFound(key) from None

    def info(self, key: str) -> BlobInfo:
        try:
            size = self._path(self._objects, key).stat().st_size
        except (FileNotFoundError, NotADirectoryError):
            raise BlobNotFound(key) from None
        content_type = None
        with contextlib.suppress(OSError, ValueError):
            meta = json.loads(self._path(self._meta, key).read_text("utf-8"))
            content_type = meta.get("content_type")
        return BlobInfo(size, content_type)

    def exists(self, key: str) -> bool:
        try:
            return self._path(self._objects, key).is_file()
        except InvalidBlobKey:
            return False

    def delete_all(self) -> None:
        """Remove every blob (tests)."""
        shutil.rmtree(self.root, ignore_errors=True)
