"""Worker threads running background tasks (`domain.tasks`), in every server process.

A worker claims an IN_PROGRESS task with a compare-and-swap `UPDATE tasks ... WHERE id = :id
AND status = 'IN_PROGRESS' AND claimed_by = <what it read> AND heartbeat_at = <what it read>`
and checks the row count, so exactly one worker of any process on the database wins (SQLite
and PostgreSQL alike). Claimable: unclaimed tasks, and tasks whose claimer is gone: a stale
heartbeat (`stale_after` seconds; a heartbeat thread refreshes the process's claims), or a
claimer that was a process on this host that no longer runs. A graceful stop hands running
tasks back (unclaimed). Handlers make their work resumable (imports skip rows already
created) and call `TaskRun.checkpoint` in every transaction that commits progress: it
verifies the claim and refreshes the heartbeat, so a worker that lost its claim stops
instead of racing. Claims never change a task's `updatedAt`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import threading
from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from .db.models import Task
from .db.session import SessionFactory
from .domain import clock
from .domain.tasks import (
    FAILED,
    IN_PROGRESS,
    TaskFailed,
    TaskHandler,
    TaskInterrupted,
    TaskLost,
    TaskRun,
)
from .storage import Storage

logger = logging.getLogger("labelbox_server.worker")

#: Identities of the runners alive in this process.
_LIVE: set[str] = set()
CANDIDATES = 50


def _is_dead(claimed_by: str | None) -> bool:
    """Whether the claimer was a process (or runner) on this host that no longer runs."""
    if claimed_by is None:
        return True
    host, _, rest = claimed_by.partition("|")
    pid_text, _, _token = rest.partition("|")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return claimed_by not in _LIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class TaskRunner:
    """Worker threads (plus a heartbeat thread) running tasks until `stop()`."""

    def __init__(
        self,
        sessions: SessionFactory,
        storage: Storage,
        handlers: Mapping[str, TaskHandler],
        *,
        threads: int = 2,
        poll_interval: float = 0.5,
        heartbeat_interval: float = 5.0,
        stale_after: float = 30.0,
        max_attempts: int = 5,
    ) -> None:
        self.sessions = sessions
        self.storage = storage
        self.handlers = dict(handlers)
        self.identity = f"{socket.gethostname()}|{os.getpid()}|{secrets.token_hex(6)}"
        self._threads_wanted = threads
        self._poll_interval = poll_interval
        self._heartbeat_interval = heartbeat_interval
        self._stale_after = timedelta(seconds=stale_after)
        self._max_attempts = max_attempts
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        _LIVE.add(self.identity)

    def start(self) -> None:
        """Start the threads."""
        for n in range(self._threads_wanted):
            thread = threading.Thread(target=self._work, name=f"task-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        beat = threading.Thread(target=self._heartbeat, name="task-heartbeat", daemon=True)
        beat.start()
        self._threads.append(beat)

    def wake(self) -> None:
        """Look for new tasks now."""
        self._wake.set()

    def stop(self, timeout: float = 8.0) -> None:
        """Stop the threads; running tasks are handed back for the next server."""
        self._stopping.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()
        _LIVE.discard(self.identity)

    # -- internals ----------------------------------------------------------------------

    def _work(self) -> None:
        while not self._stopping.is_set():
            try:
                run = self._claim_next()
            except Exception:
                logger.exception("claiming a task failed")
                run = None
            if run is None:
                self._wake.wait(self._poll_interval)
                self._wake.clear()
                continue
            try:
                self._run(run)
            except Exception:
                logger.exception("running task %s failed", run.task_id)

    def _heartbeat(self) -> None:
        while not self._stopping.wait(self._heartbeat_interval):
            try:
                with self.sessions.session(write=True) as session:
                    session.execute(
                        update(Task)
                        .where(Task.claimed_by == self.identity, Task.status == IN_PROGRESS)
                        .values(heartbeat_at=clock.now())
                        .execution_options(synchronize_session=False)
                    )
                    session.commit()
            except Exception:
                logger.exception("task heartbeat failed")

    def _claim_next(self) -> TaskRun | None:
        with self.sessions.session() as session:
            candidates = session.execute(
                select(Task.id, Task.claimed_by, Task.heartbeat_at)
                .where(Task.status == IN_PROGRESS)
                .order_by(Task.created_at, Task.id)
                .limit(CANDIDATES)
            ).all()
        now = clock.now()
        for task_id, claimed_by, heartbeat_at in candidates:
            if claimed_by is not None and not (
                heartbeat_at is None
                or heartbeat_at < now - self._stale_after
                or _is_dead(claimed_by)
            ):
                continue
            with self.sessions.session(write=True) as session:
                if self._claim(session, task_id, claimed_by, heartbeat_at):
                    task = session.get(Task, task_id, populate_existing=True)
                    assert task is not None
                    return TaskRun(
                        task_id=task.id,
                        kind=task.kind,
                        payload=dict(task.payload or {}),
                        organization_id=task.organization_id,
                        user_id=task.created_by_id,
                        sessions=self.sessions,
                        storage=self.storage,
                        worker=self.identity,
                        stopping=self._stopping,
                        attempts=task.attempts,
                    )
        return None

    def _claim(
        self, session: Session, task_id: str, claimed_by: str | None, heartbeat_at: object
    ) -> bool:
        conditions: list[ColumnElement[bool]] = [Task.id == task_id, Task.status == IN_PROGRESS]
        conditions.append(
            Task.claimed_by.is_(None) if claimed_by is None else Task.claimed_by == claimed_by
        )
        conditions.append(
            Task.heartbeat_at.is_(None)
            if heartbeat_at is None
            else Task.heartbeat_at == heartbeat_at
        )
        result = session.execute(
            update(Task)
            .where(*conditions)
            .values(claimed_by=self.identity, heartbeat_at=clock.now(), attempts=Task.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        session.commit()
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def _run(self, run: TaskRun) -> None:
        handler = self.handlers.get(run.kind)
        try:
            if handler is None:
                raise TaskFailed(f"unknown task kind {run.kind}")
            if run.attempts > self._max_attempts:
                raise TaskFailed(f"gave up after {run.attempts - 1} interrupted attempts")
            handler.run(run)
            if self._still_claimed(run):
                logger.error("the %s handler returned without finishing %s", run.kind, run.task_id)
                self._finish_failed(run, "Internal error")
        except TaskInterrupted:
            self._release(run)
        except TaskLost:
            logger.warning("task %s was taken over by another worker", run.task_id)
        except Exception as error:
            message = str(error) if isinstance(error, TaskFailed) else "Internal error"
            if not isinstance(error, TaskFailed):
                logger.exception("task %s failed", run.task_id)
            try:
                if handler is not None:
                    handler.cleanup(run, message)
            except Exception:
                logger.exception("cleaning up after task %s failed", run.task_id)
            self._finish_failed(run, message)

    def _still_claimed(self, run: TaskRun) -> bool:
        with self.sessions.session() as session:
            claimed = session.scalars(
                select(Task.id).where(
                    Task.id == run.task_id,
                    Task.claimed_by == run.worker,
                    Task.status == IN_PROGRESS,
                )
            ).first()
        return claimed is not None

    def _finish_failed(self, run: TaskRun, message: str) -> None:
        """Mark the task FAILED (unless a handler finished it) and release the claim."""
        with contextlib.suppress(Exception), self.sessions.session(write=True) as session:
            now = clock.now()
            mine = [Task.id == run.task_id, Task.claimed_by == run.worker]
            session.execute(
                update(Task)
                .where(*mine, Task.status == IN_PROGRESS)
                .values(status=FAILED, errors=message, updated_at=now, completed_at=now)
                .execution_options(synchronize_session=False)
            )
            session.execute(
                update(Task)
                .where(*mine)
                .values(claimed_by=None)
                .execution_options(synchronize_session=False)
            )
            session.commit()

    def _release(self, run: TaskRun) -> None:
        """Hand the task back (unclaimed) for the next worker."""
        with contextlib.suppress(Exception), self.sessions.session(write=True) as session:
            session.execute(
                update(Task)
                .where(Task.id == run.task_id, Task.claimed_by == run.worker)
                .values(claimed_by=None)
                .execution_options(synchronize_session=False)
            )
            session.commit()
