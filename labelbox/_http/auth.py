"""The API key: checked before it is ever used, and kept out of every message.

A key is sent as `Authorization: Bearer <key>`, so it must be a header-safe token: visible
ASCII, no whitespace. A key with a stray newline, a space or a non-ASCII character is
rejected by `Client()` (never stripped: a key that was pasted wrong should be fixed where it
comes from, not guessed at), and the error never shows the key.
"""

from __future__ import annotations

from typing import TypeVar

from labelbox.exceptions import AuthenticationError, LabelboxError

E = TypeVar("E", bound=BaseException)

#: What stands in for the key wherever a message would have shown it.
REDACTED = "<API key>"
#: Keys shorter than this (test keys like "key") are not searched for in messages: they
#: would match ordinary words. Labelbox's keys are hundreds of characters long.
MIN_REDACTED_LENGTH = 8


def _describe(char: str) -> str:
    if char in " \t":
        return "a space or tab"
    if char in "\r\n":
        return "a line break"
    if char.isascii():
        return "a control character"
    return "a non-ASCII character"


def check_api_key(api_key: object, source: str = "api_key") -> str:
    """`api_key` if it can be sent as a bearer token; `AuthenticationError` (without the key)
    otherwise. `source` names where it came from (`api_key` or `LABELBOX_API_KEY`)."""
    if api_key is None or api_key == "":
        raise AuthenticationError("Labelbox API key not provided")
    if not isinstance(api_key, str):
        raise AuthenticationError(f"{source} must be a string, not {type(api_key).__name__}")
    if not api_key.strip():
        raise AuthenticationError(f"{source} is blank (only whitespace); it was not sent")
    for position, char in enumerate(api_key):
        if not "\x21" <= char <= "\x7e":
            where = (
                "at its start or end" if api_key.strip() != api_key else f"at position {position}"
            )
            raise AuthenticationError(
                f"{source} has {_describe(char)} {where}, which an API key never has "
                "(a stray newline or space from copying it?); it was not sent"
            )
    return api_key


def redact(text: str, secret: str) -> str:
    """`text` with every occurrence of `secret` replaced."""
    if len(secret) < MIN_REDACTED_LENGTH or secret not in text:
        return text
    return text.replace(secret, REDACTED)


def redact_error(error: E, secret: str) -> E:
    """`error` with `secret` removed from its arguments and text attributes (in place).

    A server or a proxy may echo what it was sent (an error page quoting the request, a
    message naming the token): whatever it says, the key does not reach a message.
    """
    if len(secret) < MIN_REDACTED_LENGTH:
        return error
    error.args = tuple(redact(a, secret) if isinstance(a, str) else a for a in error.args)
    if isinstance(error, LabelboxError):
        for name, value in list(vars(error).items()):
            if isinstance(value, str):
                setattr(error, name, redact(value, secret))
            elif value is not None and not isinstance(value, type) and secret in str(value):
                setattr(error, name, redact(str(value), secret))
    return error
