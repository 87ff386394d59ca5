"""When to retry a request, and how long to wait first.

Retries use exponential backoff with jitter, honour `Retry-After`, and are
bounded both in attempts and in total time. A request that may have changed
something on the server (a mutation that reached it) is never retried, so a
retry never creates twice.
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from dataclasses import dataclass, fields

from labelbox.exceptions import InvalidAttributeError

# Statuses meaning "the server did not process the request; try again later".
REFUSED_STATUSES = frozenset({429})
# Statuses of a failed attempt that an idempotent request may repeat.
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry.

    `max_retries` bounds the number of retries after the first attempt;
    `max_elapsed` bounds the total time (seconds) spent waiting and retrying;
    waits grow from `initial_delay` by `multiplier` up to `max_delay`, each
    multiplied by a random factor in [0.5, 1] (jitter). A `Retry-After` longer
    than `max_retry_after` ends the retries at once. While the server cannot be
    connected to at all (a wrong endpoint, a server that is down), retries stop
    after `max_connect_elapsed` seconds instead.
    """

    max_retries: int = 5
    initial_delay: float = 0.5
    multiplier: float = 2.0
    max_delay: float = 8.0
    max_retry_after: float = 60.0
    max_elapsed: float = 120.0
    max_connect_elapsed: float = 4.0

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            whole = field.name == "max_retries"
            if (
                isinstance(value, bool)
                or not isinstance(value, int if whole else (int, float))
                or not math.isfinite(value)
                or value < 0
            ):
                kind = "a whole number" if whole else "a finite number"
                raise InvalidAttributeError(
                    RetryPolicy, field.name, f"must be {kind} >= 0, not {value!r}"
                )

    def backoff(self, retry_number: int) -> float:
        """The wait before retry number `retry_number` (1-based), with jitter."""
        try:
            grown = self.initial_delay * self.multiplier ** (retry_number - 1)
        except OverflowError:
            grown = math.inf if self.initial_delay else 0.0
        base = min(self.max_delay, grown)
        return base * random.uniform(0.5, 1.0)

    def delay(self, retry_number: int, retry_after: float | None) -> float | None:
        """Seconds to wait before the retry, or None when it should not happen."""
        if retry_number > self.max_retries:
            return None
        if retry_after is None:
            return self.backoff(retry_number)
        if retry_after > self.max_retry_after:
            return None
        return max(retry_after, 0.0)


NO_RETRIES = RetryPolicy(max_retries=0)


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a `Retry-After` header (delta-seconds or an HTTP date), or None when it
    is absent or not a usable wait.

    Whatever the header says, the result is None or a number >= 0 that `time.sleep` takes:
    `nan`, negative numbers and unparseable dates are ignored (the backoff applies); `inf`,
    huge numbers and far dates are a wait beyond any cap, so the retries end.
    """
    if not value:
        return None
    value = value.strip()
    seconds: float | None
    try:
        seconds = float(value)
    except ValueError:
        seconds = _seconds_until(value, time.time() if now is None else now)
    if seconds is None or math.isnan(seconds) or seconds < 0:
        return None
    return seconds


def _seconds_until(value: str, now: float) -> float | None:
    try:
        when = email.utils.parsedate_to_datetime(value)
        return max(when.timestamp() - now, 0.0)
    except (TypeError, ValueError, OverflowError, OSError, IndexError):
        return None
