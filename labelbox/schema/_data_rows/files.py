"""Uploading the local files of data rows, several at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from labelbox._progress import Progress
from labelbox.exceptions import LabelboxError
from labelbox.schema._data_rows.specs import RowSpec

MAX_PARALLEL_UPLOADS = 8


class FileUploadError(LabelboxError):
    """Some local files could not be uploaded; `failures` maps each path to its error."""

    def __init__(self, failures: dict[Path, Exception]) -> None:
        self.failures = failures
        listed = "; ".join(f"{path}: {error}" for path, error in failures.items())
        super().__init__(f"{len(failures)} file(s) could not be uploaded: {listed}")


def upload_local_files(
    specs: Sequence[RowSpec],
    upload: Callable[[Path], str],
    *,
    show_progress: bool = False,
    workers: int = MAX_PARALLEL_UPLOADS,
) -> None:
    """Upload every spec's local file with a bounded pool; its URL becomes the row data.

    Nothing is imported when any upload fails: `FileUploadError` lists every failure.
    """
    pending = [spec for spec in specs if spec.local_file is not None]
    if not pending:
        return
    failures: dict[Path, Exception] = {}
    progress = Progress("Uploading files", len(pending), enabled=show_progress)
    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(pending))))
    with progress, pool:
        futures = {
            pool.submit(upload, spec.local_file): spec for spec in pending if spec.local_file
        }
        for future, spec in futures.items():
            assert spec.local_file is not None
            try:
                spec.row["row_data"] = future.result()
            except Exception as error:  # every failure is reported, none is lost
                failures[spec.local_file] = error
            progress.advance()
    if failures:
        raise FileUploadError(failures)
