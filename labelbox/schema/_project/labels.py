"""A project's labels: `project.labels(datasets=..., order_by=...)`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from labelbox.orm.db_object import uids
from labelbox.orm.query import OrderBy, order_by_input
from labelbox.pagination import OffsetPages, PaginatedCollection
from labelbox.schema._project.base import ProjectPart

if TYPE_CHECKING:
    from labelbox.schema.dataset import Dataset
    from labelbox.schema.label import Label


class ProjectLabels(ProjectPart):
    def labels(
        self, datasets: Iterable[Dataset] | None = None, order_by: OrderBy | None = None
    ) -> PaginatedCollection[Label]:
        """The project's labels (deleted ones left out), of the given datasets' data rows
        only when `datasets` is given, ordered by `order_by` (e.g. `Label.created_at.asc`)."""
        from labelbox.schema.label import Label

        arguments: dict[str, Any] = {"id": self._project.uid}
        if datasets is not None:
            arguments["where"] = {"dataRow": {"dataset": {"id_in": uids(datasets)}}}
        order = order_by_input(order_by, Label)
        if order is not None:
            arguments["order_by"] = order
        ops, client = self._project._gateway.ops, self._project.client

        def page(skip: int, first: int) -> list[Label]:
            result = ops.list_project_labels_py_api(**arguments, skip=skip, first=first)
            found = result.project.labels if result.project is not None else []
            return [Label(client, item) for item in found]

        return PaginatedCollection._of(client, OffsetPages(page))
