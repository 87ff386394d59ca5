"""Model-assisted labeling predictions (pre-labels) made by MAL imports and bulk import
requests.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _str(length: int | None = None) -> sa.types.TypeEngine[str]:
    """VARCHAR compared byte-wise: "C" collation on PostgreSQL (SQLite is binary already)."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _id() -> sa.types.TypeEngine[str]:
    return _str(32)


def upgrade() -> None:
    op.create_table(
        "predictions",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("data_row_id", _id(), sa.ForeignKey("data_rows.id"), nullable=False),
        sa.Column("import_id", _id(), sa.ForeignKey("annotation_imports.id"), nullable=False),
        sa.Column("uuid", _str(), nullable=False),
        sa.Column("annotation", _str(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
    )
    op.create_index(
        "ix_predictions_project_created", "predictions", ["project_id", "created_at", "id"]
    )
    op.create_index("ix_predictions_import_data_row", "predictions", ["import_id", "data_row_id"])


def downgrade() -> None:
    op.drop_index("ix_predictions_import_data_row", table_name="predictions")
    op.drop_index("ix_predictions_project_created", table_name="predictions")
    op.drop_table("predictions")
