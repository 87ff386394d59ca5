"""`Client`: the entry point of the SDK."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox._client.data_rows import DataRowMethods
from labelbox._client.datasets import DatasetMethods
from labelbox._client.files import FileMethods
from labelbox._client.metadata import MetadataMethods
from labelbox._client.ontologies import OntologyMethods
from labelbox._client.projects import ProjectMethods
from labelbox._client.users import UserMethods
from labelbox._gateway import Gateway
from labelbox._http.retry import RetryPolicy
from labelbox._http.transport import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    import httpx

logger = logging.getLogger("labelbox")

DEFAULT_ENDPOINT = "https://api.labelbox.com/graphql"
DEFAULT_APP_URL = "https://app.labelbox.com"


class Client(
    UserMethods,
    ProjectMethods,
    DatasetMethods,
    DataRowMethods,
    MetadataMethods,
    OntologyMethods,
    FileMethods,
):
    """A connection to a Labelbox server, authenticated by an API key.

    >>> client = Client(api_key="<key>")              # or set LABELBOX_API_KEY
    >>> project = client.get_project("<project id>")

    One `httpx.Client` with keep-alive serves every request. Requests are
    retried with exponential backoff and jitter on rate limits (429), gateway
    errors (502/503/504), `INTERNAL_SERVER_ERROR` and connection failures,
    honouring `Retry-After`, within `retries` (a `RetryPolicy`); a mutation is
    only retried when the server cannot have applied it. `timeout` is the
    per-request timeout in seconds; `transport` replaces the HTTP transport
    (for tests and proxies).

    The methods live in `labelbox/_client/`, one module per domain.
    """

    def __init__(
        self,
        api_key: str | None = None,
        endpoint: str = DEFAULT_ENDPOINT,
        enable_experimental: bool = False,
        app_url: str = DEFAULT_APP_URL,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        retries: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("LABELBOX_API_KEY")
        if not api_key:
            raise exceptions.AuthenticationError("Labelbox API key not provided")
        self.endpoint = endpoint
        self.app_url = app_url
        self.enable_experimental = enable_experimental
        self._gateway = Gateway(
            endpoint,
            api_key,
            timeout=timeout,
            retries=retries or RetryPolicy(),
            transport=transport,
        )
        if enable_experimental:
            logger.info("Experimental features have been enabled")

    def __repr__(self) -> str:
        return f"<labelbox.Client endpoint={self.endpoint!r}>"

    def close(self) -> None:
        """Close the connection pool."""
        self._gateway.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def execute(
        self,
        query: str | None = None,
        params: dict[str, Any] | None = None,
        data: Any = None,
        files: Any = None,
        timeout: float | None = None,
        experimental: bool = False,
    ) -> dict[str, Any] | None:
        """Run a GraphQL document and return the response's `data`.

        The escape hatch for operations the SDK has no method for. Errors are
        raised as `labelbox.exceptions` by `extensions.code`; as in Labelbox's
        SDK, a `RESOURCE_NOT_FOUND` error makes this return None. With `data`
        and `files`, a prebuilt multipart GraphQL request is sent instead.
        `timeout` (seconds) defaults to the client's.
        """
        try:
            if data is not None:
                return self._gateway.send_form(
                    data, files or {}, experimental=experimental, timeout=timeout
                )
            if query is None:
                raise ValueError("Either query or data must be given")
            return self._gateway.run(query, params, experimental=experimental, timeout=timeout)
        except exceptions.ResourceNotFoundError:
            return None
