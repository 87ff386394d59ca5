"""Slices: saved filters of data rows. `CatalogSlice.get_data_row_ids()` lists the ids of
the organization's data rows its filter matches (`client.get_catalog_slice(id)`)."""

from __future__ import annotations

from typing import Any

from labelbox._generated.entities import CatalogSliceBase
from labelbox.pagination import CursorPages, PaginatedCollection


class Slice(CatalogSliceBase):
    """A saved set of filters: `name`, `description`, `filter` (JSON), `created_at`,
    `updated_at`. Use `CatalogSlice`."""


class CatalogSlice(Slice):
    """A slice of the catalog: a filter over the organization's data rows."""

    def get_data_row_ids(self) -> PaginatedCollection[str]:
        """The ids of the data rows the slice matches now, by cursor (ordered by id)."""
        ops = self._gateway.ops

        def page(cursor: Any, first: int) -> tuple[list[str], Any]:
            found = ops.get_data_row_ids_by_saved_query_py_api(
                self.uid, first, from_=cursor
            ).get_data_row_ids_by_saved_query
            return list(found.nodes), found.page_info.end_cursor

        return PaginatedCollection._of(self.client, CursorPages(page))
