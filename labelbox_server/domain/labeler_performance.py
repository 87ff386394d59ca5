"""Labeler performance: per labeler of a project, from their (non-deleted) labels.

`count` labels, `totalTimeLabeling` = the sum of their `secondsToLabel` (missing counts as
0), `secondsPerLabel` its average, `consensus` the average `agreement`,
`averageBenchmarkAgreement` the average `benchmarkAgreement` (null without values), and
`lastActivityTime` when the labeler's newest label was made or changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import Label, User
from . import store
from .context import Caller
from .pagination import page


@dataclass(frozen=True)
class Performance:
    user: User
    count: int
    seconds_per_label: float
    total_time_labeling: float
    consensus: float | None
    average_benchmark_agreement: float | None
    last_activity_time: datetime


def labeler_performance(
    session: Session, caller: Caller, project_id: str, skip: int | None, first: int | None
) -> list[Performance]:
    """One entry per user who labeled in the project, by email."""
    seconds = func.coalesce(Label.seconds_to_label, 0.0)
    totals = (
        select(
            Label.created_by_id.label("user_id"),
            func.count(Label.id).label("count"),
            func.sum(seconds).label("total"),
            func.avg(Label.agreement).label("consensus"),
            func.avg(Label.benchmark_agreement).label("benchmark"),
            func.max(Label.updated_at).label("last"),
        )
        .where(
            store.in_scope(caller, Label),
            Label.project_id == project_id,
            Label.deleted.is_(False),
        )
        .group_by(Label.created_by_id)
        .subquery()
    )
    stmt = page(
        select(User, totals).join(totals, totals.c.user_id == User.id).order_by(User.email),
        skip,
        first,
    )
    found = []
    for user, _user_id, count, total, consensus, benchmark, last in session.execute(stmt):
        found.append(
            Performance(
                user=user,
                count=int(count),
                seconds_per_label=float(total) / int(count),
                total_time_labeling=float(total),
                consensus=_float(consensus),
                average_benchmark_agreement=_float(benchmark),
                last_activity_time=_instant(last),
            )
        )
    return found


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _instant(value: object) -> datetime:
    """`max()` over a subquery column comes back as text on SQLite."""
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))
