"""Downloads of URLs the server hands out (task results, exports): no credentials sent.

Whatever the URL or the server answers, a download gives JSON objects or raises an SDK
exception: `NetworkError` / `TimeoutError` for the network (a redirect loop, a body that
cannot be decoded), `LabelboxError` for an HTTP error status, `ResponseValidationError` for
a URL that is not one or a body that is not the JSON expected.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Iterator
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


def stream_json_array(http: httpx.Client, url: str) -> Iterator[Any]:
    """The items of the JSON array at `url`, one at a time: memory holds one item (and a
    chunk of the download), however long the array."""
    try:
        with http.stream("GET", url) as response:
            _raise_for_status(response, url)
            yield from validated_json_array_items(response.iter_text(), url)
    except _FAILURES as error:
        raise _transport_error(error, url) from None


def validated_json_array_items(chunks: Iterable[str], url: str) -> Iterator[Any]:
    """`json_array_items`, with a malformed document raised as `ResponseValidationError`."""
    try:
        yield from json_array_items(chunks)
    except RecursionError:
        raise exceptions.ResponseValidationError(
            f"An item of {_without_query(url)} is nested too deeply"
        ) from None
    except ValueError as error:
        raise exceptions.ResponseValidationError(
            f"Not a JSON array ({error}): {_without_query(url)}"
        ) from None


def json_array_items(chunks: Iterable[str]) -> Iterator[Any]:
    """The items of a JSON array given as text chunks (`ValueError` if it is not one)."""
    decoder = json.JSONDecoder()
    source = iter(chunks)
    buffer, position, done = "", 0, False

    def read(at_least: int = 1) -> bool:
        """Append chunks until `at_least` more characters are buffered; False at the end."""
        nonlocal buffer, position, done
        buffer, position = buffer[position:], 0
        wanted = len(buffer) + at_least
        while len(buffer) < wanted:
            chunk = next(source, None)
            if chunk is None:
                done = True
                return False
            buffer += chunk
        return True

    def skip_space() -> str:
        """The next non-space character ("" at the end)."""
        nonlocal position
        while True:
            while position < len(buffer) and buffer[position] in " \t\r\n":
                position += 1
            if position < len(buffer):
                return buffer[position]
            if not read():
                return ""

    if skip_space() != "[":
        raise ValueError("it does not start with [")
    position += 1
    expect_item, after_comma = True, False
    while True:
        character = skip_space()
        if character == "]":
            if after_comma:
                raise ValueError("an item is missing")
            return
        if character == ",":
            if expect_item:
                raise ValueError("an item is missing")
            position, expect_item, after_comma = position + 1, True, True
            continue
        if character == "" or not expect_item:
            raise ValueError("it ends early" if character == "" else "a comma is missing")
        while True:
            try:
                item, end = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError:
                if done:
                    raise ValueError("an item is not valid JSON") from None
                read(max(len(buffer) - position, 1))  # at least double what is buffered
                continue
            if not done and _number_may_go_on(item, buffer, end):
                read()
                continue
            break
        position, expect_item, after_comma = end, False, False
        yield item


_NUMBER_CHARACTERS = frozenset("0123456789+-.eE")


def _number_may_go_on(item: Any, buffer: str, end: int) -> bool:
    """Whether a number decoded at the end of the buffer may be the start of a longer one
    (`1` of `1.5`, read from `1.` before the next chunk came)."""
    if not isinstance(item, int | float) or isinstance(item, bool):
        return False
    return all(character in _NUMBER_CHARACTERS for character in buffer[end:])


def reachable(http: httpx.Client, url: str) -> bool:
    """Whether a HEAD of `url` succeeds (below HTTP 400, redirects followed)."""
    try:
        return http.head(url, follow_redirects=True).status_code < 400
    except _FAILURES:
        return False


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


async def async_download_to(http: httpx.AsyncClient, url: str, file: Any) -> None:
    """Write the document at `url` to a binary file, as it arrives."""
    try:
        async with http.stream("GET", url) as response:
            _raise_for_status(response, url)
            async for chunk in response.aiter_bytes():
                file.write(chunk)
    except _FAILURES as error:
        raise _transport_error(error, url) from None
