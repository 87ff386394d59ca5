"""Waiting for a model run's tasks (data-row and label registration, split assignment)."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from labelbox import exceptions
from labelbox._polling import poll

#: Longest pause between two status requests (3.36.0 polled every 5 seconds).
POLL_INTERVAL = 5.0


class ModelRunTaskTimeout(exceptions.TimeoutError, builtins.TimeoutError):
    """A model-run task did not finish in time (also the built-in `TimeoutError`, which
    3.36.0 raised)."""


class ModelRunTaskFailed(exceptions.LabelboxError):
    """A model-run task FAILED; the message has the server's reason."""


class TaskStatus(Protocol):
    status: str
    error_message: str | None


def wait_for_task(status: Callable[[], TaskStatus | None], timeout_seconds: float) -> bool:
    """Poll `status` until the task is COMPLETE (True); FAILED raises `ModelRunTaskFailed`,
    running past `timeout_seconds` raises `ModelRunTaskTimeout`."""

    def done() -> bool | None:
        found = status()
        if found is None:
            raise exceptions.ResourceNotFoundError("ModelRunTask", "the task no longer exists")
        if found.status == "COMPLETE":
            return True
        if found.status == "FAILED":
            raise ModelRunTaskFailed(f"Job failed. Details : {found.error_message}")
        return None

    if poll(done, timeout=float(timeout_seconds), interval=POLL_INTERVAL) is None:
        raise ModelRunTaskTimeout(f"Unable to complete import within {timeout_seconds} seconds.")
    return True


def id_list(values: Any, field: str) -> list[str]:
    """A non-empty list of id strings (`InvalidInputError` naming `field` and the item
    otherwise), checked before anything is sent."""
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | set | frozenset):
        raise exceptions.InvalidInputError(
            f"must be a list of ids, got {type(values).__name__}", field=field
        )
    ids = list(values)
    if not ids:
        raise exceptions.InvalidInputError("must provide at least one id", field=field)
    for index, value in enumerate(ids):
        if not isinstance(value, str) or not value.strip():
            raise exceptions.InvalidInputError(
                f"must be a non-empty id string, got {value!r}", field=field, index=index
            )
    return ids
