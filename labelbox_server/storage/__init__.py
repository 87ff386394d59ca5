"""Files: a blob store, signed URLs to them, and the `/files/...` routes."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from ..outbound import OutboundPolicy
from ..settings import Settings
from .blobs import BlobInfo, BlobNotFound, BlobStore, BlobTooLarge, DirectoryBlobStore
from .signing import UrlSigner

__all__ = [
    "BlobInfo",
    "BlobNotFound",
    "BlobStore",
    "BlobTooLarge",
    "DirectoryBlobStore",
    "Storage",
    "UrlSigner",
    "open_blob_store",
]


def open_blob_store(settings: Settings) -> BlobStore:
    """The blob store `settings` name: `blob_url` (`file:///path` or `s3://bucket/prefix`),
    else the directory `resolved_blob_dir`. `ValueError` for a URL of another kind;
    `BlobStoreUnavailable` when an object store cannot be reached."""
    url = settings.blob_url
    if url is None:
        return DirectoryBlobStore(settings.resolved_blob_dir)
    if url.startswith("file://"):
        return DirectoryBlobStore(Path(urlsplit(url).path).resolve())
    if url.startswith("s3://"):
        from .s3 import S3BlobStore

        return S3BlobStore.connect(
            url, endpoint_url=settings.s3_endpoint_url, region=settings.s3_region
        )
    raise ValueError(f"unsupported blob store URL {url!r} (file:///PATH or s3://BUCKET/PREFIX)")


@dataclass(frozen=True)
class Storage:
    """The blob store with the URL policy of one server: its signed URLs, and `outbound`,
    what it may download from elsewhere (by default nothing)."""

    blobs: BlobStore
    signer: UrlSigner
    base_url: str
    upload_url_ttl: int
    stored_url_ttl: int
    max_upload_bytes: int
    outbound: OutboundPolicy = field(default_factory=OutboundPolicy)

    def upload_url(self, key: str) -> str:
        """A URL for a fresh upload (expires after `upload_url_ttl`)."""
        return self.signer.url(self.base_url, key, int(time.time()) + self.upload_url_ttl)

    def stored_url(self, key: str, issued_at: datetime | None = None) -> str:
        """A long-lived URL for data the server wrote (stable for a given `issued_at`)."""
        start = issued_at.timestamp() if issued_at is not None else time.time()
        return self.signer.url(self.base_url, key, int(start) + self.stored_url_ttl)

    def key_of(self, url: str) -> str | None:
        """The key behind one of our (validly signed) URLs, else None."""
        return self.signer.key_of(url)

    def looks_signed(self, url: str) -> bool:
        """Whether `url` has the shape of one of our file URLs (valid or not)."""
        return self.signer.looks_signed(url)

    def lasting_url(self, url: str, issued_at: datetime | None = None) -> str:
        """`url`, or for an upload URL of ours (which expires after `upload_url_ttl`), the
        long-lived URL of the same file, so data pointing at it outlives the upload URL."""
        key = self.key_of(url)
        if key is None:
            return url
        return self.stored_url(key, issued_at)
