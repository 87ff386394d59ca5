"""The gateway: the one way SDK objects and client methods reach a Labelbox server.

A `Client` owns one `Gateway`; entities, relationships, pages and the client's own
methods use only it (`client._gateway`, `DbObject._gateway`), never the client's other
internals. Through it go

* `ops` / `experimental_ops`: the generated operations, typed, one method each;
* `run`: a raw GraphQL document (`Client.execute`, the reference's `PaginatedCollection`);
* `fetch_json` / `stream_ndjson` / `stream_json_array`: downloads of URLs the server hands
  out (no key sent), and `reachable` (a HEAD);
* `upload`: files, through the `UploadFile` operation.

Errors are mapped to `labelbox.exceptions` and responses validated in the executor
(`labelbox._http`), so every call raises only SDK exceptions.
"""

from __future__ import annotations

import io
import mimetypes
import threading
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from labelbox._http import download
from labelbox._http.executor import GraphQLExecutor, experimental_endpoint
from labelbox._http.retry import RetryPolicy
from labelbox._http.transport import build_http_client

if TYPE_CHECKING:
    import httpx

    from labelbox._generated.client import GraphQLClient

T = TypeVar("T")


class Gateway:
    """Authenticated access to one Labelbox endpoint (and its experimental twin)."""

    def __init__(
        self,
        endpoint: str,
        api_key: str,
        *,
        timeout: float,
        retries: RetryPolicy,
        transport: httpx.BaseTransport | None = None,
        http: httpx.Client | None = None,
        shared: dict[type[Any], Any] | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self.retries = retries
        self.http = http or build_http_client(timeout=timeout, transport=transport)
        self._api_key = api_key
        self.executor = GraphQLExecutor(
            self.http, endpoint, api_key, retry=retries, timeout=timeout
        )
        self.experimental_executor = GraphQLExecutor(
            self.http, experimental_endpoint(endpoint), api_key, retry=retries, timeout=timeout
        )
        self._ops: GraphQLClient | None = None
        self._experimental_ops: GraphQLClient | None = None
        self._shared: dict[type[Any], Any] = {} if shared is None else shared
        self._lock = threading.Lock()

    def with_options(
        self, *, timeout: float | None = None, retries: RetryPolicy | None = None
    ) -> Gateway:
        """A gateway with other per-request settings, sharing this one's connection pool
        and per-client state."""
        return Gateway(
            self.endpoint,
            self._api_key,
            timeout=self.timeout if timeout is None else timeout,
            retries=self.retries if retries is None else retries,
            http=self.http,
            shared=self._shared,
        )

    def __repr__(self) -> str:
        return f"Gateway(endpoint={self.endpoint!r})"

    # -- operations ---------------------------------------------------------------

    @property
    def ops(self) -> GraphQLClient:
        """The generated operations (built on first use)."""
        if self._ops is None:
            from labelbox._generated.client import GraphQLClient

            self._ops = GraphQLClient(self.executor)
        return self._ops

    @property
    def experimental_ops(self) -> GraphQLClient:
        """The generated operations, sent to the experimental endpoint."""
        if self._experimental_ops is None:
            from labelbox._generated.client import GraphQLClient

            self._experimental_ops = GraphQLClient(self.experimental_executor)
        return self._experimental_ops

    def run(
        self,
        document: str,
        variables: Mapping[str, Any] | None = None,
        *,
        experimental: bool = False,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """The `data` of a raw GraphQL document (errors raised as SDK exceptions)."""
        executor = self.experimental_executor if experimental else self.executor
        return executor(document, None, dict(variables or {}), timeout=timeout)

    def run_raw(
        self,
        document: str,
        variables: Mapping[str, Any] | None = None,
        *,
        experimental: bool = False,
        timeout: float | None = None,
    ) -> httpx.Response:
        """The HTTP response to a raw GraphQL document (errors still raised)."""
        executor = self.experimental_executor if experimental else self.executor
        attempt = executor.send(document, None, dict(variables or {}), timeout=timeout)
        assert attempt.response is not None
        return attempt.response

    def send_form(
        self, data: Any, files: Any, *, experimental: bool = False, timeout: float | None = None
    ) -> dict[str, Any]:
        """Send a prebuilt multipart GraphQL request."""
        executor = self.experimental_executor if experimental else self.executor
        return executor.send_form(data, files, timeout=timeout)

    # -- files ----------------------------------------------------------------------

    def fetch_json(self, url: str) -> Any:
        """The JSON document at a URL the server handed out."""
        return download.fetch_json(self.http, url)

    def stream_ndjson(self, url: str) -> Iterator[Any]:
        """The objects of an NDJSON document at a URL the server handed out, streamed."""
        return download.stream_ndjson(self.http, url)

    def stream_json_array(self, url: str) -> Iterator[Any]:
        """The items of a JSON array at a URL the server handed out, streamed."""
        return download.stream_json_array(self.http, url)

    def reachable(self, url: str) -> bool:
        """Whether a HEAD of a URL succeeds (no key sent)."""
        return download.reachable(self.http, url)

    def upload(
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
        # An upload only stores a file: repeating it after a failure is harmless.
        result = self.ops.upload_file(upload, size, sign, idempotent=True)
        return result.upload_file.url

    def upload_bytes(
        self, content: bytes, filename: str | None, content_type: str | None = None
    ) -> str:
        """Store bytes on the server and return a URL serving them."""
        return self.upload(io.BytesIO(content), len(content), filename, content_type)

    def upload_path(self, path: Path) -> str:
        """Store a local file (streamed, not read into memory) and return its URL."""
        with path.open("rb") as stream:
            return self.upload(stream, path.stat().st_size, path.name)

    # -- per-client state -------------------------------------------------------------

    def shared(self, kind: type[T], make: Callable[[], T], *, fresh: bool = False) -> T:
        """One `kind` object per client (e.g. the metadata ontology), made on first use or
        again with `fresh`."""
        with self._lock:
            if not fresh and kind in self._shared:
                value: T = self._shared[kind]
                return value
        value = make()
        with self._lock:
            self._shared[kind] = value
        return value

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()
