"""Who is calling: every domain function is scoped to the caller's organization."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Caller:
    """The authenticated user and their organization."""

    user_id: str
    organization_id: str
