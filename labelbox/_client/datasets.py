"""Datasets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from labelbox import exceptions
from labelbox._client.base import ClientBase
from labelbox.pagination import PaginatedCollection
from labelbox.schema.dataset import Dataset

if TYPE_CHECKING:
    from labelbox._generated.entities import DatasetCreateKwargs
    from labelbox.orm.comparison import LogicalExpressionComponent


class DatasetMethods(ClientBase):
    def get_dataset(self, dataset_id: str) -> Dataset:
        """The dataset with this id; `ResourceNotFoundError` if there is none."""
        ops = self._gateway.ops
        return self._get_by_id(
            Dataset, lambda: ops.get_dataset_py_api(dataset_id).dataset, dataset_id
        )

    def get_datasets(
        self, where: LogicalExpressionComponent | None = None
    ) -> PaginatedCollection[Dataset]:
        """Datasets matching `where`, deleted ones left out."""
        ops = self._gateway.ops
        return self._list(
            Dataset,
            lambda arguments, skip, first: (
                ops.get_datasets_py_api(**arguments, skip=skip, first=first).datasets
            ),
            where,
        )

    def create_dataset(
        self, iam_integration: Any = "DEFAULT", **kwargs: Unpack[DatasetCreateKwargs]
    ) -> Dataset:
        """Create a dataset; `projects=project` attaches it to a project.

        `iam_integration` selects delegated access: `"DEFAULT"` (the
        organization's default, if any) or None. Naming a specific integration
        is not supported yet and raises `InvalidAttributeError`.
        """
        if iam_integration not in ("DEFAULT", None):
            raise exceptions.InvalidAttributeError(
                Dataset, "iam_integration", "only 'DEFAULT' or None are supported"
            )
        data = Dataset._create.build(Dataset, kwargs)
        created = self._gateway.ops.create_dataset_py_api(data).create_dataset
        return Dataset(self._as_client, created)
