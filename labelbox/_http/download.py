"""Downloads of URLs the server hands out (task results, exports): no credentials sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
    return url.split("?", 1)[0]


def _transport_error(error: httpx.HTTPError, url: str) -> exceptions.LabelboxError:
    if isinstance(error, httpx.TimeoutException):
        return exceptions.TimeoutError(f"Download timed out: {_without_query(url)}")
    return exceptions.NetworkError(error)


def fetch_json(http: httpx.Client, url: str) -> Any:
    """The JSON document at `url`."""
    try:
        response = http.get(url)
    except httpx.HTTPError as error:
        raise _transport_error(error, url) from None
    _raise_for_status(response, url)
    try:
        return response.json()
    except ValueError:
        raise exceptions.LabelboxError(f"Not JSON: {_without_query(url)}") from None


def stream_ndjson(http: httpx.Client, url: str) -> Iterator[Any]:
    """The objects of the NDJSON document at `url`, one at a time, in constant memory."""
    try:
        with http.stream("GET", url) as response:
            _raise_for_status(response, url)
            for line in response.iter_lines():
                if line.strip():
                    yield json.loads(line)
    except httpx.HTTPError as error:
        raise _transport_error(error, url) from None
