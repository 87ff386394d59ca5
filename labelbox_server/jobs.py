"""Background jobs: rows in the `jobs` table, claimed by worker threads of server processes.

A worker claims a job with a compare-and-swap `UPDATE ... WHERE id = :id AND state = ...
AND claimed_by = <what it read> AND heartbeat_at = <what it read>` and checks the row count,
so exactly one worker of any process on the database wins (SQLite and PostgreSQL alike).
Claimable: PENDING jobs, and RUNNING jobs whose claimer is gone: a stale heartbeat
(`stale_after` seconds; a heartbeat thread refreshes the process's claims), or a claimer that
was a process on this host that no longer runs. A graceful stop hands running jobs back
(PENDING). Handlers make their work resumable (imports skip rows already created) and call
`JobContext.checkpoint` in every transaction that commits progress: it verifies the claim
and refreshes the heartbeat, so a worker that lost its claim stops instead of racing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import socket
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from .db.models import Job
from .db.session import SessionFactory
from .domain import clock, ids
from .storage import Storage

logger = logging.getLogger("labelbox_server.jobs")

PENDING, RUNNING, DONE, FAILED = "PENDING", "RUNNING", "DONE", "FAILED"


class JobInterrupted(Exception):
    """The runner is stopping: hand the job back."""


class JobLost(Exception):
    """Another worker took the job over."""


class JobFailed(Exception):
    """The job cannot complete (the message says why)."""


@dataclass
class JobContext:
    """What a handler gets: the job, the database, the blob store, the stop flag."""

    job_id: str
    task_id: str | None
    payload: dict[str, Any]
    sessions: SessionFactory
    storage: Storage
    worker: str
    stopping: threading.Event

    def check_stop(self) -> None:
        """Raise `JobInterrupted` if the runner is stopping."""
        if self.stopping.is_set():
            raise JobInterrupted()

    def checkpoint(self, session: Session) -> None:
        """In a write transaction: confirm the claim and refresh the heartbeat."""
        now = clock.now()
        result = session.execute(
            update(Job)
            .where(Job.id == self.job_id, Job.claimed_by == self.worker, Job.state == RUNNING)
            .values(heartbeat_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise JobLost()

    def finish(self, session: Session, state: str = DONE, error: str | None = None) -> None:
        """In the handler's last transaction: mark the job DONE (or FAILED)."""
        self.checkpoint(session)
        session.execute(
            update(Job)
            .where(Job.id == self.job_id)
            .values(state=state, claimed_by=None, error=error, updated_at=clock.now())
            .execution_options(synchronize_session=False)
        )


class JobHandler(Protocol):
    """Runs one kind of job."""

    def run(self, ctx: JobContext) -> None:
        """Do (or resume) the work; call `ctx.finish` in the last transaction."""
        ...

    def fail(self, ctx: JobContext, message: str) -> None:
        """Record that the job failed for good (e.g. mark its task FAILED)."""
        ...


@dataclass(frozen=True)
class ClaimedJob:
    """A job this worker holds."""

    id: str
    kind: str
    task_id: str | None
    payload: dict[str, Any]
    attempts: int


def enqueue(
    session: Session, kind: str, payload: Mapping[str, Any], task_id: str | None = None
) -> Job:
    """Add a PENDING job (committed with the caller's transaction)."""
    now = clock.now()
    job = Job(
        id=ids.new_id(),
        kind=kind,
        task_id=task_id,
        payload=dict(payload),
        state=PENDING,
        claimed_by=None,
        heartbeat_at=None,
        attempts=0,
        error=None,
        created_at=now,
        updated_at=now,
    )
    session.add(job)
    session.flush()
    return job


#: Identities of the runners alive in this process.
_LIVE: set[str] = set()


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


