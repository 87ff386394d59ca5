"""Labels and what is built on them: reviews, benchmarks, annotation imports; labels get the
import that made them and a template flag; projects get `showing_predictions_to_labelers`.

Revision ID: 0006
Revises: 0005
Create Date: 2024-04-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _str(length: int | None = None) -> sa.types.TypeEngine[str]:
    """VARCHAR compared byte-wise: "C" collation on PostgreSQL (SQLite is binary already)."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _id() -> sa.types.TypeEngine[str]:
    return _str(32)


def _instant() -> sa.DateTime:
    return sa.DateTime(timezone=False)  # naive UTC


def _flag(name: str) -> sa.Column[bool]:
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())


def _owned() -> list[sa.Column[str]]:
    return [
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.add_column(_flag("showing_predictions_to_labelers"))
    op.create_table(
        "annotation_imports",
        *_owned(),
        sa.Column("kind", _str(16), nullable=False),
        sa.Column("parent_id", _id(), nullable=False),
        sa.Column("name", _str(), nullable=False),
        sa.Column("state", _str(16), nullable=False),
        sa.Column("progress", _str(8), nullable=True),
        sa.Column("input_key", _str(), nullable=True),
        sa.Column("input_url", _str(), nullable=True),
        sa.Column("status_key", _str(), nullable=True),
        sa.Column("error_key", _str(), nullable=True),
        sa.Column("error", _str(), nullable=True),
        sa.Column("task_id", _id(), sa.ForeignKey("tasks.id"), nullable=True),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
    )
    op.create_index(
        "ux_annotation_imports_name",
        "annotation_imports",
        ["kind", "parent_id", "name"],
        unique=True,
    )
    with op.batch_alter_table("labels") as batch:
        batch.add_column(sa.Column("import_id", _id(), nullable=True))
        batch.add_column(_flag("template"))
        batch.create_foreign_key(
            "fk_labels_import_id", "annotation_imports", ["import_id"], ["id"]
        )
    op.create_index("ix_labels_project_created", "labels", ["project_id", "created_at", "id"])
    op.create_index("ix_labels_project_updated", "labels", ["project_id", "updated_at"])
    op.create_index(
        "ux_labels_import_data_row", "labels", ["import_id", "data_row_id"], unique=True
    )
    op.create_table(
        "reviews",
        *_owned(),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("label_id", _id(), sa.ForeignKey("labels.id"), nullable=False),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag("deleted"),
    )
    op.create_index("ix_reviews_project_id", "reviews", ["project_id"])
    op.create_index("ix_reviews_label_id", "reviews", ["label_id"])
    op.create_table(
        "benchmarks",
        *_owned(),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column(
            "reference_label_id", _id(), sa.ForeignKey("labels.id"), nullable=False, unique=True
        ),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
    )
    op.create_index("ix_benchmarks_project_id", "benchmarks", ["project_id"])


def downgrade() -> None:
    op.drop_index("ix_benchmarks_project_id", table_name="benchmarks")
    op.drop_table("benchmarks")
    op.drop_index("ix_reviews_label_id", table_name="reviews")
    op.drop_index("ix_reviews_project_id", table_name="reviews")
    op.drop_table("reviews")
    op.drop_index("ux_labels_import_data_row", table_name="labels")
    op.drop_index("ix_labels_project_updated", table_name="labels")
    op.drop_index("ix_labels_project_created", table_name="labels")
    with op.batch_alter_table("labels") as batch:
        batch.drop_constraint("fk_labels_import_id", type_="foreignkey")
        batch.drop_column("template")
        batch.drop_column("import_id")
    op.drop_index("ux_annotation_imports_name", table_name="annotation_imports")
    op.drop_table("annotation_imports")
    with op.batch_alter_table("projects") as batch:
        batch.drop_column("showing_predictions_to_labelers")
