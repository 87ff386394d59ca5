"""Object ids: 25 characters, `c` + lowercase base36, like Labelbox's cuids.

Layout: `c` + 8 chars of milliseconds since the epoch + 4 chars of a per-process counter +
12 random chars. Ids created later sort after earlier ones (per millisecond and process).
"""

from __future__ import annotations

import itertools
import secrets
import threading
import time

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
ID_LENGTH = 25

_counter = itertools.count(secrets.randbelow(36**4))
_lock = threading.Lock()


def _base36(value: int, width: int) -> str:
    digits = []
    for _ in range(width):
        value, digit = divmod(value, 36)
        digits.append(ALPHABET[digit])
    return "".join(reversed(digits))


def new_id() -> str:
    """A new unique id, e.g. `clq3k2x9a0001abcdefghijkl`."""
    millis = time.time_ns() // 1_000_000
    with _lock:
        count = next(_counter) % 36**4
    random_part = _base36(int.from_bytes(secrets.token_bytes(8)) % 36**12, 12)
    return "c" + _base36(millis, 8) + _base36(count, 4) + random_part


def is_valid_id(value: str) -> bool:
    """Whether `value` has the shape of an id made by `new_id`."""
    return len(value) == ID_LENGTH and value[0] == "c" and all(ch in ALPHABET for ch in value[1:])
