"""Models, model runs and their data rows, model predictions (MEA and MEA to MAL imports),
and catalog slices.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _str(length: int | None = None) -> sa.types.TypeEngine[str]:
    """VARCHAR compared byte-wise: "C" collation on PostgreSQL (SQLite is binary already)."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _id() -> sa.types.TypeEngine[str]:
    return _str(32)


def _instant() -> sa.DateTime:
    return sa.DateTime(timezone=False)  # naive UTC


def _owned() -> list[sa.Column[str]]:
    return [
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
    ]


def _deleted() -> sa.Column[bool]:
    return sa.Column("deleted", sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    op.create_table(
        "models",
        *_owned(),
        sa.Column("name", _str(), nullable=False),
        sa.Column("ontology_id", _id(), sa.ForeignKey("ontologies.id"), nullable=False),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _deleted(),
    )
    op.create_index("ix_models_org_created", "models", ["organization_id", "created_at", "id"])
    op.create_table(
        "model_runs",
        *_owned(),
        sa.Column("model_id", _id(), sa.ForeignKey("models.id"), nullable=False),
        sa.Column("name", _str(), nullable=False),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("training_metadata", sa.JSON(), nullable=True),
        sa.Column("pipeline_status", _str(32), nullable=True),
        sa.Column("pipeline_error_message", _str(), nullable=True),
        sa.Column("pipeline_metadata", sa.JSON(), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _deleted(),
    )
    op.create_index(
        "ix_model_runs_model_created", "model_runs", ["model_id", "created_at", "id"]
    )
    op.create_table(
        "model_run_data_rows",
        *_owned(),
        sa.Column("model_run_id", _id(), sa.ForeignKey("model_runs.id"), nullable=False),
        sa.Column("data_row_id", _id(), sa.ForeignKey("data_rows.id"), nullable=False),
        sa.Column("label_id", _id(), sa.ForeignKey("labels.id"), nullable=True),
        sa.Column("data_split", _str(16), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
    )
    op.create_index(
        "ux_model_run_data_rows_row",
        "model_run_data_rows",
        ["model_run_id", "data_row_id"],
        unique=True,
    )
    op.create_index(
        "ix_model_run_data_rows_created",
        "model_run_data_rows",
        ["model_run_id", "created_at", "id"],
    )
    op.create_table(
        "model_predictions",
        *_owned(),
        sa.Column("import_id", _id(), sa.ForeignKey("annotation_imports.id"), nullable=False),
        sa.Column("model_run_id", _id(), sa.ForeignKey("model_runs.id"), nullable=True),
        sa.Column("data_row_id", _id(), sa.ForeignKey("data_rows.id"), nullable=False),
        sa.Column("uuid", _str(64), nullable=False),
        sa.Column("annotation", sa.JSON(), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
    )
    op.create_index(
        "ix_model_predictions_import_row", "model_predictions", ["import_id", "data_row_id"]
    )
    op.create_index(
        "ix_model_predictions_run_row", "model_predictions", ["model_run_id", "data_row_id"]
    )
    op.create_table(
        "catalog_slices",
        *_owned(),
        sa.Column("name", _str(), nullable=False),
        sa.Column("description", _str(), nullable=True),
        sa.Column("filter", sa.JSON(), nullable=False),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
    )
    op.create_index("ix_catalog_slices_organization_id", "catalog_slices", ["organization_id"])


def downgrade() -> None:
    op.drop_index("ix_catalog_slices_organization_id", table_name="catalog_slices")
    op.drop_table("catalog_slices")
    op.drop_index("ix_model_predictions_run_row", table_name="model_predictions")
    op.drop_index("ix_model_predictions_import_row", table_name="model_predictions")
    op.drop_table("model_predictions")
    op.drop_index("ix_model_run_data_rows_created", table_name="model_run_data_rows")
    op.drop_index("ux_model_run_data_rows_row", table_name="model_run_data_rows")
    op.drop_table("model_run_data_rows")
    op.drop_index("ix_model_runs_model_created", table_name="model_runs")
    op.drop_table("model_runs")
    op.drop_index("ix_models_org_created", table_name="models")
    op.drop_table("models")
