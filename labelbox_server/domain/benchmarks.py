"""Benchmarks: a label chosen as the reference of its data row in its project.

`createBenchmark` marks the label (`isBenchmarkReference` true), `deleteBenchmark` unmarks it.
A benchmark's numbers come from the other labels of its data row in the project:
`completedCount` counts them, `averageAgreement` averages their `benchmarkAgreement`,
`lastActivity` is when the newest was made (the benchmark's creation before any).
Creating or deleting a benchmark recomputes its data row's `benchmarkAgreement`s
(`label_agreement`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ..db.models import Benchmark, Label
from ..errors import MalformedRequest, ResourceConflict, ResourceNotFound
from . import clock, ids, label_agreement, store
from .context import Caller
from .pagination import ListArgs, apply_list_args


@dataclass(frozen=True)
class BenchmarkStats:
    completed_count: int
    average_agreement: float | None
    last_activity: datetime | None


def create_benchmark(session: Session, caller: Caller, label_id: str) -> Benchmark:
    """Make the label its data row's benchmark (`RESOURCE_CONFLICT` if it already is)."""
    label = store.get(session, caller, Label, label_id)
    if label.project_id is None:
        raise MalformedRequest(f'Label "{label.id}" is not in a project')
    if _benchmark_of(session, label.id) is not None:
        raise ResourceConflict(f'Label "{label.id}" is already a benchmark')
    now = clock.now()
    benchmark = Benchmark(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        project_id=label.project_id,
        reference_label_id=label.id,
        created_by_id=caller.user_id,
        created_at=now,
    )
    label.is_benchmark_reference = True
    label.updated_at = now
    session.add(benchmark)
    session.flush()
    label_agreement.refresh(session, [(label.project_id, label.data_row_id)])
    return benchmark


def delete_benchmark(session: Session, caller: Caller, label_id: str) -> Benchmark:
    """Unmark the label; returns the benchmark deleted (`RESOURCE_NOT_FOUND` if none)."""
    label = store.get(session, caller, Label, label_id, deleted=True)
    benchmark = _benchmark_of(session, label.id)
    if benchmark is None:
        raise ResourceNotFound(f'Label "{label_id}" is not a benchmark')
    label.is_benchmark_reference = False
    label.updated_at = clock.now()
    session.delete(benchmark)
    session.flush()
    label_agreement.refresh(session, [(label.project_id, label.data_row_id)])
    return benchmark


def _benchmark_of(session: Session, label_id: str) -> Benchmark | None:
    return session.scalars(
        select(Benchmark).where(Benchmark.reference_label_id == label_id)
    ).one_or_none()


def list_benchmarks(
    session: Session, caller: Caller, project_id: str, args: ListArgs
) -> Sequence[Benchmark]:
    """The project's benchmarks whose reference label is not deleted, oldest first."""
    live = select(Label.id).where(Label.deleted.is_(False))
    stmt = apply_list_args(
        store.scoped(caller, Benchmark).where(
            Benchmark.project_id == project_id, Benchmark.reference_label_id.in_(live)
        ),
        args,
        Benchmark,
        default_order=[Benchmark.created_at],
    )
    return session.scalars(stmt).all()


def benchmark_stats(
    session: Session, benchmarks: Sequence[Benchmark]
) -> Mapping[Benchmark, BenchmarkStats]:
    """The numbers of each benchmark (one query for all)."""
    if not benchmarks:
        return {}
    reference, other = aliased(Label), aliased(Label)
    rows = session.execute(
        select(
            Benchmark.id,
            func.count(other.id),
            func.avg(other.benchmark_agreement),
            func.max(other.created_at),
        )
        .join(reference, reference.id == Benchmark.reference_label_id)
        .outerjoin(
            other,
            (other.data_row_id == reference.data_row_id)
            & (other.project_id == reference.project_id)
            & (other.id != reference.id)
            & other.deleted.is_(False),
        )
        .where(Benchmark.id.in_([b.id for b in benchmarks]))
        .group_by(Benchmark.id)
    ).all()
    by_id = {b.id: b for b in benchmarks}
    return {
        by_id[benchmark_id]: BenchmarkStats(
            completed_count=int(count),
            average_agreement=float(average) if average is not None else None,
            last_activity=last if last is not None else by_id[benchmark_id].created_at,
        )
        for benchmark_id, count, average, last in rows
    }
