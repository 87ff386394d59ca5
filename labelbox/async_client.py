"""`AsyncClient`: the SDK over `httpx.AsyncClient`, for asyncio programs.

>>> async with labelbox.AsyncClient(api_key="<key>") as client:
...     project = await client.create_project(name="cats")
...     async for dataset in client.get_datasets():
...         ...

The same operations, retry policy, error mapping and types as `Client`; every method that
calls the server is a coroutine, pages are `async for`, imports and task waits never block
the event loop. The objects it returns (`Project`, `Dataset`, ...) carry their typed fields;
their own methods that call the server need a `Client`, so use this client's methods instead
(`await client.update_project(project, name=...)`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox._async.data_rows import AsyncDataRowMethods
from labelbox._async.datasets import AsyncDatasetMethods
from labelbox._async.files import AsyncFileMethods
from labelbox._async.gateway import AsyncGateway
from labelbox._async.labeling import AsyncLabelingMethods
from labelbox._async.projects import AsyncProjectMethods
from labelbox._async.users import AsyncUserMethods
from labelbox._http.auth import check_api_key
from labelbox._http.retry import RetryPolicy
from labelbox._http.transport import DEFAULT_TIMEOUT, check_endpoint
from labelbox._inputs import check_seconds
from labelbox.client import DEFAULT_ENDPOINT

if TYPE_CHECKING:
    import httpx


class AsyncClient(
    AsyncUserMethods,
    AsyncProjectMethods,
    AsyncDatasetMethods,
    AsyncDataRowMethods,
    AsyncFileMethods,
    AsyncLabelingMethods,
):
    """A connection to a Labelbox server for asyncio code; the options of `Client`.

    Use it with `async with`, or `await client.aclose()` when done.
    """

    def __init__(
        self,
        api_key: str | None = None,
        endpoint: str = DEFAULT_ENDPOINT,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        retries: RetryPolicy | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        source = "api_key"
        if api_key is None:
            api_key, source = os.environ.get("LABELBOX_API_KEY"), "LABELBOX_API_KEY"
        api_key = check_api_key(api_key, source)
        if endpoint == DEFAULT_ENDPOINT:
            endpoint = os.environ.get("LABELBOX_ENDPOINT") or DEFAULT_ENDPOINT
        check_endpoint(endpoint)
        check_seconds(AsyncClient, "timeout", timeout, positive=True)
        if retries is not None and not isinstance(retries, RetryPolicy):
            raise exceptions.InvalidAttributeError(
                AsyncClient, "retries", f"must be a RetryPolicy, not {type(retries).__name__}"
            )
        self.endpoint = endpoint
        self._gateway = AsyncGateway(
            endpoint,
            api_key,
            timeout=timeout,
            retries=retries or RetryPolicy(),
            transport=transport,
        )

    def __repr__(self) -> str:
        return f"<labelbox.AsyncClient endpoint={self.endpoint!r}>"

    async def execute(
        self, query: str, params: Mapping[str, Any] | None = None, *, timeout: float | None = None
    ) -> dict[str, Any] | None:
        """Run a GraphQL document and return its `data` (None on `RESOURCE_NOT_FOUND`)."""
        try:
            return await self._gateway.run(query, params, timeout=timeout)
        except exceptions.ResourceNotFoundError:
            return None

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._gateway.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
