"""Datasets and their data rows, awaited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from labelbox import exceptions
from labelbox._async.base import AsyncClientBase
from labelbox._async.pages import AsyncPaginatedCollection
from labelbox.schema.data_row import DataRow
from labelbox.schema.dataset import Dataset

if TYPE_CHECKING:
    from labelbox._generated.entities import DatasetCreateKwargs, DatasetUpdateKwargs
    from labelbox.orm.comparison import LogicalExpressionComponent


def _uid(value: Dataset | str) -> str:
    return value if isinstance(value, str) else value.uid


class AsyncDatasetMethods(AsyncClientBase):
    async def get_dataset(self, dataset_id: str) -> Dataset:
        """The dataset with this id; `ResourceNotFoundError` if there is none."""
        ops = self._gateway.ops

        async def fetch() -> Any:
            return (await ops.get_dataset_py_api(dataset_id)).dataset

        return await self._get_by_id(Dataset, fetch, dataset_id)

    def get_datasets(
        self, where: LogicalExpressionComponent | None = None
    ) -> AsyncPaginatedCollection[Dataset]:
        """Datasets matching `where`, deleted ones left out: `async for dataset in ...`."""
        ops = self._gateway.ops

        async def fetch(arguments: dict[str, Any], skip: int, first: int) -> list[Any]:
            result = await ops.get_datasets_py_api(**arguments, skip=skip, first=first)
            return list(result.datasets)

        return self._list(Dataset, fetch, where)

    async def create_dataset(self, **kwargs: Unpack[DatasetCreateKwargs]) -> Dataset:
        """Create a dataset (`projects=` attaches it to projects)."""
        data = Dataset._create.build(Dataset, kwargs)
        created = (await self._gateway.ops.create_dataset_py_api(data)).create_dataset
        return self._entity(Dataset, created)

    async def update_dataset(
        self, dataset: Dataset | str, **kwargs: Unpack[DatasetUpdateKwargs]
    ) -> Dataset:
        """Change fields of a dataset; returns it updated."""
        uid = _uid(dataset)
        data = Dataset._update.build(Dataset, kwargs)
        updated = (await self._gateway.ops.update_dataset_py_api(uid, data)).update_dataset
        if updated is None:
            raise exceptions.ResourceNotFoundError(Dataset, {"id": uid})
        return self._entity(Dataset, updated)

    async def delete_dataset(self, dataset: Dataset | str) -> None:
        """Delete a dataset and its data rows (a soft delete)."""
        await self._gateway.ops.delete_dataset_py_api(_uid(dataset))

    def get_data_rows(self, dataset: Dataset | str) -> AsyncPaginatedCollection[DataRow]:
        """The data rows of a dataset, in cursor pages of 500: `async for row in ...`."""
        uid = _uid(dataset)
        ops = self._gateway.ops

        async def page(cursor: Any, first: int) -> tuple[list[DataRow], Any]:
            result = await ops.get_dataset_data_rows_py_api(uid, from_=cursor, first=first)
            connection = result.dataset_data_rows
            rows = [self._entity(DataRow, node) for node in connection.nodes]
            return rows, connection.page_info.end_cursor

        page_size = Dataset.data_rows.page_size or 500
        return AsyncPaginatedCollection(cursor=page, page_size=page_size)
