"""Global keys: unique per organization (a soft-deleted row keeps its key).

Each of `" < > \\ { } |` is replaced by `_`. A key must then be 1-200 characters; for
assignments it also must not start or end with a space nor contain two spaces in a row.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from ..db.models import DataRow
from . import store
from .context import Caller

MAX_LENGTH = 200

_SANITIZE = str.maketrans({ch: "_" for ch in '"<>\\{}|'})


def sanitize(key: str) -> str:
    """`key` with each of `" < > \\ { } |` replaced by `_`."""
    return key.translate(_SANITIZE)


def problem(key: str, *, strict_spaces: bool = False) -> str | None:
    """Why a (sanitized) key is invalid, or None."""
    if key == "":
        return "Global key must not be empty"
    if len(key) > MAX_LENGTH:
        return f"Global key must be at most {MAX_LENGTH} characters long"
    if strict_spaces and (key != key.strip(" ") or "  " in key):
        return "Global key must not start or end with spaces nor contain consecutive spaces"
    return None


def holders(session: Session, caller: Caller, keys: Iterable[str]) -> dict[str, DataRow]:
    """The rows (deleted ones too) holding any of `keys` in the caller's organization."""
    wanted = list(dict.fromkeys(keys))
    found: dict[str, DataRow] = {}
    for start in range(0, len(wanted), store.CHUNK):
        for row in session.scalars(
            store.scoped(caller, DataRow).where(
                DataRow.global_key.in_(wanted[start : start + store.CHUNK])
            )
        ):
            assert row.global_key is not None
            found[row.global_key] = row
    return found
