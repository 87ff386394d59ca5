"""Data rows, attachments, metadata values, labels, tasks, jobs, global-key jobs, server
settings; `datasets.data_rows_changed_at`.

Revision ID: 0002
Revises: 0001
Create Date: 2024-02-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _str(length: int | None = None) -> sa.types.TypeEngine[str]:
    """VARCHAR compared byte-wise: "C" collation on PostgreSQL (SQLite is binary already)."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _id() -> sa.types.TypeEngine[str]:
    return _str(32)


def _instant() -> sa.DateTime:
    return sa.DateTime(timezone=False)  # naive UTC


def _flag(name: str = "deleted") -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    with op.batch_alter_table("datasets") as batch:
        batch.add_column(sa.Column("data_rows_changed_at", _instant(), nullable=True))
    op.create_table(
        "server_settings",
        sa.Column("name", _str(64), primary_key=True),
        sa.Column("value", _str(), nullable=False),
    )
    op.create_table(
        "tasks",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("dataset_id", _id(), sa.ForeignKey("datasets.id"), nullable=True),
        sa.Column("kind", _str(32), nullable=False),
        sa.Column("name", _str(), nullable=False),
        sa.Column("status", _str(32), nullable=False),
        sa.Column("completion_percentage", sa.Float(), nullable=True),
        sa.Column("result_key", _str(), nullable=True),
        sa.Column("errors", _str(), nullable=True),
        sa.Column("include_metadata", sa.Boolean(), nullable=True),
        sa.Column("dedupe_key", _str(64), nullable=True, unique=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        sa.Column("completed_at", _instant(), nullable=True),
    )
    op.create_index("ix_tasks_creator_created", "tasks", ["created_by_id", "created_at", "id"])
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
        "data_rows",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("dataset_id", _id(), sa.ForeignKey("datasets.id"), nullable=False),
        sa.Column("row_data", _str(), nullable=False),
        sa.Column("external_id", _str(), nullable=True),
        sa.Column("global_key", _str(255), nullable=True),
        sa.Column("media_type", _str(32), nullable=True),
        sa.Column("media_attributes", sa.JSON(), nullable=False),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag(),
        sa.Column("import_task_id", _id(), sa.ForeignKey("tasks.id"), nullable=True),
        sa.Column("import_index", sa.Integer(), nullable=True),
    )
    op.create_index(
        "ix_data_rows_dataset_deleted_id", "data_rows", ["dataset_id", "deleted", "id"]
    )
    op.create_index(
        "ix_data_rows_dataset_external_id", "data_rows", ["dataset_id", "external_id", "id"]
    )
    op.create_index(
        "ux_data_rows_org_global_key", "data_rows", ["organization_id", "global_key"], unique=True
    )
    op.create_index(
        "ix_data_rows_org_external_id", "data_rows", ["organization_id", "external_id"]
    )
    op.create_index(
        "ux_data_rows_import", "data_rows", ["import_task_id", "import_index"], unique=True
    )
    op.create_table(
        "data_row_metadata",
        sa.Column("data_row_id", _id(), sa.ForeignKey("data_rows.id"), primary_key=True),
        sa.Column("schema_id", _id(), sa.ForeignKey("metadata_schemas.id"), primary_key=True),
        sa.Column("value", sa.JSON(), nullable=True),
    )
    op.create_index("ix_data_row_metadata_schema_id", "data_row_metadata", ["schema_id"])
    op.create_table(
        "attachments",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("data_row_id", _id(), sa.ForeignKey("data_rows.id"), nullable=False),
        sa.Column("type", _str(32), nullable=False),
        sa.Column("value", _str(), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
    )
    op.create_index("ix_attachments_data_row_id", "attachments", ["data_row_id"])
    op.create_table(
        "labels",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("data_row_id", _id(), sa.ForeignKey("data_rows.id"), nullable=False),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=True),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("label", _str(), nullable=False),
        sa.Column("seconds_to_label", sa.Float(), nullable=True),
        sa.Column("agreement", sa.Float(), nullable=True),
        sa.Column("benchmark_agreement", sa.Float(), nullable=True),
        _flag("is_benchmark_reference"),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag(),
    )
    op.create_index("ix_labels_data_row_id", "labels", ["data_row_id"])
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


def downgrade() -> None:
    for table in (
        "global_key_jobs",
        "labels",
        "attachments",
        "data_row_metadata",
        "data_rows",
        "jobs",
        "tasks",
        "server_settings",
    ):
        op.drop_table(table)
    with op.batch_alter_table("datasets") as batch:
        batch.drop_column("data_rows_changed_at")
