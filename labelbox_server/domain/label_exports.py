"""Label exports (a JSON array of LBV1 rows, see `lbv1`) and issue exports.

`exportLabels` is polled by clients: it returns the export in progress for the project and
the same `labelCreatedAt` window, else a COMPLETE one started after the project's labels
(and reviews) last changed, else one that FAILED in the last minute, else starts a new one: a listed task (`Export labels`) that
streams the project's labels, oldest first, to the blob store in constant memory. A window
is `start` / `end` as `YYYY-MM-DD` or `YYYY-MM-DD hh:mm:ss` (UTC), both inclusive: an `end`
date includes that whole day.

`issueExportUrl` gives a URL serving the project's issues as a JSON array (`?status=` first
in its query when a status is given). Issues cannot be created through the API, so the
array is empty; the file is written once per project and status, by a task completed in the
request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from ..db.models import Benchmark, DataRow, Dataset, Label, Project, Task, User
from ..errors import MalformedRequest
from ..storage import Storage
from . import clock, labels, store, tasks
from .context import Caller
from .lbv1 import ExportContext, ExportedLabel, export_line
from .metadata_values import entries_by_row
from .reviews import reviews_by_label

PAGE_SIZE = 1000
#: How long requests are answered with a failed export before one starts a new export.
FAILURE_SHOWN_FOR = timedelta(minutes=1)
EXPORT_LABELS = tasks.TaskKind("export_labels", "Export labels")
EXPORT_ISSUES = tasks.TaskKind("export_issues", "Export issues", listed=False)
_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d")


# -- label exports ---------------------------------------------------------------------------


def _view(storage: Storage, task: Task) -> dict[str, Any]:
    """`LabelExport`: `{download_url, created_at, should_poll, status}`."""
    url = tasks.result_url(storage, task) if task.status == tasks.COMPLETE else None
    return {
        "download_url": url,
        "created_at": task.created_at,
        "should_poll": task.status == tasks.IN_PROGRESS,
        "status": task.status,
    }


def _instant(value: Any, name: str, *, end: bool) -> datetime | None:
    """A window bound: None when not given; an `end` date means the end of that day."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        for pattern in _FORMATS:
            try:
                parsed = datetime.strptime(value.strip(), pattern).replace(tzinfo=timezone.utc)
            except ValueError:
                continue
            if end:
                return parsed + (
                    timedelta(days=1) if pattern == "%Y-%m-%d" else timedelta(seconds=1)
                )
            return parsed
    raise MalformedRequest(
        f'labelCreatedAt.{name} must be "YYYY-MM-DD" or "YYYY-MM-DD hh:mm:ss", got {value!r}'
    )


def _window(filters: Mapping[str, Any] | None) -> dict[str, str | None]:
    """The export's window as `{start, end}` (ISO instants; `end` exclusive)."""
    created = (filters or {}).get("label_created_at") or {}
    start = _instant(created.get("start"), "start", end=False)
    end = _instant(created.get("end"), "end", end=True)
    return {
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
    }


def export_labels(
    session: Session, caller: Caller, storage: Storage, data: Mapping[str, Any]
) -> dict[str, Any]:
    """The current label export of the project (for this window), or a new one."""
    project = store.get(session, caller, Project, data["project_id"])
    window = _window(data.get("filters"))
    window_key = f"{window['start'] or ''}/{window['end'] or ''}"
    same = [Task.payload["window"].as_string() == window_key]
    running = tasks.latest_task(
        session, caller, EXPORT_LABELS, project.id, status=tasks.IN_PROGRESS, where=same
    )
    if running is not None:
        return _view(storage, running)
    done = tasks.latest_task(
        session, caller, EXPORT_LABELS, project.id, status=tasks.COMPLETE, where=same
    )
    changed = labels.last_change(session, project.id)
    if done is not None and (changed is None or done.created_at > changed):
        return _view(storage, done)
    failed = tasks.latest_task(
        session, caller, EXPORT_LABELS, project.id, status=tasks.FAILED, where=same
    )
    if failed is not None and failed.updated_at > clock.now() - FAILURE_SHOWN_FOR:
        return _view(storage, failed)
    task = tasks.start_task(
        session,
        caller,
        EXPORT_LABELS,
        payload={"project_id": project.id, "window": window_key, **window},
        subject_id=project.id,
    )
    return _view(storage, task)


def _exported(run: tasks.TaskRun) -> Select[Label]:
    """The labels the export writes (those of its window)."""
    payload = run.payload
    stmt = store.scoped(run.caller, Label).where(
        Label.project_id == payload["project_id"], Label.deleted.is_(False)
    )
    if payload.get("start"):
        stmt = stmt.where(Label.created_at >= datetime.fromisoformat(payload["start"]))
    if payload.get("end"):
        stmt = stmt.where(Label.created_at < datetime.fromisoformat(payload["end"]))
    return stmt


