"""Uploads, awaited (the same checks as `Client.upload_file` / `upload_data`)."""

from __future__ import annotations

import io

from labelbox._async.base import AsyncClientBase
from labelbox._client.files import checked_content, checked_path


class AsyncFileMethods(AsyncClientBase):
    async def upload_file(self, path: str) -> str:
        """Upload a local file and return a URL that serves its bytes."""
        return await self._gateway.upload_path(checked_path(path))

    async def upload_data(
        self,
        content: bytes | str,
        filename: str | None = None,
        content_type: str | None = None,
        sign: bool = False,
    ) -> str:
        """Upload bytes and return a URL that serves them."""
        data = checked_content(content, filename, content_type, sign)
        stream = io.BytesIO(data)
        return await self._gateway.upload(stream, len(data), filename, content_type, sign)
