"""The async gateway: the one way an `AsyncClient` reaches the server (the async twin of
`labelbox._gateway.Gateway`), with the same operations, awaited."""

from __future__ import annotations

import io
import mimetypes
import tempfile
from collections.abc import AsyncIterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from labelbox._http import download
from labelbox._http.async_executor import AsyncGraphQLExecutor
from labelbox._http.exchange import experimental_endpoint
from labelbox._http.retry import RetryPolicy
from labelbox._http.transport import build_async_http_client

if TYPE_CHECKING:
    import httpx

    from labelbox._generated.async_client import AsyncGraphQLClient


class AsyncGateway:
    """Authenticated, awaitable access to one Labelbox endpoint."""

    #: SDK objects check this to refuse their synchronous methods (see `DbObject`).
    is_async = True

    def __init__(
        self,
        endpoint: str,
        api_key: str,
        *,
        timeout: float,
        retries: RetryPolicy,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.http = build_async_http_client(timeout=timeout, transport=transport)
        self.executor = AsyncGraphQLExecutor(
            self.http, endpoint, api_key, retry=retries, timeout=timeout
        )
        self.experimental_executor = AsyncGraphQLExecutor(
            self.http, experimental_endpoint(endpoint), api_key, retry=retries, timeout=timeout
        )
        self._ops: AsyncGraphQLClient | None = None
        self._experimental_ops: AsyncGraphQLClient | None = None

    def __repr__(self) -> str:
        return f"AsyncGateway(endpoint={self.endpoint!r})"

    @property
    def ops(self) -> AsyncGraphQLClient:
        """The generated operations, as coroutines (built on first use)."""
        if self._ops is None:
            from labelbox._generated.async_client import AsyncGraphQLClient

            self._ops = AsyncGraphQLClient(self.executor)
        return self._ops

    @property
    def experimental_ops(self) -> AsyncGraphQLClient:
        """The generated operations, sent to the experimental endpoint."""
        if self._experimental_ops is None:
            from labelbox._generated.async_client import AsyncGraphQLClient

            self._experimental_ops = AsyncGraphQLClient(self.experimental_executor)
        return self._experimental_ops

    async def run(
        self,
        document: str,
        variables: Mapping[str, Any] | None = None,
        *,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """The `data` of a raw GraphQL document (errors raised as SDK exceptions)."""
        return await self.executor(document, None, dict(variables or {}), timeout=timeout)

    async def fetch_json(self, url: str) -> Any:
        """The JSON document at a URL the server handed out."""
        return await download.async_fetch_json(self.http, url)

    def stream_ndjson(self, url: str) -> AsyncIterator[dict[str, Any]]:
        """The objects of an NDJSON document at a URL the server handed out, streamed."""
        return download.async_stream_ndjson(self.http, url)

    async def stream_json_array(self, url: str) -> AsyncIterator[Any]:
        """The items of a JSON array at a URL the server handed out: the file is spooled to
        a temporary file as it arrives and read back an item at a time (constant memory)."""
        with tempfile.TemporaryFile() as spool:
            await download.async_download_to(self.http, url, spool)
            spool.seek(0)
            text = io.TextIOWrapper(spool, encoding="utf-8")
            for item in download.validated_json_array_items(
                iter(lambda: text.read(65536), ""), url
            ):
                yield item

    async def upload(
        self,
        stream: io.BufferedIOBase,
        size: int,
        filename: str | None,
        content_type: str | None = None,
        sign: bool = False,
    ) -> str:
        """Store a file on the server and return a URL serving its bytes."""
        from labelbox._generated.base_model import Upload

        if content_type is None and filename:
            content_type = mimetypes.guess_type(filename)[0]
        upload = Upload(filename or "1", stream, content_type or "")
        result = await self.ops.upload_file(upload, size, sign, idempotent=True)
        return result.upload_file.url

    async def upload_bytes(
        self, content: bytes, filename: str | None, content_type: str | None = None
    ) -> str:
        return await self.upload(io.BytesIO(content), len(content), filename, content_type)

    async def upload_path(self, path: Path) -> str:
        with path.open("rb") as stream:
            return await self.upload(stream, path.stat().st_size, path.name)

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.http.aclose()