def _count(session: Session, run: tasks.TaskRun) -> int:
    stmt = _exported(run).with_only_columns(func.count(Label.id))
    return int(session.scalar(stmt) or 0)


def _page(
    session: Session, run: tasks.TaskRun, after: tuple[datetime, str] | None
) -> list[ExportedLabel]:
    """The next labels (with what their rows show of their data row), oldest first; labels
    of deleted data rows are left out."""
    stmt = (
        _exported(run)
        .with_only_columns(
            Label.id,
            Label.label,
            Label.created_at,
            Label.updated_at,
            Label.seconds_to_label,
            Label.agreement,
            Label.benchmark_agreement,
            User.email.label("created_by"),
            DataRow.id.label("data_row_id"),
            DataRow.row_data,
            DataRow.external_id,
            DataRow.global_key,
            DataRow.media_type,
            DataRow.media_attributes,
            Dataset.name.label("dataset_name"),
        )
        .join(DataRow, DataRow.id == Label.data_row_id)
        .join(Dataset, Dataset.id == DataRow.dataset_id)
        .outerjoin(User, User.id == Label.created_by_id)
        .where(DataRow.deleted.is_(False))
    )
    if after is not None:
        created, label_id = after
        stmt = stmt.where(
            or_(Label.created_at > created, and_(Label.created_at == created, Label.id > label_id))
        )
    rows = session.execute(stmt.order_by(Label.created_at, Label.id).limit(PAGE_SIZE))
    return [ExportedLabel._make(row) for row in rows]


def _context(session: Session, run: tasks.TaskRun, page: list[ExportedLabel]) -> ExportContext:
    label_ids = [label.id for label in page]
    reviews = reviews_by_label(session, label_ids)
    reviewers = {r.created_by_id for found in reviews.values() for r in found if r.created_by_id}
    users = store.find_many(session, run.caller, User, reviewers, deleted=True)
    benchmarks = {
        label_id: benchmark_id
        for label_id, benchmark_id in session.execute(
            select(Benchmark.reference_label_id, Benchmark.id).where(
                Benchmark.reference_label_id.in_(label_ids)
            )
        )
    }
    metadata = {
        row_id: [{"schemaId": schema_id, "value": value} for schema_id, value in entries]
        for row_id, entries in entries_by_row(
            session, list(dict.fromkeys(label.data_row_id for label in page))
        ).items()
    }
    return ExportContext(
        reviewer_emails={user_id: user.email for user_id, user in users.items()},
        reviews=reviews,
        benchmarks=benchmarks,
        metadata=metadata,
    )


@tasks.handles(EXPORT_LABELS)
class LabelExportHandler:
    """Writes a label export: `[row, row, ...]`, page by page."""

    def run(self, run: tasks.TaskRun) -> None:
        with run.sessions.session() as session:
            project = store.find(session, run.caller, Project, run.payload["project_id"])
        if project is None:
            raise tasks.TaskFailed("The project was deleted")
        key = f"exports/{run.task_id}.json"
        with run.sessions.session() as session:
            total = max(_count(session, run), 1)
        written = 0
        after: tuple[datetime, str] | None = None
        with run.storage.blobs.writer(key, "application/json") as out:
            out.write(b"[")
            while True:
                run.check_stop()
                with run.sessions.session() as session:
                    page = _page(session, run, after)
                    context = _context(session, run, page)
                if not page:
                    break
                lines = [export_line(label, project.name, context) for label in page]
                for line in lines:
                    out.write((b",\n" if written else b"\n") + line)
                    written += 1
                after = (page[-1].created_at, page[-1].id)
                with run.sessions.session(write=True) as session:
                    run.progress(session, min(99.0, 100.0 * written / total), touch=False)
                    session.commit()
            out.write(b"\n]\n" if written else b"]\n")
        with run.sessions.session(write=True) as session:
            run.complete(session, result_key=key)
            session.commit()

    def cleanup(self, run: tasks.TaskRun, message: str) -> None:
        """Nothing to undo: an unfinished export file is never served."""


# -- issue exports ---------------------------------------------------------------------------


def issue_export_url(
    session: Session, caller: Caller, storage: Storage, project: Project, status: str | None
) -> str:
    """A URL serving the project's issues with this status (all without one)."""
    digest = hashlib.sha256(f"issues\n{project.id}\n{status or ''}".encode()).hexdigest()
    task = tasks.start_task(
        session,
        caller,
        EXPORT_ISSUES,
        payload={"project_id": project.id, "status": status},
        dedupe_key=digest,
        subject_id=project.id,
    )
    if task.status != tasks.COMPLETE:
        key = f"issue-exports/{task.id}.json"
        storage.blobs.put_bytes(key, b"[]", "application/json")
        tasks.complete_task(session, task, result_key=key)
    url = tasks.result_url(storage, task)
    assert url is not None
    return url.replace("?", f"?status={status}&", 1) if status else url
