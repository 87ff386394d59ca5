"""`Query.benchmark`, `Mutation.createBenchmark/deleteBenchmark`, `Project.benchmarks` and
the `Benchmark` type (its numbers load together for every benchmark of a request)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ariadne import ObjectType

from ..db.models import Benchmark, Label, Project, User
from ..domain import access, benchmarks, store, users
from ..domain.pagination import ListArgs
from .access import owner, requires
from .context import Info, request_context
from .projects import project_type
from .root import mutation, query, reads_only_context

benchmark_type = ObjectType("Benchmark")


@query.field("benchmark")
@requires(access.MEMBER)
def resolve_benchmark(_root: Any, info: Info, where: dict[str, Any]) -> Benchmark:
    ctx = request_context(info)
    return store.get(ctx.session, ctx.caller, Benchmark, where["id"])


@mutation.field("createBenchmark")
@requires(access.MANAGE_PROJECT, project=owner(Label, "data", "label_id"))
def resolve_create_benchmark(_root: Any, info: Info, data: dict[str, Any]) -> Benchmark:
    ctx = request_context(info)
    return benchmarks.create_benchmark(ctx.session, ctx.caller, data["label_id"])


@mutation.field("deleteBenchmark")
@requires(access.MANAGE_PROJECT, project=owner(Label, "where", "label_id"))
def resolve_delete_benchmark(_root: Any, info: Info, where: dict[str, Any]) -> Benchmark:
    ctx = request_context(info)
    return benchmarks.delete_benchmark(ctx.session, ctx.caller, where["label_id"])


@project_type.field("benchmarks")
def resolve_project_benchmarks(project: Project, info: Info, **args: Any) -> Sequence[Benchmark]:
    ctx = request_context(info)
    found = benchmarks.list_benchmarks(
        ctx.session, ctx.caller, project.id, ListArgs.from_args(args)
    )
    ctx.loaders.benchmark_stats.note(found)
    return found


def _stats(benchmark: Benchmark, info: Info) -> benchmarks.BenchmarkStats:
    return request_context(info).loaders.benchmark_stats.get(benchmark)


@benchmark_type.field("completedCount")
@reads_only_context
def resolve_completed_count(benchmark: Benchmark, info: Info) -> int:
    return _stats(benchmark, info).completed_count


@benchmark_type.field("averageAgreement")
@reads_only_context
def resolve_average_agreement(benchmark: Benchmark, info: Info) -> float | None:
    return _stats(benchmark, info).average_agreement


@benchmark_type.field("lastActivity")
@reads_only_context
def resolve_last_activity(benchmark: Benchmark, info: Info) -> datetime | None:
    return _stats(benchmark, info).last_activity


@benchmark_type.field("createdBy")
def resolve_created_by(benchmark: Benchmark, info: Info) -> User | None:
    ctx = request_context(info)
    return users.creator(ctx.session, ctx.caller, benchmark.created_by_id)


@benchmark_type.field("referenceLabel")
def resolve_reference_label(benchmark: Benchmark, info: Info) -> Label | None:
    ctx = request_context(info)
    return store.find(ctx.session, ctx.caller, Label, benchmark.reference_label_id, deleted=True)
