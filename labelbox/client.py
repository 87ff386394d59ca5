"""`Client`: the entry point of the SDK."""

from __future__ import annotations

import copy
import logging
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, overload

from labelbox import exceptions
from labelbox._client.data_rows import DataRowMethods
from labelbox._client.datasets import DatasetMethods
from labelbox._client.files import FileMethods
from labelbox._client.metadata import MetadataMethods
from labelbox._client.models import ModelMethods
from labelbox._client.ontologies import OntologyMethods
from labelbox._client.projects import ProjectMethods
from labelbox._client.users import UserMethods
from labelbox._gateway import Gateway
from labelbox._http.auth import check_api_key
from labelbox._http.retry import RetryPolicy
from labelbox._http.transport import DEFAULT_TIMEOUT, check_endpoint
from labelbox._inputs import check_seconds

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
    ModelMethods,
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
    (for tests and proxies). Without an `endpoint`, `LABELBOX_ENDPOINT` is
    used when it is set (a local server, say).

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
        source = "api_key"
        if api_key is None:
            api_key, source = os.environ.get("LABELBOX_API_KEY"), "LABELBOX_API_KEY"
        api_key = check_api_key(api_key, source)
        if endpoint == DEFAULT_ENDPOINT:
            endpoint = os.environ.get("LABELBOX_ENDPOINT") or DEFAULT_ENDPOINT
        check_endpoint(endpoint)
        check_seconds(Client, "timeout", timeout, positive=True)
        if retries is not None and not isinstance(retries, RetryPolicy):
            raise exceptions.InvalidAttributeError(
                Client, "retries", f"must be a RetryPolicy, not {type(retries).__name__}"
            )
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

    def with_options(
        self, *, timeout: float | None = None, retries: RetryPolicy | None = None
    ) -> Client:
        """This client with other per-request settings (a `timeout` in seconds, a
        `RetryPolicy`), sharing its connection pool:

        >>> patient = client.with_options(timeout=300, retries=RetryPolicy(max_retries=10))

        Closing either closes the pool they share.
        """
        if timeout is not None:
            check_seconds(Client, "timeout", timeout, positive=True)
        if retries is not None and not isinstance(retries, RetryPolicy):
            raise exceptions.InvalidAttributeError(
                Client, "retries", f"must be a RetryPolicy, not {type(retries).__name__}"
            )
        view = copy.copy(self)
        view._gateway = self._gateway.with_options(timeout=timeout, retries=retries)
        return view

    def close(self) -> None:
        """Close the connection pool."""
        self._gateway.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @overload
    def execute(
        self,
        query: str | None = None,
        params: Mapping[str, Any] | None = None,
        data: Any = None,
        files: Any = None,
        timeout: float | None = None,
        experimental: bool = False,
        *,
        raw: Literal[False] = False,
    ) -> dict[str, Any] | None: ...

    @overload
    def execute(
        self,
        query: str | None = None,
        params: Mapping[str, Any] | None = None,
        data: Any = None,
        files: Any = None,
        timeout: float | None = None,
        experimental: bool = False,
        *,
        raw: Literal[True],
    ) -> httpx.Response: ...

    def execute(
        self,
        query: str | None = None,
        params: Mapping[str, Any] | None = None,
        data: Any = None,
        files: Any = None,
        timeout: float | None = None,
        experimental: bool = False,
        *,
        raw: bool = False,
    ) -> dict[str, Any] | httpx.Response | None:
        """Run a GraphQL document and return the response's `data`.

        The escape hatch for operations the SDK has no method for. Errors are
        raised as `labelbox.exceptions` by `extensions.code`; as in Labelbox's
        SDK, a `RESOURCE_NOT_FOUND` error makes this return None. With `data`
        and `files`, a prebuilt multipart GraphQL request is sent instead.
        `timeout` (seconds) defaults to the client's. With `raw=True` the
        `httpx.Response` itself is returned (headers such as `X-Request-Id`,
        the status, the body); errors are still raised, and carry `code`,
        `status_code` and `request_id`.
        """
        if query is not None and not isinstance(query, str):
            raise exceptions.InvalidQueryError(
                f"query must be a string, not {type(query).__name__}"
            )
        if params is not None and not isinstance(params, Mapping):
            raise exceptions.InvalidQueryError(
                f"params must be a dict of variables, not {type(params).__name__}"
            )
        if timeout is not None:
            check_seconds(Client, "timeout", timeout, positive=True)
        if data is not None:
            _check_form(data, files)
        if raw:
            if query is None or data is not None:
                raise exceptions.InvalidQueryError("raw=True needs a query (and no form data)")
            return self._gateway.run_raw(query, params, experimental=experimental, timeout=timeout)
        try:
            if data is not None:
                return self._gateway.send_form(
                    data, files or {}, experimental=experimental, timeout=timeout
                )
            if query is None:
                raise exceptions.InvalidQueryError("Either query or data must be given")
            return self._gateway.run(query, params, experimental=experimental, timeout=timeout)
        except exceptions.ResourceNotFoundError:
            return None


def _check_form(data: Any, files: Any) -> None:
    """A prebuilt multipart request: form fields and files httpx can send."""

    def sendable(content: Any) -> bool:
        return isinstance(content, (bytes, str)) or callable(getattr(content, "read", None))

    if not isinstance(data, Mapping):
        raise exceptions.InvalidQueryError(f"data must be a dict of form fields, not {data!r:.50}")
    if files is not None and not isinstance(files, Mapping):
        raise exceptions.InvalidQueryError(f"files must be a dict of files, not {files!r:.50}")
    for name, file in (files or {}).items():
        content = file[1] if isinstance(file, tuple) and len(file) >= 2 else file
        if not sendable(content):
            raise exceptions.InvalidQueryError(
                f"files[{name!r}] must be bytes, text, a file or (filename, file[, content type])"
            )
