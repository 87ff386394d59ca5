"""Optional progress bars (`show_progress=True`), drawn with rich when it is installed."""

from __future__ import annotations

from types import TracebackType
from typing import Any


class Progress:
    """A progress bar for one piece of work; does nothing unless `enabled`.

    Needs the `rich` package (`pip install labelbox[progress]`); without it a
    bar is not shown and the work goes on.
    """

    def __init__(self, description: str, total: float | None, *, enabled: bool) -> None:
        self._bar: Any = None
        self._task: Any = None
        if not enabled:
            return
        try:
            from rich.progress import Progress as RichProgress
        except ImportError:
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
