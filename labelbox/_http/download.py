"""Downloads of URLs the server hands out (task results, exports): no credentials sent.

Whatever the URL or the server answers, a download gives JSON objects or raises an SDK
exception: `NetworkError` / `TimeoutError` for the network (a redirect loop, a body that
cannot be decoded), `LabelboxError` for an HTTP error status, `ResponseValidationError` for
a URL that is not one or a body that is not the JSON expected.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx

from labelbox import exceptions


def _raise_for_status(response: httpx.Response, url: str) -> None:
    if response.status_code >= 400:
        raise exceptions.LabelboxError(
            f"Download failed with HTTP {response.status_code}: {_without_query(url)}"
        )


def _without_query(url: str) -> str:
    """The URL without its query, which may hold a signature."""
    return str(url).split("?", 1)[0][:300]


def _transport_error(error: Exception, url: str) -> exceptions.LabelboxError:
    where = _without_query(url)
    if isinstance(error, httpx.TimeoutException):
        return exceptions.TimeoutError(f"Download timed out: {where}")
    if isinstance(error, httpx.TooManyRedirects):
        return exceptions.NetworkError(f"Too many redirects downloading {where}")
    if isinstance(error, httpx.DecodingError):
        return exceptions.NetworkError(f"The download of {where} could not be decoded: {error}")
    if isinstance(error, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return exceptions.ResponseValidationError(f"The server handed out an invalid URL: {where}")
    return exceptions.NetworkError(f"Download of {where} failed: {error!r}")


#: What a download may raise below the SDK: each becomes an SDK exception.
_FAILURES = (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError)


def _decoded(text: str | bytes, what: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise exceptions.ResponseValidationError(f"{what} is nested too deeply") from None
    except ValueError:
        raise exceptions.ResponseValidationError(f"{what} is not JSON") from None


def fetch_json(http: httpx.Client, url: str) -> Any:
    """The JSON document at `url`."""
    try:
        response = http.get(url)
    except _FAILURES as error:
        raise _transport_error(error, url) from None
    _raise_for_status(response, url)
    return _decoded(response.content, f"The download of {_without_query(url)}")


def stream_ndjson(http: httpx.Client, url: str) -> Iterator[dict[str, Any]]:
    """The objects of the NDJSON document at `url`, one at a time, in constant memory:
    each line is decoded as it arrives."""
    try:
        with http.stream("GET", url) as response:
            _raise_for_status(response, url)
            for number, line in enumerate(response.iter_lines(), start=1):
                if not line.strip():
                    continue
                item = _decoded(line, f"Line {number} of {_without_query(url)}")
                if not isinstance(item, dict):
                    raise exceptions.ResponseValidationError(
                        f"Line {number} of {_without_query(url)} is not a JSON object"
                    )
                yield item
    except _FAILURES as error:
        raise _transport_error(error, url) from None


async def async_fetch_json(http: httpx.AsyncClient, url: str) -> Any:
    """The JSON document at `url` (with an `httpx.AsyncClient`)."""
    try:
        response = await http.get(url)
    except _FAILURES as error:
        raise _transport_error(error, url) from None
    _raise_for_status(response, url)
    return _decoded(response.content, f"The download of {_without_query(url)}")


async def async_stream_ndjson(http: httpx.AsyncClient, url: str) -> AsyncIterator[dict[str, Any]]:
    """The objects of the NDJSON document at `url`, one at a time as they arrive."""
    try:
        async with http.stream("GET", url) as response:
            _raise_for_status(response, url)
            number = 0
            async for line in response.aiter_lines():
                number += 1
                if not line.strip():
                    continue
                item = _decoded(line, f"Line {number} of {_without_query(url)}")
                if not isinstance(item, dict):
                    raise exceptions.ResponseValidationError(
                        f"Line {number} of {_without_query(url)} is not a JSON object"
                    )
                yield item
    except _FAILURES as error:
        raise _transport_error(error, url) from None
