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

        `iam_integration` selects delegated access: `"DEFAULT"` (the organization's
        default integration, if it has one), an `IAMIntegration`, or None (no delegated
        access). An integration that is not valid raises before the dataset is made; if
        setting it fails, the new dataset is deleted and the error raised.
        """
        from labelbox.schema.iam_integration import IAMIntegration

        if not (
            iam_integration is None
            or iam_integration == IAMIntegration._DEFAULT
            or isinstance(iam_integration, IAMIntegration)
        ):
            raise exceptions.InvalidInputError(
                "must be an IAMIntegration, 'DEFAULT' or None, not "
                f"{type(iam_integration).__name__}",
                field="iam_integration",
            )
        if isinstance(iam_integration, IAMIntegration) and not iam_integration.valid:
            raise exceptions.InvalidInputError(
                "Integration is not valid. Please select another.", field="iam_integration"
            )
        data = Dataset._create.build(Dataset, kwargs)
        ops = self._gateway.ops
        created = ops.create_dataset_py_api(data).create_dataset
        dataset = Dataset(self._as_client, created)
        try:
            if iam_integration == IAMIntegration._DEFAULT:
                defaults = [
                    found
                    for found in ops.get_all_integrations_py_api().iam_integrations
                    if found.is_org_default
                ]
                iam_integration = IAMIntegration(self._as_client, defaults[0]) if defaults else None
            if iam_integration is None:
                return dataset
            if not iam_integration.valid:
                raise exceptions.InvalidInputError(
                    "Integration is not valid. Please select another.", field="iam_integration"
                )
            ops.set_signer_for_dataset_py_api(iam_integration.uid, dataset.uid)
            if not ops.validate_dataset_py_api(dataset.uid).validate_dataset.valid:
                raise exceptions.LabelboxError(
                    "IAMIntegration was not successfully added to the dataset."
                )
        except BaseException:
            dataset.delete()
            raise
        return dataset
