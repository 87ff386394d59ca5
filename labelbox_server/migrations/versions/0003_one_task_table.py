"""One shape for background work: the `jobs` and `global_key_jobs` tables merge into `tasks`.

A task now carries its payload, its worker claim (`claimed_by`, `heartbeat_at`, `attempts`),
its subject (`subject_id`, was `dataset_id`), whether it is `listed` as a `Task`, and a JSON
`result`. Rows move as follows:

* each import or export task takes its job's payload (imports `{dataset_id, source}`,
  exports `{dataset_id, include_metadata}`) and claim; a task whose job FAILED while the task
  was still IN_PROGRESS becomes FAILED with the job's error; an IN_PROGRESS import that has no
  job (nothing to resume from) becomes FAILED;
* each global-key job becomes a COMPLETE, unlisted task of kind `assign_global_keys`,
  `lookup_global_keys` or `clear_global_keys`, its result keyed in snake_case (as the server
  now writes them);
* `jobs`, `global_key_jobs`, `tasks.dataset_id` and `tasks.include_metadata` are dropped.

Revision ID: 0003
Revises: 0002
Create Date: 2024-03-01
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GLOBAL_KEY_KINDS = {
    "assign": ("assign_global_keys", "Assign global keys"),
    "lookup": ("lookup_global_keys", "Get data rows for global keys"),
    "clear": ("clear_global_keys", "Clear global keys"),
}
CANNOT_RESUME = "The import could not be resumed"


def _str(length: int | None = None) -> sa.types.TypeEngine[str]:
    """VARCHAR compared byte-wise: "C" collation on PostgreSQL (SQLite is binary already)."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _id() -> sa.types.TypeEngine[str]:
    return _str(32)


def _instant() -> sa.DateTime:
    return sa.DateTime(timezone=False)  # naive UTC


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _rekeyed(value: Any, rename: Any) -> Any:
    if isinstance(value, dict):
        return {rename(key): _rekeyed(item, rename) for key, item in value.items()}
    if isinstance(value, list):
        return [_rekeyed(item, rename) for item in value]
    return value


_TASK_COLUMNS = (
    "id",
    "organization_id",
    "created_by_id",
    "kind",
    "name",
    "listed",
    "subject_id",
    "payload",
    "dedupe_key",
    "status",
    "completion_percentage",
    "result_key",
    "result",
    "errors",
    "claimed_by",
    "heartbeat_at",
    "attempts",
    "created_at",
    "updated_at",
    "completed_at",
    "dataset_id",
    "include_metadata",
)


def _tasks_table() -> sa.TableClause:
    types: dict[str, Any] = {"payload": sa.JSON(), "result": sa.JSON()}
    return sa.table("tasks", *(sa.column(name, types.get(name)) for name in _TASK_COLUMNS))


def _jobs_table() -> sa.TableClause:
    return sa.table(
        "jobs",
        *(
            sa.column(name, sa.JSON() if name == "payload" else None)
            for name in (
                "id",
                "kind",
                "task_id",
                "payload",
                "state",
                "claimed_by",
                "heartbeat_at",
                "attempts",
                "error",
                "created_at",
                "updated_at",
            )
        ),
    )


def _global_key_jobs_table() -> sa.TableClause:
    return sa.table(
        "global_key_jobs",
        sa.column("id"),
        sa.column("organization_id"),
        sa.column("kind"),
        sa.column("status"),
        sa.column("result", sa.JSON()),
        sa.column("created_at"),
    )


def upgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(
            sa.Column("listed", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch.add_column(sa.Column("subject_id", _id(), nullable=True))
        batch.add_column(sa.Column("payload", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("result", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("claimed_by", _str(200), nullable=True))
        batch.add_column(sa.Column("heartbeat_at", _instant(), nullable=True))
        batch.add_column(
            sa.Column("attempts", sa.Integer(), nullable=False, server_default="0")
        )
    _move_rows_into_tasks(op.get_bind())
    op.drop_table("jobs")
    op.drop_table("global_key_jobs")
    op.drop_index("ix_tasks_dataset_kind", table_name="tasks")
    with op.batch_alter_table("tasks") as batch:
        batch.drop_column("dataset_id")
        batch.drop_column("include_metadata")
    op.create_index("ix_tasks_subject_kind", "tasks", ["subject_id", "kind", "created_at"])
    op.create_index("ix_tasks_status_created", "tasks", ["status", "created_at"])


def _move_rows_into_tasks(bind: sa.Connection) -> None:
    tasks, jobs, key_jobs = _tasks_table(), _jobs_table(), _global_key_jobs_table()
    job_of: dict[str, Any] = {}
    for row in bind.execute(sa.select(jobs).order_by(jobs.c.created_at)):
        if row.task_id is not None:
            job_of[row.task_id] = row  # the newest job of a task wins
    for task in bind.execute(sa.select(tasks)).all():
        job = job_of.get(task.id)
        old = dict(job.payload or {}) if job is not None else {}
        if task.kind == "export":
            payload: dict[str, Any] = {
                "dataset_id": task.dataset_id,
                "include_metadata": bool(task.include_metadata),
            }
        else:
            payload = {"dataset_id": task.dataset_id}
            if "source" in old:
                payload["source"] = old["source"]
        values: dict[str, Any] = {"subject_id": task.dataset_id, "payload": payload}
        if job is not None:
            values["attempts"] = job.attempts or 0
            if job.state == "RUNNING" and task.status == "IN_PROGRESS":
                values["claimed_by"] = job.claimed_by
                values["heartbeat_at"] = job.heartbeat_at
        if task.status == "IN_PROGRESS":
            failure = None
            if job is not None and job.state == "FAILED":
                failure = job.error or "Internal error"
            elif task.kind == "import" and "source" not in payload:
                failure = CANNOT_RESUME
            if failure is not None:
                values.update(
                    status="FAILED",
                    errors=failure,
                    claimed_by=None,
                    completed_at=job.updated_at if job is not None else task.updated_at,
                )
        bind.execute(sa.update(tasks).where(tasks.c.id == task.id).values(**values))
    moved = [
        {
            "id": job.id,
            "organization_id": job.organization_id,
            "created_by_id": None,
            "kind": GLOBAL_KEY_KINDS[job.kind][0],
            "name": GLOBAL_KEY_KINDS[job.kind][1],
            "listed": False,
            "subject_id": None,
            "payload": {},
            "dedupe_key": None,
            "status": job.status,
            "completion_percentage": 100.0,
            "result_key": None,
            "result": _rekeyed(job.result, _snake),
            "errors": None,
            "claimed_by": None,
            "heartbeat_at": None,
            "attempts": 0,
            "created_at": job.created_at,
            "updated_at": job.created_at,
            "completed_at": job.created_at,
            "dataset_id": None,
            "include_metadata": None,
        }
        for job in bind.execute(sa.select(key_jobs))
    ]
    if moved:
        bind.execute(sa.insert(tasks), moved)


def downgrade() -> None:
    with op.batch_alter_table("tasks") as batch:
        batch.add_column(
            sa.Column(
                "dataset_id",
                _id(),
                sa.ForeignKey("datasets.id", name="fk_tasks_dataset_id"),
                nullable=True,
            )
        )
        batch.add_column(sa.Column("include_metadata", sa.Boolean(), nullable=True))
    op.create_index("ix_tasks_dataset_kind", "tasks", ["dataset_id", "kind", "created_at"])
    op.create_table(
        "jobs",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("kind", _str(32), nullable=False),
        sa.Column("task_id", _id(), sa.ForeignKey("tasks.id"), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", _str(16), nullable=False),
        sa.Column("claimed_by", _str(200), nullable=True),
        sa.Column("heartbeat_at", _instant(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("error", _str(), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
    )
    op.create_index("ix_jobs_state_created", "jobs", ["state", "created_at"])
    op.create_index("ix_jobs_task_id", "jobs", ["task_id"])
    op.create_table(
        "global_key_jobs",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("kind", _str(32), nullable=False),
        sa.Column("status", _str(32), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
    )
    op.create_index("ix_global_key_jobs_organization_id", "global_key_jobs", ["organization_id"])
    _move_rows_out_of_tasks(op.get_bind())
    op.drop_index("ix_tasks_status_created", table_name="tasks")
    op.drop_index("ix_tasks_subject_kind", table_name="tasks")
    with op.batch_alter_table("tasks") as batch:
        for name in (
            "attempts",
            "heartbeat_at",
            "claimed_by",
            "result",
            "payload",
            "subject_id",
            "listed",
        ):
            batch.drop_column(name)


def _move_rows_out_of_tasks(bind: sa.Connection) -> None:
    tasks, jobs, key_jobs = _tasks_table(), _jobs_table(), _global_key_jobs_table()
    old_kinds = {new: old for old, (new, _) in GLOBAL_KEY_KINDS.items()}
    for task in bind.execute(sa.select(tasks)).all():
        if task.kind in old_kinds:
            bind.execute(
                sa.insert(key_jobs).values(
                    id=task.id,
                    organization_id=task.organization_id,
                    kind=old_kinds[task.kind],
                    status=task.status,
                    result=_rekeyed(task.result, _camel),
                    created_at=task.created_at,
                )
            )
            bind.execute(sa.delete(tasks).where(tasks.c.id == task.id))
            continue
        payload = dict(task.payload or {})
        bind.execute(
            sa.update(tasks)
            .where(tasks.c.id == task.id)
            .values(
                dataset_id=payload.get("dataset_id", task.subject_id),
                include_metadata=payload.get("include_metadata")
                if task.kind == "export"
                else None,
            )
        )
        if task.status == "IN_PROGRESS":
            state = "RUNNING" if task.claimed_by else "PENDING"
        else:
            state = "DONE" if task.status == "COMPLETE" else "FAILED"
        old_payload: dict[str, Any] = {
            "dataset_id": payload.get("dataset_id"),
            "organization_id": task.organization_id,
        }
        if task.kind == "export":
            old_payload["include"] = bool(payload.get("include_metadata"))
        else:
            old_payload["user_id"] = task.created_by_id
            old_payload["source"] = payload.get("source")
        bind.execute(
            sa.insert(jobs).values(
                id=task.id,
                kind=task.kind,
                task_id=task.id,
                payload=old_payload,
                state=state,
                claimed_by=task.claimed_by,
                heartbeat_at=task.heartbeat_at,
                attempts=task.attempts,
                error=task.errors if state == "FAILED" else None,
                created_at=task.created_at,
                updated_at=task.updated_at,
            )
        )
