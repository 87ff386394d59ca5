"""Optional progress bars (`show_progress=True`), drawn with rich when it is installed."""

from __future__ import annotations

import warnings
from types import TracebackType
from typing import Any

from labelbox._version import DISTRIBUTION

_warned = False


def _warn_missing_rich() -> None:
    """Say once per process that `show_progress=True` needs the `progress` extra."""
    global _warned
    if _warned:
        return
    _warned = True
    warnings.warn(
        "show_progress=True draws progress bars with rich, which is not installed: "
        f"pip install '{DISTRIBUTION}[progress]'",
        RuntimeWarning,
        stacklevel=4,
    )


class Progress:
    """A progress bar for one piece of work; does nothing unless `enabled`.

    Needs the `rich` package (the `progress` extra); without it a bar is not
    shown, a warning says so once, and the work goes on.
    """

    def __init__(self, description: str, total: float | None, *, enabled: bool) -> None:
        self._bar: Any = None
        self._task: Any = None
        if not enabled:
            return
        try:
            from rich.progress import Progress as RichProgress
        except ImportError:
            _warn_missing_rich()
            return
        self._bar = RichProgress(transient=False)
        self._task = self._bar.add_task(description, total=total)

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, amount: float = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, amount)

    def update(self, completed: float) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=completed)

    def refresh(self) -> None:
        if self._bar is not None:
            self._bar.refresh()