class JobRunner:
    """Worker threads (plus a heartbeat thread) running jobs until `stop()`."""

    def __init__(
        self,
        sessions: SessionFactory,
        storage: Storage,
        handlers: Mapping[str, JobHandler],
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
            thread = threading.Thread(target=self._work, name=f"job-worker-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)
        beat = threading.Thread(target=self._heartbeat, name="job-heartbeat", daemon=True)
        beat.start()
        self._threads.append(beat)

    def wake(self) -> None:
        """Look for new jobs now."""
        self._wake.set()

    def stop(self, timeout: float = 8.0) -> None:
        """Stop the threads; running jobs are handed back (PENDING) for the next server."""
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
                job = self._claim_next()
            except Exception:
                logger.exception("claiming a job failed")
                job = None
            if job is None:
                self._wake.wait(self._poll_interval)
                self._wake.clear()
                continue
            try:
                self._run(job)
            except Exception:
                logger.exception("running job %s failed", job.id)

    def _heartbeat(self) -> None:
        while not self._stopping.wait(self._heartbeat_interval):
            try:
                with self.sessions.session(write=True) as session:
                    session.execute(
                        update(Job)
                        .where(Job.claimed_by == self.identity, Job.state == RUNNING)
                        .values(heartbeat_at=clock.now())
                        .execution_options(synchronize_session=False)
                    )
                    session.commit()
            except Exception:
                logger.exception("job heartbeat failed")

    def _claim_next(self) -> ClaimedJob | None:
        with self.sessions.session() as session:
            candidates = session.execute(
                select(Job.id, Job.state, Job.claimed_by, Job.heartbeat_at)
                .where(Job.state.in_([PENDING, RUNNING]))
                .order_by(Job.created_at, Job.id)
                .limit(50)
            ).all()
        now = clock.now()
        for job_id, state, claimed_by, heartbeat_at in candidates:
            if state == RUNNING and not (
                heartbeat_at is None
                or heartbeat_at < now - self._stale_after
                or _is_dead(claimed_by)
            ):
                continue
            conditions: list[ColumnElement[bool]] = [Job.id == job_id, Job.state == state]
            conditions.append(
                Job.claimed_by.is_(None) if claimed_by is None else Job.claimed_by == claimed_by
            )
            conditions.append(
                Job.heartbeat_at.is_(None)
                if heartbeat_at is None
                else Job.heartbeat_at == heartbeat_at
            )
            with self.sessions.session(write=True) as session:
                result = session.execute(
                    update(Job)
                    .where(*conditions)
                    .values(
                        state=RUNNING,
                        claimed_by=self.identity,
                        heartbeat_at=now,
                        attempts=Job.attempts + 1,
                        updated_at=now,
                    )
                    .execution_options(synchronize_session=False)
                )
                session.commit()
                if result.rowcount == 1:  # type: ignore[attr-defined]
                    job = session.get(Job, job_id, populate_existing=True)
                    assert job is not None
                    return ClaimedJob(
                        job.id, job.kind, job.task_id, dict(job.payload or {}), job.attempts
                    )
        return None

    def _run(self, job: ClaimedJob) -> None:
        ctx = JobContext(
            job.id,
            job.task_id,
            job.payload,
            self.sessions,
            self.storage,
            self.identity,
            self._stopping,
        )
        handler = self.handlers.get(job.kind)
        try:
            if handler is None:
                raise JobFailed(f"unknown job kind {job.kind}")
            if job.attempts > self._max_attempts:
                raise JobFailed(f"gave up after {job.attempts - 1} interrupted attempts")
            handler.run(ctx)
            self._set_state(ctx, DONE, None, only_if_running=True)
        except JobInterrupted:
            self._set_state(ctx, PENDING, None)
        except JobLost:
            logger.warning("job %s was taken over by another worker", job.id)
        except Exception as error:
            message = str(error) if isinstance(error, JobFailed) else "Internal error"
            if not isinstance(error, JobFailed):
                logger.exception("job %s failed", job.id)
            try:
                if handler is not None:
                    handler.fail(ctx, message)
            except Exception:
                logger.exception("recording the failure of job %s failed", job.id)
            self._set_state(ctx, FAILED, message)

    def _set_state(
        self, ctx: JobContext, state: str, error: str | None, *, only_if_running: bool = False
    ) -> None:
        with contextlib.suppress(Exception), self.sessions.session(write=True) as session:
            conditions = [Job.id == ctx.job_id, Job.claimed_by == ctx.worker]
            if only_if_running:
                conditions.append(Job.state == RUNNING)
            session.execute(
                update(Job)
                .where(*conditions)
                .values(state=state, claimed_by=None, error=error, updated_at=clock.now())
                .execution_options(synchronize_session=False)
            )
            session.commit()
