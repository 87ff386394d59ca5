"""The server's clock: timezone-aware UTC instants at millisecond precision.

The API writes instants with exactly three fractional digits, so the server stores them at
that precision too; otherwise a value read back and used in an equality filter would not match.
"""

from __future__ import annotations

from datetime import datetime, timezone


def truncate_to_millis(value: datetime) -> datetime:
    """`value` in UTC (naive means UTC) with microseconds cut to whole milliseconds."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    else:
        value = value.astimezone(timezone.utc)
    return value.replace(microsecond=value.microsecond - value.microsecond % 1000)


def now() -> datetime:
    """The current instant (UTC, millisecond precision)."""
    return truncate_to_millis(datetime.now(timezone.utc))


def iso_millis(value: datetime) -> str:
    """`YYYY-MM-DDTHH:MM:SS.sssZ` (UTC; naive means UTC; microseconds cut to milliseconds),
    as the API writes instants."""
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return f"{value.isoformat(timespec='milliseconds')}Z"
