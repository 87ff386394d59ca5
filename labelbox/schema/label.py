"""`Label`: an assessment of a data row in a project (the JSON of its annotations)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from typing_extensions import Required, TypedDict, Unpack

from labelbox._generated.entities import LabelBase, LabelUpdateKwargs
from labelbox.exceptions import ResourceNotFoundError
from labelbox.orm.db_object import BulkDeletable, Updateable, uids

if TYPE_CHECKING:
    from labelbox.schema.benchmark import Benchmark
    from labelbox.schema.review import Review


class ReviewKwargs(TypedDict, total=False):
    """Keyword arguments of `Label.create_review`."""

    score: Required[float]


class Label(LabelBase, Updateable, BulkDeletable):
    """A label of a data row: `label` is the JSON text of its annotations (an LBV1 object).

    Labels are made by label imports (`LabelImport`). Relationships: `project()`,
    `data_row()`, `created_by()`, `reviews()`.
    """

    def update(self, **kwargs: Unpack[LabelUpdateKwargs]) -> None:
        """Change fields on the server (`label`) and refresh this object from the result."""
        data = self._update.build(type(self), kwargs)
        result = self._gateway.ops.update_label_py_api(self.uid, data)
        self._set_field_values(self._found(result.update_label))

    def delete(self) -> None:
        """Delete this label."""
        Label.bulk_delete([self])

    @staticmethod
    def bulk_delete(labels: Iterable[Label]) -> None:
        """Delete all the given labels (of any projects) in one request."""
        items = list(labels)
        if items:
            items[0]._gateway.ops.delete_labels_py_api(uids(items))

    def create_review(self, **kwargs: Unpack[ReviewKwargs]) -> Review:
        """Review this label: `label.create_review(score=1)`.

        A missing or non-numeric `score` raises `InvalidAttributeError` before anything is
        sent.
        """
        from labelbox.schema.review import Review

        project = self.project()
        if project is None:
            raise ResourceNotFoundError(type(self), {"id": self.uid})
        data = Review._create.build(Review, {**kwargs, "label": self, "project": project})
        created = self._gateway.ops.create_review_py_api(data).create_review
        return Review(self.client, created)

    def create_benchmark(self) -> Benchmark:
        """Make this label the benchmark of its data row (`ResourceConflict` if it is one)."""
        from labelbox.schema.benchmark import Benchmark

        created = self._gateway.ops.create_benchmark_py_api(self.uid).create_benchmark
        return Benchmark(self.client, created)
