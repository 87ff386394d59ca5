"""`Benchmark`: a label chosen as the reference of its data row."""

from __future__ import annotations

from labelbox._generated.entities import BenchmarkBase
from labelbox.exceptions import ResourceNotFoundError


class Benchmark(BenchmarkBase):
    """A benchmark (`label.create_benchmark()`): other labels of its data row are compared
    with its reference label. `completed_count` counts them, `average_agreement` averages
    their benchmark agreement, `last_activity` is when the newest was made.

    Relationships: `reference_label()`, `created_by()`.
    """

    def delete(self) -> None:
        """Delete the benchmark (its label stays, no longer a reference)."""
        label = self.reference_label()
        if label is None:
            raise ResourceNotFoundError(type(self), {"id": self.uid})
        self._gateway.ops.delete_benchmark_py_api(label.uid)
