"""The webhook deliverer: threads in every server process that send the outbox
(`domain.webhook_deliveries`) through the outbound policy and record every attempt.

Each delivery is a POST of the event's JSON body with the headers Labelbox's webhooks send:

    Content-Type: application/json
    X-Labelbox-Event: LABEL_CREATED
    X-Labelbox-Id: <the delivery's id, the same on every retry>
    X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body with the webhook's secret>
    X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>

Only URLs of the webhook allow-list are contacted (`Settings.webhooks.allow`), redirects
are never followed and every attempt has `timeout` seconds. No answer, a timeout, HTTP 5xx,
408 or 429 are tried again with exponential backoff until the delivery expires; any other
answer ends it. Threads are woken when a request (or a background task) commits events, and
otherwise look for due retries at least every `POLL_SECONDS`. A stopping server finishes
the attempts in flight; whatever is left is sent by the next server.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Mapping
from datetime import timedelta

import httpx

from .db.session import SessionFactory
from .domain import clock, webhook_deliveries
from .domain.webhooks import DELIVERIES_WRITTEN
from .outbound import OutboundPolicy, Refused, Unreachable
from .settings import WebhookSettings

logger = logging.getLogger("labelbox_server.deliverer")

POLL_SECONDS = 1.0
#: How much of a receiver's answer is read (and dropped).
ANSWER_LIMIT = 64 * 1024
USER_AGENT = "Labelbox-Webhooks (labelbox-server)"
#: Answers worth trying again.
RETRIED_STATUSES = frozenset({408, 429})


def signature_headers(secret: str, body: bytes) -> dict[str, str]:
    """The `X-Hub-Signature` (SHA-1) and `X-Hub-Signature-256` headers of a body."""
    key = secret.encode("utf-8")
    return {
        "X-Hub-Signature": "sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest(),
        "X-Hub-Signature-256": "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest(),
    }


def delivery_headers(claimed: webhook_deliveries.Claimed, body: bytes) -> Mapping[str, str]:
    """Every header of a delivery."""
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Labelbox-Event": claimed.topic,
        "X-Labelbox-Id": claimed.id,
        **signature_headers(claimed.secret, body),
    }


class Deliverer:
    """Threads sending due webhook deliveries until `stop()`."""

    def __init__(self, sessions: SessionFactory, settings: WebhookSettings) -> None:
        self.sessions = sessions
        self.settings = settings
        self.policy = OutboundPolicy.from_entries(
            settings.allow, max_bytes=ANSWER_LIMIT, timeout=settings.timeout
        )
        self.identity = f"{socket.gethostname()}|{os.getpid()}|{secrets.token_hex(6)}"
        self._hold = timedelta(seconds=settings.timeout + 30)
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        sessions.subscribe(DELIVERIES_WRITTEN, self.wake)

    def start(self) -> None:
        for n in range(self.settings.threads):
            thread = threading.Thread(target=self._work, name=f"webhook-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def wake(self) -> None:
        """Look for due deliveries now."""
        self._wake.set()

    def stop(self, timeout: float | None = None) -> None:
        """Stop the threads once their attempts in flight are recorded."""
        self._stopping.set()
        self._wake.set()
        wait = self.settings.timeout + 2 if timeout is None else timeout
        for thread in self._threads:
            thread.join(wait)
        self._threads.clear()

    def backoff(self, attempt: int) -> float:
        """Seconds before retrying after failed attempt number `attempt` (1, 2, ...)."""
        delay: float = self.settings.first_retry * 2.0 ** (attempt - 1)
        return min(delay, self.settings.max_backoff)

    # -- internals ------------------------------------------------------------------------

    def _work(self) -> None:
        with self.policy.client() as http:
            self._loop(http)

    def _loop(self, http: httpx.Client) -> None:
        while not self._stopping.is_set():
            try:
                claimed = self._claim_next()
            except Exception:
                logger.exception("claiming a webhook delivery failed")
                claimed = None
            if claimed is None:
                self._idle()
                continue
            try:
                self._send(claimed, http)
            except Exception:
                logger.exception("delivering %s failed", claimed.id)

    def _idle(self) -> None:
        wait = POLL_SECONDS
        with contextlib.suppress(Exception), self.sessions.session() as session:
            due = webhook_deliveries.next_due(session)
            if due is not None:
                wait = min(wait, max((due - clock.now()).total_seconds(), 0.01))
        self._wake.wait(wait)
        self._wake.clear()

    def _claim_next(self) -> webhook_deliveries.Claimed | None:
        with self.sessions.session() as session:
            candidates = webhook_deliveries.due_ids(session, clock.now())
        for delivery_id in candidates:
            with self.sessions.session(write=True) as session:
                claimed = webhook_deliveries.claim(session, delivery_id, self.identity, self._hold)
                session.commit()
            if claimed is not None:
                return claimed
        return None

    def _send(self, claimed: webhook_deliveries.Claimed, http: httpx.Client) -> None:
        body = claimed.body.encode("utf-8")
        attempted_at = clock.now()
        started = time.perf_counter()
        status: int | None = None
        error: str | None = None
        retry = False
        try:
            status = self.policy.send(
                "POST",
                claimed.url,
                content=body,
                headers=delivery_headers(claimed, body),
                client=http,
            )
            retry = status >= 500 or status in RETRIED_STATUSES
            if not 200 <= status < 300:
                error = f"HTTP {status}" + (
                    " (redirects are not followed)" if 300 <= status < 400 else ""
                )
        except Refused as refused:
            error = str(refused)
        except Unreachable as unreachable:
            error, retry = str(unreachable), True
        except Exception as unexpected:  # e.g. a URL httpx cannot send
            error = f"Could not send: {type(unexpected).__name__}"
        duration_ms = (time.perf_counter() - started) * 1000
        retry_at = (
            attempted_at + timedelta(seconds=self.backoff(claimed.attempt)) if retry else None
        )
        with self.sessions.session(write=True) as session:
            webhook_deliveries.record(
                session,
                claimed,
                self.identity,
                attempted_at=attempted_at,
                duration_ms=duration_ms,
                status_code=status,
                error=error,
                retry_at=retry_at,
            )
            session.commit()
