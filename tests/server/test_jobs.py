"""The task runner: exclusive claims, takeover of dead or stale claims, hand-back on stop,
failures, and the retry limit (in process, on the test database)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from labelbox_server.db import migrate
from labelbox_server.db.models import Task
from labelbox_server.db.session import SessionFactory, make_engine
from labelbox_server.domain import clock, organizations, users
from labelbox_server.domain.context import Caller
from labelbox_server.domain.tasks import TaskFailed, TaskKind, TaskRun, start_task
from labelbox_server.storage import DirectoryBlobStore, Storage, UrlSigner
from labelbox_server.worker import TaskRunner

TEST = TaskKind("test", "A test task")


@pytest.fixture
def sessions(
    tmp_path: Path, new_database_url: Callable[[], str | None]
) -> Iterator[SessionFactory]:
    engine: Engine = make_engine(new_database_url() or f"sqlite:///{tmp_path / 'jobs.db'}")
    migrate.upgrade(engine)
    yield SessionFactory(engine)
    engine.dispose()


@pytest.fixture
def storage(tmp_path: Path) -> Storage:
    return Storage(
        DirectoryBlobStore(tmp_path / "blobs"), UrlSigner(b"s" * 32), "http://h", 1, 1, 1
    )


class Recorder:
    """A handler that records what happens; `block` makes `run` wait for the stop flag."""

    def __init__(self, *, block: bool = False, error: Exception | None = None) -> None:
        self.block = block
        self.error = error
        self.runs: list[str] = []
        self.failures: list[str] = []
        self.started = threading.Event()

    def run(self, run: TaskRun) -> None:
        self.runs.append(run.task_id)
        self.started.set()
        if self.error is not None:
            raise self.error
        while self.block:
            run.check_stop()
            time.sleep(0.01)
        with run.sessions.session(write=True) as session:
            run.complete(session, result={"n": run.payload["n"]})
            session.commit()

    def cleanup(self, run: TaskRun, message: str) -> None:
        self.failures.append(message)


def add_job(sessions: SessionFactory) -> str:
    with sessions.session(write=True) as session:
        organization = organizations.create_organization(session, "jobs")
        user = users.create_user(
            session,
            organization_id=organization.id,
            email=f"{organization.id}@jobs.local",
            name=None,
            nickname=None,
            org_role="Admin",
        )
        caller = Caller(user_id=user.id, organization_id=organization.id)
        job_id = start_task(session, caller, TEST, payload={"n": 1}).id
        session.commit()
    return job_id


def job(sessions: SessionFactory, job_id: str) -> Task:
    with sessions.session() as session:
        found = session.get(Task, job_id)
        assert found is not None
        return found


def runner(sessions: SessionFactory, storage: Storage, handler: Recorder) -> TaskRunner:
    return TaskRunner(sessions, storage, {"test": handler}, poll_interval=0.02, stale_after=5)


def wait_for(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_claim_is_exclusive(sessions: SessionFactory, storage: Storage) -> None:
    job_id = add_job(sessions)
    first, second = runner(sessions, storage, Recorder()), runner(sessions, storage, Recorder())
    claimed = first._claim_next()
    assert claimed is not None and claimed.task_id == job_id and claimed.attempts == 1
    assert claimed.payload == {"n": 1} and claimed.kind == "test"
    assert second._claim_next() is None
    assert job(sessions, job_id).claimed_by == first.identity


def test_dead_and_stale_claims_are_taken_over(sessions: SessionFactory, storage: Storage) -> None:
    job_id = add_job(sessions)
    taker = runner(sessions, storage, Recorder())

    def claim_as(claimed_by: str, heartbeat_age: float) -> None:
        with sessions.session(write=True) as session:
            session.execute(
                update(Task)
                .where(Task.id == job_id)
                .values(
                    status="IN_PROGRESS",
                    claimed_by=claimed_by,
                    heartbeat_at=clock.now() - timedelta(seconds=heartbeat_age),
                )
            )
            session.commit()

    claim_as("elsewhere|123|abc", 0)  # another host, alive
    assert taker._claim_next() is None
    claim_as(f"{socket.gethostname()}|{2**22 + 12345}|abc", 0)  # this host, no such process
    assert taker._claim_next() is not None
    claim_as("elsewhere|123|abc", 60)  # stale heartbeat
    assert taker._claim_next() is not None
    assert job(sessions, job_id).attempts == 2


def test_run_stop_and_hand_back(sessions: SessionFactory, storage: Storage) -> None:
    handler = Recorder(block=True)
    jobs = runner(sessions, storage, handler)
    job_id = add_job(sessions)
    jobs.start()
    try:
        assert handler.started.wait(10)
        running = job(sessions, job_id)
        assert (running.status, running.claimed_by) == ("IN_PROGRESS", jobs.identity)
    finally:
        jobs.stop()
    stopped = job(sessions, job_id)
    assert (stopped.status, stopped.claimed_by) == ("IN_PROGRESS", None)  # handed back
    # The next runner picks it up and finishes it.
    done = Recorder()
    again = runner(sessions, storage, done)
    again.start()
    try:
        wait_for(lambda: job(sessions, job_id).status == "COMPLETE")
    finally:
        again.stop()
    assert done.runs == [job_id]
    finished = job(sessions, job_id)
    assert (finished.result, finished.claimed_by, finished.completion_percentage) == (
        {"n": 1},
        None,
        100.0,
    )


def test_failures(sessions: SessionFactory, storage: Storage) -> None:
    handler = Recorder(error=TaskFailed("no descriptor"))
    jobs = runner(sessions, storage, handler)
    job_id = add_job(sessions)
    jobs.start()
    try:
        wait_for(lambda: job(sessions, job_id).status == "FAILED")
    finally:
        jobs.stop()
    assert handler.failures == ["no descriptor"]
    assert job(sessions, job_id).errors == "no descriptor"
    assert job(sessions, job_id).claimed_by is None
    crash = Recorder(error=RuntimeError("bug"))
    jobs = runner(sessions, storage, crash)
    job_id = add_job(sessions)
    jobs.start()
    try:
        wait_for(lambda: job(sessions, job_id).status == "FAILED")
    finally:
        jobs.stop()
    assert crash.failures == ["Internal error"]


def test_a_job_that_keeps_dying_is_given_up(sessions: SessionFactory, storage: Storage) -> None:
    job_id = add_job(sessions)
    with sessions.session(write=True) as session:
        session.execute(update(Task).where(Task.id == job_id).values(attempts=5))
        session.commit()
    handler = Recorder()
    jobs = runner(sessions, storage, handler)
    jobs.start()
    try:
        wait_for(lambda: job(sessions, job_id).status == "FAILED")
    finally:
        jobs.stop()
    assert handler.runs == [] and "gave up" in handler.failures[0]
    with sessions.session() as session:
        assert session.scalars(select(Task.status).where(Task.id == job_id)).one() == "FAILED"
