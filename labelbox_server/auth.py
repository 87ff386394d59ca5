"""Authentication: `Authorization: Bearer <api key>` (header name and scheme any case).

A missing, malformed or unknown key is an `AuthenticationError` (HTTP 401,
`{"data": null, "errors": [{"message": "Invalid API key", "extensions": {"code":
"AUTHENTICATION_ERROR"}}]}`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from .domain import api_keys
from .domain.context import Caller
from .errors import AuthenticationError

INVALID_KEY = "Invalid API key"


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header value."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token


def authenticate(session: Session, authorization: str | None) -> Caller:
    """The caller an `Authorization` header value identifies."""
    token = bearer_token(authorization)
    caller = api_keys.authenticate(session, token) if token else None
    if caller is None:
        raise AuthenticationError(INVALID_KEY)
    return caller
