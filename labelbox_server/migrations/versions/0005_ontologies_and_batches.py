"""Ontologies, feature schemas, labeling frontend options, batches and their data rows,
labeling parameter overrides, review queues; `projects.ontology_id`.

Revision ID: 0005
Revises: 0003
Create Date: 2024-04-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0003"
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


def _organization() -> sa.Column[str]:
    return sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False)


def _creator() -> sa.Column[str]:
    return sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True)


def upgrade() -> None:
    op.create_table(
        "ontologies",
        sa.Column("id", _id(), primary_key=True),
        _organization(),
        _creator(),
        sa.Column("name", _str(), nullable=False),
        sa.Column("description", _str(), nullable=False),
        sa.Column("normalized", sa.JSON(), nullable=False),
        sa.Column("object_schema_count", sa.Integer(), nullable=False),
        sa.Column("classification_schema_count", sa.Integer(), nullable=False),
        sa.Column("media_type", _str(32), nullable=True),
        _flag("derived"),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag(),
    )
    op.create_index(
        "ix_ontologies_org_created", "ontologies", ["organization_id", "created_at", "id"]
    )
    op.create_table(
        "feature_schemas",
        sa.Column("id", _id(), primary_key=True),
        _organization(),
        _creator(),
        sa.Column("kind", _str(16), nullable=False),
        sa.Column("root", sa.Boolean(), nullable=False),
        sa.Column("name", _str(), nullable=False),
        sa.Column("normalized", sa.JSON(), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag(),
    )
    op.create_index(
        "ix_feature_schemas_org_root_created",
        "feature_schemas",
        ["organization_id", "root", "created_at", "id"],
    )
    with op.batch_alter_table("projects") as batch:
        batch.add_column(sa.Column("ontology_id", _id(), nullable=True))
        batch.create_foreign_key("fk_projects_ontology_id", "ontologies", ["ontology_id"], ["id"])
        batch.create_index("ix_projects_ontology_id", ["ontology_id"])
    op.create_table(
        "labeling_frontend_options",
        sa.Column("id", _id(), primary_key=True),
        _organization(),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column(
            "labeling_frontend_id", _id(), sa.ForeignKey("labeling_frontends.id"), nullable=False
        ),
        sa.Column("customization_options", _str(), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
    )
    op.create_index(
        "ix_labeling_frontend_options_project_id", "labeling_frontend_options", ["project_id"]
    )
    op.create_table(
        "batches",
        sa.Column("id", _id(), primary_key=True),
        _organization(),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=False),
        _creator(),
        sa.Column("name", _str(), nullable=False),
        sa.Column("consensus_settings_json", sa.JSON(), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag(),
    )
    op.create_index("ix_batches_project_created", "batches", ["project_id", "created_at", "id"])
    op.create_table(
        "batch_data_rows",
        sa.Column("batch_id", _id(), sa.ForeignKey("batches.id"), primary_key=True),
        sa.Column("data_row_id", _id(), sa.ForeignKey("data_rows.id"), primary_key=True),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("labels_needed", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("created_at", _instant(), nullable=False),
    )
    op.create_index(
        "ux_batch_data_rows_project_row",
        "batch_data_rows",
        ["project_id", "data_row_id"],
        unique=True,
    )
    op.create_index(
        "ix_batch_data_rows_project_order",
        "batch_data_rows",
        ["project_id", "priority", "position"],
    )
    op.create_index("ix_batch_data_rows_data_row_id", "batch_data_rows", ["data_row_id"])
    op.create_table(
        "labeling_parameter_overrides",
        sa.Column("id", _id(), primary_key=True),
        _organization(),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("data_row_id", _id(), sa.ForeignKey("data_rows.id"), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("number_of_labels", sa.Integer(), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
    )
    op.create_index(
        "ux_labeling_parameter_overrides_project_row",
        "labeling_parameter_overrides",
        ["project_id", "data_row_id"],
        unique=True,
    )
    op.create_table(
        "review_queues",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=False, unique=True),
        sa.Column("quota_factor", sa.Float(), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("review_queues")
    op.drop_index(
        "ux_labeling_parameter_overrides_project_row", table_name="labeling_parameter_overrides"
    )
    op.drop_table("labeling_parameter_overrides")
    for index in (
        "ix_batch_data_rows_data_row_id",
        "ix_batch_data_rows_project_order",
        "ux_batch_data_rows_project_row",
    ):
        op.drop_index(index, table_name="batch_data_rows")
    op.drop_table("batch_data_rows")
    op.drop_index("ix_batches_project_created", table_name="batches")
    op.drop_table("batches")
    op.drop_index(
        "ix_labeling_frontend_options_project_id", table_name="labeling_frontend_options"
    )
    op.drop_table("labeling_frontend_options")
    with op.batch_alter_table("projects") as batch:
        batch.drop_index("ix_projects_ontology_id")
        batch.drop_constraint("fk_projects_ontology_id", type_="foreignkey")
        batch.drop_column("ontology_id")
    op.drop_index("ix_feature_schemas_org_root_created", table_name="feature_schemas")
    op.drop_table("feature_schemas")
    op.drop_index("ix_ontologies_org_created", table_name="ontologies")
    op.drop_table("ontologies")
