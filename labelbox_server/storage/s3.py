"""`S3BlobStore`: blobs as objects of an S3-compatible object store (AWS S3, MinIO, Ceph, ...).

Selected by `--blob-url s3://BUCKET[/PREFIX]`; the blob `key` is the object
`PREFIX/key`. The endpoint (`--s3-endpoint-url`, for stores other than AWS) and the region
(`--s3-region`) are options; credentials come from boto3's usual chain (the
`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` environment variables, `~/.aws`, an instance
role). The bucket must exist: the store checks that it can reach it when it opens.

Clients still get the server's own signed `/files/...` URLs, served from the object store by
the server, so URLs, their expiry and their signatures work as with the directory store,
and every server process on the store serves every URL. A blob's content type is kept as the
object's `Content-Type` and, to tell "none given" apart from S3's default, in the object's
metadata. Writes of unknown length are spooled to a temporary file (in memory up to
`SPOOL_BYTES`) and uploaded when complete, so a blob is either absent or whole.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any, BinaryIO, cast
from urllib.parse import urlsplit

from .blobs import CHUNK_SIZE, BlobInfo, BlobNotFound, BlobTooLarge, InvalidBlobKey, check_key

SPOOL_BYTES = 8 * 1024 * 1024
CONTENT_TYPE_METADATA = "lb-content-type"
_MISSING = {"404", "NoSuchKey", "NotFound"}


class BlobStoreUnavailable(RuntimeError):
    """The object store cannot be reached (or the bucket does not exist)."""


@dataclass(frozen=True)
class S3Location:
    """A bucket and a key prefix (`""` or ending in `/`)."""

    bucket: str
    prefix: str

    @classmethod
    def parse(cls, url: str) -> S3Location:
        """`s3://bucket[/prefix]` (`ValueError` for anything else)."""
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc or parts.query or parts.fragment:
            raise ValueError(f"not an s3://BUCKET[/PREFIX] URL: {url!r}")
        prefix = parts.path.strip("/")
        return cls(parts.netloc, f"{prefix}/" if prefix else "")


class _Limited:
    """A stream that raises `BlobTooLarge` once more than `limit` bytes were read."""

    def __init__(self, stream: BinaryIO, limit: int | None) -> None:
        self._stream = stream
        self._limit = limit
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._stream.read(size)
        self.size += len(chunk)
        if self._limit is not None and self.size > self._limit:
            raise BlobTooLarge(f"the file is larger than {self._limit} bytes")
        return chunk


class S3BlobStore:
    """Blobs in one bucket under one prefix, through a boto3 S3 client."""

    def __init__(self, location: S3Location, client: Any) -> None:
        self.location = location
        self._client = client

    @classmethod
    def connect(
        cls, url: str, *, endpoint_url: str | None = None, region: str | None = None
    ) -> S3BlobStore:
        """The store at `url` (`BlobStoreUnavailable` if its bucket cannot be reached)."""
        import boto3
        from botocore.config import Config

        location = S3Location.parse(url)
        client = boto3.session.Session().client(
            "s3",
            endpoint_url=endpoint_url,
            region_name=region,
            config=Config(retries={"max_attempts": 5, "mode": "standard"}),
        )
        try:
            client.head_bucket(Bucket=location.bucket)
        except Exception as error:
            raise BlobStoreUnavailable(
                f"cannot reach bucket {location.bucket!r}"
                f"{f' at {endpoint_url}' if endpoint_url else ''}: {error}"
            ) from None
        return cls(location, client)

    def _key(self, key: str) -> str:
        check_key(key)
        return f"{self.location.prefix}{key}"

    def _extra(self, content_type: str | None) -> dict[str, Any]:
        if content_type is None:
            return {}
        return {"ContentType": content_type, "Metadata": {CONTENT_TYPE_METADATA: content_type}}

    def put_bytes(self, key: str, data: bytes, content_type: str | None = None) -> BlobInfo:
        self._client.put_object(
            Bucket=self.location.bucket, Key=self._key(key), Body=data, **self._extra(content_type)
        )
        return BlobInfo(len(data), content_type)

    def put_stream(
        self,
        key: str,
        stream: BinaryIO,
        content_type: str | None = None,
        *,
        max_bytes: int | None = None,
    ) -> BlobInfo:
        limited = _Limited(stream, max_bytes)
        with self.writer(key, content_type) as out:
            while chunk := limited.read(CHUNK_SIZE):
                out.write(chunk)
        return BlobInfo(limited.size, content_type)

    @contextlib.contextmanager
    def writer(self, key: str, content_type: str | None = None) -> Iterator[BinaryIO]:
        object_key = self._key(key)
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
            yield cast(BinaryIO, spool)
            spool.seek(0)
            self._client.upload_fileobj(
                spool, self.location.bucket, object_key, ExtraArgs=self._extra(content_type)
            )

    def _not_found(self, error: Exception) -> bool:
        response = getattr(error, "response", None) or {}
        return str(response.get("Error", {}).get("Code")) in _MISSING

    def open(self, key: str) -> BinaryIO:
        try:
            found = self._client.get_object(Bucket=self.location.bucket, Key=self._key(key))
        except InvalidBlobKey:
            raise BlobNotFound(key) from None
        except Exception as error:
            if self._not_found(error):
                raise BlobNotFound(key) from None
            raise
        return cast(BinaryIO, _Body(self._client, self.location.bucket, self._key(key), found))

    def info(self, key: str) -> BlobInfo:
        try:
            head = self._client.head_object(Bucket=self.location.bucket, Key=self._key(key))
        except InvalidBlobKey:
            raise BlobNotFound(key) from None
        except Exception as error:
            if self._not_found(error):
                raise BlobNotFound(key) from None
            raise
        content_type = (head.get("Metadata") or {}).get(CONTENT_TYPE_METADATA)
        return BlobInfo(int(head["ContentLength"]), content_type)

    def exists(self, key: str) -> bool:
        try:
            self.info(key)
        except (BlobNotFound, InvalidBlobKey):
            return False
        return True


class _Body:
    """An object's body as a readable binary file, streamed; `seek` re-reads from the
    offset (a ranged GET), so readers that look at a header and rewind work."""

    def __init__(self, client: Any, bucket: str, key: str, response: dict[str, Any]) -> None:
        self._client = client
        self._bucket = bucket
        self._key = key
        self._body: IO[bytes] | _Empty = response["Body"]
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._body.read() if size is None or size < 0 else self._body.read(size)
        self._position += len(chunk)
        return chunk

    def tell(self) -> int:
        return self._position

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 1:
            offset += self._position
        elif whence != 0:
            raise OSError("only seeks from the start or the current position are supported")
        if offset != self._position:
            self._body.close()
            ranged = {"Range": f"bytes={offset}-"} if offset else {}
            try:
                response = self._client.get_object(Bucket=self._bucket, Key=self._key, **ranged)
                self._body = response["Body"]
            except Exception as error:  # past the end: nothing more to read
                if "InvalidRange" not in str(error):
                    raise
                self._body = _Empty()
            self._position = offset
        return self._position

    def close(self) -> None:
        self._body.close()

    def __enter__(self) -> _Body:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class _Empty:
    def read(self, _size: int = -1) -> bytes:
        return b""

    def close(self) -> None:
        pass
