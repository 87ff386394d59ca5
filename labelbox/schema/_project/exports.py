"""A project's label and issue exports.

`export_labels(download=True)` returns the rows as a lazy sequence: iterating it streams the
export file (a JSON array of LBV1 rows) in constant memory; `len()` and indexing read it
whole once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, overload

from labelbox._polling import poll
from labelbox.exceptions import InvalidInputError, LabelboxError, ResourceNotFoundError
from labelbox.schema._project.base import ProjectPart

if TYPE_CHECKING:
    from labelbox._gateway import Gateway
    from labelbox._generated.input_types import LabelExportFilters
    from labelbox.data.annotation_types.label import Label as TypedLabel

_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S")
ISSUE_STATUSES = (None, "Open", "Resolved")


class ExportedLabels(Sequence[dict[str, Any]]):
    """The rows of a label export (LBV1: `ID`, `DataRow ID`, `Labeled Data`, `Label`, ...).

    Iterating streams them from the export file, one at a time; `len()`, indexing and `==`
    read the whole file (once). `url` is the file's URL.
    """

    def __init__(self, gateway: Gateway, url: str) -> None:
        self._gateway = gateway
        self.url = url
        self._rows: list[dict[str, Any]] | None = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        if self._rows is not None:
            return iter(self._rows)
        return self._gateway.stream_json_array(self.url)

    def _all(self) -> list[dict[str, Any]]:
        if self._rows is None:
            self._rows = list(self._gateway.stream_json_array(self.url))
        return self._rows

    def __len__(self) -> int:
        return len(self._all())

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        return self._all()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str | bytes):
            return self._all() == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"<ExportedLabels url={self.url.split('?', 1)[0]!r}>"


def created_window(start: str | None, end: str | None) -> LabelExportFilters | None:
    """The `filters` of an export (`InvalidInputError` for a badly written date)."""
    bounds = {}
    for name, value in (("start", start), ("end", end)):
        if not value:
            continue
        if not any(_parses(value, pattern) for pattern in _FORMATS):
            raise InvalidInputError(
                f'{value!r}: write "YYYY-MM-DD" or "YYYY-MM-DD hh:mm:ss"', field=name
            )
        bounds[name] = value
    if not bounds:
        return None
    from labelbox._generated.input_types import LabelExportFilters

    return LabelExportFilters.model_validate({"labelCreatedAt": bounds})


def _parses(value: str, pattern: str) -> bool:
    try:
        datetime.strptime(value, pattern)
    except (TypeError, ValueError):
        return False
    return True


class ProjectExports(ProjectPart):
    @overload
    def export_labels(
        self,
        download: Literal[False] = False,
        timeout_seconds: float = 1800,
        *,
        start: str | None = None,
        end: str | None = None,
    ) -> str | None: ...

    @overload
    def export_labels(
        self,
        download: Literal[True],
        timeout_seconds: float = 1800,
        *,
        start: str | None = None,
        end: str | None = None,
    ) -> ExportedLabels | None: ...

    def export_labels(
        self,
        download: bool = False,
        timeout_seconds: float = 1800,
        *,
        start: str | None = None,
        end: str | None = None,
    ) -> str | ExportedLabels | None:
        """Export the project's labels (LBV1 rows); returns the export file's URL, or with
        `download` its rows (see `ExportedLabels`: iterating streams them).

        `start` / `end` ("YYYY-MM-DD" or "YYYY-MM-DD hh:mm:ss", UTC, both inclusive) keep
        labels created in that window. Waits up to `timeout_seconds` for the server to
        write the file; returns None if it has not by then. A badly written date raises
        `InvalidInputError` (a `ValueError`) before anything is sent; a failed export
        raises `LabelboxError`.
        """
        filters = created_window(start, end)
        ops = self._project._gateway.ops

        def ready() -> str | None:
            export = ops.export_labels_py_api(self._project.uid, filters).export_labels
            if export.status == "FAILED":
                raise LabelboxError(f"The label export of project {self._project.uid} failed")
            return export.download_url if not export.should_poll else None

        url = poll(ready, timeout=timeout_seconds)
        if url is None or not download:
            return url
        return ExportedLabels(self._project._gateway, url)

    def label_generator(
        self, timeout_seconds: float = 600, *, start: str | None = None, end: str | None = None
    ) -> Iterator[TypedLabel]:
        """The project's labels as typed `labelbox.data.annotation_types.Label`s, parsed from
        a label export one row at a time (constant memory). `TimeoutError` if the export is
        not ready within `timeout_seconds`."""
        from labelbox.data.annotation_types.converter import from_lbv1
        from labelbox.exceptions import TimeoutError as ExportTimeout

        rows = self.export_labels(True, timeout_seconds, start=start, end=end)
        if rows is None:
            raise ExportTimeout("Unable to download labels in time")
        return (from_lbv1(row) for row in rows)

    def export_issues(self, status: Literal["Open", "Resolved"] | None = None) -> str:
        """The URL of a JSON file of the project's issues (with this status, if given). An
        unknown status raises `InvalidInputError` (a `ValueError`) before anything is sent."""
        if status not in ISSUE_STATUSES:
            raise InvalidInputError(
                f"must be one of Open, Resolved or None, not {status!r}", field="status"
            )
        from labelbox._generated.enums import IssueStatus

        issue_status = IssueStatus(status) if status is not None else None
        result = self._project._gateway.ops.project_issues_export_py_api(
            self._project.uid, issue_status
        )
        if result.project is None:
            raise ResourceNotFoundError(type(self._project), {"id": self._project.uid})
        return result.project.issue_export_url or ""
