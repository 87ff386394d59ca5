"""Uploads of local files and bytes."""

from __future__ import annotations

import io
from pathlib import Path

from labelbox._client.base import ClientBase


class FileMethods(ClientBase):
    def upload_file(self, path: str) -> str:
        """Upload a local file and return a URL that serves its bytes (streamed, not read into memory)."""
        return self._gateway.upload_path(Path(path))

    def upload_data(
        self,
        content: bytes | str,
        filename: str | None = None,
        content_type: str | None = None,
        sign: bool = False,
    ) -> str:
        """Upload bytes and return a URL that serves them. `content_type` defaults to a
        guess from `filename`."""
        if isinstance(content, str):
            content = content.encode()
        return self._gateway.upload(io.BytesIO(content), len(content), filename, content_type, sign)
