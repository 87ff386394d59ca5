"""What a project's labels add up to: labeler performance and review metrics."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from labelbox.exceptions import InvalidInputError, ResourceNotFoundError
from labelbox.pagination import OffsetPages, PaginatedCollection
from labelbox.schema._project.base import ProjectPart

if TYPE_CHECKING:
    from labelbox.schema.review import Review
    from labelbox.schema.user import User


class LabelerPerformance(NamedTuple):
    """One labeler's work in a project."""

    user: User
    count: int  # type: ignore[assignment]  # a field named `count`, as in Labelbox's SDK
    seconds_per_label: float
    total_time_labeling: float
    consensus: float | None
    average_benchmark_agreement: float | None
    last_activity_time: datetime


class ProjectMetrics(ProjectPart):
    def labeler_performance(self) -> PaginatedCollection[LabelerPerformance]:
        """One `LabelerPerformance` per user who labeled in the project: label count, time
        spent, agreement, last activity."""
        from labelbox.schema.user import User

        ops, client = self._project._gateway.ops, self._project.client

        def page(skip: int, first: int) -> list[LabelerPerformance]:
            project = ops.labeler_performance_py_api(
                self._project.uid, skip=skip, first=first
            ).project
            if project is None:
                raise ResourceNotFoundError(type(self._project), {"id": self._project.uid})
            return [
                LabelerPerformance(
                    user=User(client, item.user),
                    count=item.count,
                    seconds_per_label=item.seconds_per_label,
                    total_time_labeling=item.total_time_labeling,
                    consensus=item.consensus,
                    average_benchmark_agreement=item.average_benchmark_agreement,
                    last_activity_time=item.last_activity_time,
                )
                for item in project.labeler_performance
            ]

        return PaginatedCollection._of(client, OffsetPages(page))

    def review_metrics(self, net_score: Review.NetScore | None) -> int:
        """How many of the project's labels have this net review score (None: how many have
        no review). Anything else raises `InvalidInputError` (an `InvalidQueryError`) before
        anything is sent."""
        from labelbox._generated.enums import ReviewNetScore
        from labelbox.schema.review import Review

        if net_score is not None and not isinstance(net_score, Review.NetScore):
            raise InvalidInputError(
                "Review metrics net score must be either None or one of Review.NetScore values",
                field="net_score",
            )
        score = ReviewNetScore(net_score.name) if net_score is not None else ReviewNetScore.None_
        project = self._project._gateway.ops.project_review_metrics_py_api(
            self._project.uid, score
        ).project
        if project is None:
            raise ResourceNotFoundError(type(self._project), {"id": self._project.uid})
        return project.review_metrics.label_aggregate.count
