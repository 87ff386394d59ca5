"""Bad filters and orderings for `test_bad_inputs`: `where=` values and expressions, `order_by=`,
`get_many`."""

from __future__ import annotations

import math

from labelbox import DataRow, Dataset, Project, exceptions

from .bad_inputs_common import SURROGATE, Case

FILTER_CASES: dict[str, Case] = {
    "where= with NaN": (
        lambda c, d, p: list(c.get_datasets(where=Dataset.row_count > math.nan)),  # type: ignore[operator]
        exceptions.InvalidQueryError,
        "Dataset.row_count",
    ),
    "where= with 10**400": (
        lambda c, d, p: list(c.get_datasets(where=Dataset.row_count > 10**400)),
        exceptions.InvalidQueryError,
        "Dataset.row_count",
    ),
    "where= with a lone surrogate": (
        lambda c, d, p: list(c.get_projects(where=Project.name == SURROGATE)),
        exceptions.InvalidQueryError,
        "Project.name: the value contains a lone surrogate",
    ),
    "where= with a field as the value": (
        lambda c, d, p: list(c.get_projects(where=Project.name == Project.description)),
        exceptions.InvalidQueryError,
        "Project.name",
    ),
    "where= on a data row relationship with bytes": (
        lambda c, d, p: list(d.data_rows(where=DataRow.external_id == b"x")),
        exceptions.InvalidQueryError,
        "DataRow.external_id",
    ),
    "where= that is a string": (
        lambda c, d, p: list(c.get_projects(where="name = 'x'")),  # type: ignore[arg-type]
        exceptions.InvalidQueryError,
        "Not a filter expression",
    ),
    "order_by= that is a string": (
        lambda c, d, p: list(d.data_rows(order_by="external_id")),  # type: ignore[arg-type]
        exceptions.InvalidQueryError,
        "order_by",
    ),
    "get_many of a string": (
        lambda c, d, p: c.get_projects().get_many("3"),  # type: ignore[arg-type]
        exceptions.InvalidQueryError,
        "get_many",
    ),
}
