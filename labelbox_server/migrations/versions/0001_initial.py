"""Initial schema: organizations, users, API keys, roles, projects, datasets,
labeling frontends, metadata schemas; seeds the roles and the reserved metadata schemas.

Revision ID: 0001
Revises:
Create Date: 2024-01-01
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEEDED_AT = datetime(2021, 5, 1)

# Fixed ids: clients cache roles by name, but ids must not change between databases.
ROLES = [
    ("cmx16jr77mtpl6tlxjeefb82j", "None", 0),
    ("cmx16jr7hmtpmwcus2ihcp8q7", "Labeler", 1),
    ("cmx16jr7rmtpnbkgt1uhgiy92", "Reviewer", 2),
    ("cmx16jr82mtpoo9ik1zbipoka", "Team Manager", 3),
    ("cmx16jr8cmtpp2p8pzp4yur5a", "Admin", 4),
]

# (id, name, kind, parent id): the reserved data-row metadata schemas of the Labelbox API.
RESERVED_METADATA_SCHEMAS = [
    ("cko8s9r5v0001h2dk9elqdidh", "tag", "CustomMetadataString", None),
    ("cko8sbczn0002h2dkdaxb5kal", "split", "CustomMetadataEnum", None),
    ("cko8sbscr0003h2dk04w86hof", "train", "CustomMetadataEnumOption", "cko8sbczn0002h2dkdaxb5kal"),
    ("cko8scbz70005h2dkastwhgqt", "test", "CustomMetadataEnumOption", "cko8sbczn0002h2dkdaxb5kal"),
    ("cko8sc2yr0004h2dk69aj5x63", "valid", "CustomMetadataEnumOption", "cko8sbczn0002h2dkdaxb5kal"),
    ("cko8sdzv70006h2dk8jg64zvb", "captureDateTime", "CustomMetadataDateTime", None),
    ("ckpyije740000yxdk81pbgjdc", "embedding", "CustomMetadataEmbedding", None),
    ("ckrzang79000008l6hb5s6za1", "precomputedImageEmbedding", "CustomMetadataEmbedding", None),
    ("ckwv9uzy90000wayj7yb6h31u", "precomputedGeospatialEmbedding", "CustomMetadataEmbedding", None),
    ("ckrzao09x000108l67vrcdnh3", "precomputedTextEmbedding", "CustomMetadataEmbedding", None),
    ("ckrzao5r3000208l6e4wr0zb6", "precomputedVideoEmbedding", "CustomMetadataEmbedding", None),
]


def _str(length: int | None = None) -> sa.types.TypeEngine[str]:
    """VARCHAR compared byte-wise: "C" collation on PostgreSQL (SQLite is binary already)."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _id() -> sa.types.TypeEngine[str]:
    return _str(32)


def _instant() -> sa.DateTime:
    return sa.DateTime(timezone=False)  # naive UTC


def _flag() -> sa.Column[bool]:
    return sa.Column("deleted", sa.Boolean(), nullable=False, server_default=sa.false())


def upgrade() -> None:
    op.create_table(
        "organizations",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("name", _str(), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
    )
    roles = op.create_table(
        "roles",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("name", _str(64), nullable=False, unique=True),
        sa.Column("rank", sa.Integer(), nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("org_role_id", _id(), sa.ForeignKey("roles.id"), nullable=True),
        sa.Column("email", _str(320), nullable=False, unique=True),
        sa.Column("name", _str(), nullable=True),
        sa.Column("nickname", _str(), nullable=True),
        sa.Column("intercom_hash", _str(), nullable=True),
        sa.Column("picture", _str(), nullable=True),
        sa.Column("is_viewer", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("is_external_user", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag(),
    )
    op.create_index("ix_users_organization_id", "users", ["organization_id"])
    op.create_table(
        "api_keys",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("user_id", _id(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("key_hash", _str(64), nullable=False, unique=True),
        sa.Column("prefix", _str(16), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        _flag(),
    )
    op.create_index("ix_api_keys_user_id", "api_keys", ["user_id"])
    op.create_table(
        "labeling_frontends",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("name", _str(), nullable=False),
        sa.Column("description", _str(), nullable=True),
        sa.Column("iframe_url_path", _str(), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag(),
    )
    op.create_index(
        "ix_labeling_frontends_organization_id", "labeling_frontends", ["organization_id"]
    )
    op.create_table(
        "projects",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column(
            "labeling_frontend_id", _id(), sa.ForeignKey("labeling_frontends.id"), nullable=True
        ),
        sa.Column("name", _str(), nullable=False),
        sa.Column("description", _str(), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        sa.Column("setup_complete", _instant(), nullable=True),
        sa.Column("last_activity_time", _instant(), nullable=True),
        sa.Column("queue_mode", _str(32), nullable=False),
        sa.Column("allowed_media_type", _str(32), nullable=True),
        sa.Column("auto_audit_number_of_labels", sa.Integer(), nullable=True),
        sa.Column("auto_audit_percentage", sa.Float(), nullable=True),
        _flag(),
    )
    op.create_index(
        "ix_projects_org_created", "projects", ["organization_id", "created_at", "id"]
    )
    op.create_index("ix_projects_labeling_frontend_id", "projects", ["labeling_frontend_id"])
    op.create_table(
        "project_members",
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), primary_key=True),
        sa.Column("user_id", _id(), sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("role_id", _id(), sa.ForeignKey("roles.id"), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
    )
    op.create_index("ix_project_members_user_id", "project_members", ["user_id"])
    op.create_table(
        "datasets",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("name", _str(), nullable=False),
        sa.Column("description", _str(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag(),
    )
    op.create_index(
        "ix_datasets_org_created", "datasets", ["organization_id", "created_at", "id"]
    )
    op.create_table(
        "project_datasets",
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), primary_key=True),
        sa.Column("dataset_id", _id(), sa.ForeignKey("datasets.id"), primary_key=True),
        sa.Column("created_at", _instant(), nullable=False),
    )
    op.create_index("ix_project_datasets_dataset_id", "project_datasets", ["dataset_id"])
    metadata_schemas = op.create_table(
        "metadata_schemas",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=True),
        sa.Column("parent_id", _id(), sa.ForeignKey("metadata_schemas.id"), nullable=True),
        sa.Column("name", _str(), nullable=False),
        sa.Column("kind", _str(64), nullable=False),
        sa.Column("reserved", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag(),
    )
    op.create_index(
        "ix_metadata_schemas_organization_id", "metadata_schemas", ["organization_id"]
    )

    op.bulk_insert(roles, [{"id": i, "name": n, "rank": r} for i, n, r in ROLES])
    op.bulk_insert(
        metadata_schemas,
        [
            {
                "id": schema_id,
                "organization_id": None,
                "parent_id": parent_id,
                "name": name,
                "kind": kind,
                "reserved": True,
                "created_at": SEEDED_AT,
                "updated_at": SEEDED_AT,
                "deleted": False,
            }
            for schema_id, name, kind, parent_id in RESERVED_METADATA_SCHEMAS
        ],
    )


def downgrade() -> None:
    for table in (
        "metadata_schemas",
        "project_datasets",
        "datasets",
        "project_members",
        "projects",
        "labeling_frontends",
        "api_keys",
        "users",
        "roles",
        "organizations",
    ):
        op.drop_table(table)
