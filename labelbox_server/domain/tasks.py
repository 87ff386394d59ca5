"""Background work: one table (`tasks`), one way to start it, one registry of handlers.

A task has a kind (a `TaskKind`), a JSON payload, a status (IN_PROGRESS, COMPLETE, FAILED)
and, once done, a result: a blob (`result_key`, served as a long-lived signed URL whose
expiry counts from the completion time) and/or a JSON value (`result`).

* `start_task(session, caller, KIND, payload=..., dedupe_key=...)` records a task in the
  caller's transaction (and, for a kind with a handler, wakes the workers once it commits). With a `dedupe_key` (unique on the server: derive it from ids of the
  caller's objects), starting it again returns the first task, concurrent requests included.
* A kind with a handler (a class decorated `@handles(KIND)`) runs in the background on the
  worker threads (`labelbox_server.worker`), woken once the request commits; handlers get a
  `TaskRun` and make their work resumable. `discover_handlers()` imports every domain module
  and returns the registry, so a new handler needs no registration.
* A kind without a handler is completed in the request with `complete_task` (the global-key
  jobs are).
* Kinds with `listed=True` are the `Task`s users see (`Query.task`, `User.createdTasks`).
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..db.models import Task
from ..db.session import SessionFactory
from ..errors import ResourceNotFound
from ..storage import Storage
from . import clock, ids, store
from .context import Caller
from .pagination import ListArgs, apply_list_args

IN_PROGRESS, COMPLETE, FAILED = "IN_PROGRESS", "COMPLETE", "FAILED"
#: `session.info` key set when a request started a task, so the workers are woken.
STARTED = "labelbox_tasks_started"

_KINDS: dict[str, TaskKind] = {}
_HANDLERS: dict[str, TaskHandler] = {}


@dataclass(frozen=True)
class TaskKind:
    """A kind of task: `name` is stored (at most 32 characters), `title` is the task's
    `name` in the API; `listed` kinds are shown as `Task`s."""

    name: str
    title: str
    listed: bool = True

    def __post_init__(self) -> None:
        if len(self.name) > 32:
            raise ValueError(f"task kind name {self.name!r} is longer than 32 characters")
        if _KINDS.setdefault(self.name, self) is not self:
            raise ValueError(f"task kind {self.name!r} is defined twice")


class TaskFailed(Exception):
    """The task cannot complete (the message says why, and becomes the task's `errors`)."""


class TaskInterrupted(Exception):
    """The workers are stopping: the task is handed back and resumed later."""


class TaskLost(Exception):
    """Another worker took the task over."""


class TaskHandler(Protocol):
    """Runs the tasks of one kind."""

    def run(self, run: TaskRun) -> None:
        """Do (or resume) the work; end with `run.complete(...)` (or `run.fail(...)`) in the
        last transaction."""
        ...

    def cleanup(self, run: TaskRun, message: str) -> None:
        """Undo what a failed run left (the runner then marks the task FAILED)."""
        ...


_Handler = TypeVar("_Handler", bound=type[TaskHandler])


def handles(kind: TaskKind) -> Callable[[_Handler], _Handler]:
    """Class decorator: an instance of the class runs every task of `kind`."""

    def register(handler: _Handler) -> _Handler:
        if kind.name in _HANDLERS:
            raise ValueError(f"task kind {kind.name!r} has two handlers")
        _HANDLERS[kind.name] = handler()
        return handler

    return register


def discover_handlers() -> Mapping[str, TaskHandler]:
    """Every registered handler by kind name (importing each domain module first)."""
    package = importlib.import_module(__package__ or "labelbox_server.domain")
    for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
        importlib.import_module(module.name)
    return dict(_HANDLERS)


# -- starting, completing, reading --------------------------------------------------------


def start_task(
    session: Session,
    caller: Caller,
    kind: TaskKind,
    *,
    payload: Mapping[str, Any] | None = None,
    dedupe_key: str | None = None,
    subject_id: str | None = None,
) -> Task:
    """A new IN_PROGRESS task of the caller (or the task already started with `dedupe_key`).
    `subject_id` is the object it works on (e.g. a dataset), for lookups by subject."""
    if dedupe_key is not None and (found := _by_dedupe_key(session, caller, dedupe_key)):
        return found
    now = clock.now()
    task = Task(
        id=ids.new_id(),
        organization_id=caller.organization_id,
        created_by_id=caller.user_id,
        kind=kind.name,
        name=kind.title,
        listed=kind.listed,
        subject_id=subject_id,
        payload=dict(payload or {}),
        dedupe_key=dedupe_key,
        status=IN_PROGRESS,
        completion_percentage=0.0,
        attempts=0,
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(task)
    except IntegrityError:
        if dedupe_key is None or (found := _by_dedupe_key(session, caller, dedupe_key)) is None:
            raise
        return found
    if kind.name in _HANDLERS:
        session.info[STARTED] = True
    return task


def _by_dedupe_key(session: Session, caller: Caller, dedupe_key: str) -> Task | None:
    return session.scalars(store.scoped(caller, Task).where(Task.dedupe_key == dedupe_key)).first()


def complete_task(
    session: Session, task: Task, *, result: Any = None, result_key: str | None = None
) -> Task:
    """Mark a task COMPLETE with its result (for kinds computed in the request)."""
    now = clock.now()
    task.status = COMPLETE
    task.completion_percentage = 100.0
    task.result = result
    task.result_key = result_key
    task.updated_at = now
    task.completed_at = now
    session.flush()
    return task


def get_task(session: Session, caller: Caller, task_id: str) -> Task:
    """A listed task of the caller's organization (`RESOURCE_NOT_FOUND` otherwise)."""
    task = store.find(session, caller, Task, task_id)
    if task is None or not task.listed:
        raise ResourceNotFound.for_id("Task", task_id)
    return task


def get_task_of_kind(
    session: Session, caller: Caller, kind: TaskKind, task_id: str, *, name: str
) -> Task:
    """A task of `kind` of the caller's organization (`<name> with id ... not found`)."""
    task = store.find(session, caller, Task, task_id)
    if task is None or task.kind != kind.name:
        raise ResourceNotFound.for_id(name, task_id)
    return task


def list_created_tasks(
    session: Session, caller: Caller, user_id: str, args: ListArgs
) -> Sequence[Task]:
    """Listed tasks the user started, oldest first unless `orderBy` says otherwise."""
    stmt = store.scoped(caller, Task).where(Task.created_by_id == user_id, Task.listed.is_(True))
    stmt = apply_list_args(stmt, args, Task, default_order=[Task.created_at])
    return store.rows(session, stmt)


def latest_task(
    session: Session,
    caller: Caller,
    kind: TaskKind,
    subject_id: str,
    *,
    status: str,
    where: Sequence[ColumnElement[bool]] = (),
) -> Task | None:
    """The newest task of `kind` on `subject_id` with this status (and `where`, e.g. a
    condition on the payload)."""
    stmt = store.scoped(caller, Task).where(
        Task.subject_id == subject_id, Task.kind == kind.name, Task.status == status, *where
    )
    return session.scalars(stmt.order_by(Task.created_at.desc(), Task.id.desc()).limit(1)).first()


def result_url(storage: Storage, task: Task) -> str | None:
    """The signed URL of the task's result blob, once there is one."""
    if task.result_key is None:
        return None
    return storage.stored_url(task.result_key, task.completed_at or task.updated_at)


# -- running (what handlers get) ----------------------------------------------------------


@dataclass
class TaskRun:
    """A claimed task as its handler sees it: the payload, who started it, the database, the
    blob store and the stop flag. Every transaction that commits progress calls `checkpoint`
    (or `progress`, `complete`, `fail`, which do), so a worker that lost its claim stops."""

    task_id: str
    kind: str
    payload: dict[str, Any]
    organization_id: str
    user_id: str | None
    sessions: SessionFactory
    storage: Storage
    worker: str
    stopping: threading.Event = field(default_factory=threading.Event)
    #: How many times the task was claimed (this run included).
    attempts: int = 1

    @property
    def caller(self) -> Caller:
        """The caller who started the task (scope for lookups)."""
        return Caller(user_id=self.user_id or "", organization_id=self.organization_id)

    def check_stop(self) -> None:
        """Raise `TaskInterrupted` if the workers are stopping."""
        if self.stopping.is_set():
            raise TaskInterrupted()

    def checkpoint(self, session: Session) -> None:
        """In a write transaction: confirm the claim and refresh the heartbeat."""
        result = session.execute(
            update(Task)
            .where(Task.id == self.task_id, Task.claimed_by == self.worker)
            .where(Task.status == IN_PROGRESS)
            .values(heartbeat_at=clock.now())
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise TaskLost()

    def progress(self, session: Session, percentage: float, *, touch: bool = True) -> None:
        """`checkpoint`, and record the completion percentage (and, with `touch`, bump the
        task's `updated_at`)."""
        self.checkpoint(session)
        values: dict[str, Any] = {"completion_percentage": percentage}
        if touch:
            values["updated_at"] = clock.now()
        self._set(session, **values)

    def complete(
        self, session: Session, *, result: Any = None, result_key: str | None = None
    ) -> None:
        """In the handler's last transaction: `checkpoint`, then COMPLETE, claim released."""
        self.checkpoint(session)
        now = clock.now()
        self._set(
            session,
            status=COMPLETE,
            completion_percentage=100.0,
            result=result,
            result_key=result_key,
            claimed_by=None,
            updated_at=now,
            completed_at=now,
        )

    def fail(self, session: Session, message: str, *, result_key: str | None = None) -> None:
        """In the handler's last transaction: `checkpoint`, then FAILED, claim released."""
        self.checkpoint(session)
        now = clock.now()
        self._set(
            session,
            status=FAILED,
            errors=message,
            result_key=result_key,
            claimed_by=None,
            updated_at=now,
            completed_at=now,
        )

    def load(self, session: Session) -> Task | None:
        """The task's row (fresh)."""
        return session.get(Task, self.task_id, populate_existing=True)

    def _set(self, session: Session, **values: Any) -> None:
        session.execute(
            update(Task)
            .where(Task.id == self.task_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
