"""Signed URLs: `/files/<key>?expires=<unix seconds>&signature=<hex HMAC-SHA256>`.

The signature covers the key and the expiry, with a per-server secret kept in the database
(`server_settings`), so URLs survive restarts and every process on one database agrees. An
expiry that is not a plain number of at most `MAX_EXPIRY_DIGITS` ASCII digits is invalid.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from urllib.parse import parse_qs, quote, unquote, urlsplit

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from ..db.models import ServerSetting

SECRET_NAME = "url_signing_secret"
FILES_PREFIX = "/files/"


def load_or_create_secret(engine: Engine) -> bytes:
    """The URL-signing secret, created on first use (race-safe across processes)."""
    for _ in range(3):
        with engine.begin() as connection:
            value = connection.scalar(
                select(ServerSetting.value).where(ServerSetting.name == SECRET_NAME)
            )
        if value is not None:
            return bytes.fromhex(value)
        try:
            with engine.begin() as connection:
                connection.execute(
                    insert(ServerSetting).values(name=SECRET_NAME, value=secrets.token_hex(32))
                )
        except IntegrityError:
            continue
    raise RuntimeError("could not create the URL-signing secret")


#: Expiries are Unix seconds: at most 12 ASCII digits (until the year 33658).
MAX_EXPIRY_DIGITS = 12


def _is_expiry(text: str) -> bool:
    return text.isascii() and text.isdigit() and len(text) <= MAX_EXPIRY_DIGITS


class UrlSigner:
    """Signs and verifies blob URLs."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def signature(self, key: str, expires: int) -> str:
        message = f"{key}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    def verify(self, key: str, expires: str | None, signature: str | None) -> bool:
        """Whether the signature is right and the URL has not expired."""
        if not expires or not signature or not _is_expiry(expires) or not signature.isascii():
            return False
        if int(expires) < time.time():
            return False
        return hmac.compare_digest(self.signature(key, int(expires)), signature)

    def url(self, base_url: str, key: str, expires: int) -> str:
        """`<base_url>/files/<key>?expires=...&signature=...`."""
        path = quote(key, safe="/")
        return (
            f"{base_url}{FILES_PREFIX}{path}?expires={expires}"
            f"&signature={self.signature(key, expires)}"
        )

    def looks_signed(self, url: str) -> bool:
        """Whether `url` is shaped like a signed file URL (`/files/...?...signature=`)."""
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        return parts.path.startswith(FILES_PREFIX) and "signature" in parse_qs(parts.query)

    def key_of(self, url: str) -> str | None:
        """The blob key of a URL this server signed (any host), if valid; else None."""
        if FILES_PREFIX not in url:
            return None
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if parts.scheme not in ("http", "https") or not parts.path.startswith(FILES_PREFIX):
            return None
        key = unquote(parts.path[len(FILES_PREFIX) :])
        query = parse_qs(parts.query)
        expires = next(iter(query.get("expires", [])), None)
        signature = next(iter(query.get("signature", [])), None)
        return key if self.verify(key, expires, signature) else None
