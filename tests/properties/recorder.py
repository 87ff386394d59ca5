"""A transport that records what the SDK sends and stops it right there: a property test
sees either a typed error with nothing sent, or exactly the first request of a valid call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from hypothesis import event, settings

import labelbox as lb

PROFILE = settings.get_profile("labelbox-sdk")
ENDPOINT = "http://labelbox.test/graphql"


class Sent(Exception):
    """Raised by the transport at the first request: the call got as far as sending."""

    def __init__(self, request: httpx.Request) -> None:
        super().__init__(request.url.path)
        self.request = request


def _stop(request: httpx.Request) -> httpx.Response:
    request.read()
    raise Sent(request)


def recording_client(answer: Callable[[httpx.Request], httpx.Response] = _stop) -> lb.Client:
    return lb.Client(
        api_key="property-test-key", endpoint=ENDPOINT, transport=httpx.MockTransport(answer)
    )


def outcome(call: Callable[[], Any]) -> lb.exceptions.LabelboxError | httpx.Request:
    """The SDK error `call` raised before sending, or the first request it sent.

    Anything else (a raw Python exception, or a call that returned without sending) fails
    the property.
    """
    try:
        call()
    except Sent as sent:
        event("sent")
        return sent.request
    except lb.exceptions.LabelboxError as error:
        event(f"refused: {type(error).__name__}")
        return error
    raise AssertionError("the call neither sent anything nor raised")
