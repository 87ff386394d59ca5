"""Membership, resource tags, IAM integrations and webhooks: invites (with project roles),
resource tags and their projects, IAM integrations (`datasets.signer_id`), webhooks with
their delivery outbox and attempts, per-key request limits, the organization's invite
limit; roles get Labelbox's fixed ids (the same in every organization).

Revision ID: 0007
Revises: 0006
Create Date: 2024-05-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (name, id before, Labelbox's id).
ROLE_IDS = [
    ("None", "cmx16jr77mtpl6tlxjeefb82j", "cjmb6xy80f5vz0780u3mw2rj4"),
    ("Labeler", "cmx16jr7hmtpmwcus2ihcp8q7", "cjlvi914y1aa20714372uvzjv"),
    ("Reviewer", "cmx16jr7rmtpnbkgt1uhgiy92", "cjlvi919b1aa50714k75euii5"),
    ("Team Manager", "cmx16jr82mtpoo9ik1zbipoka", "cjlvi919q1aa80714b7z3xuku"),
    ("Admin", "cmx16jr8cmtpp2p8pzp4yur5a", "cjlvi91a41aab0714677xp87h"),
]
#: Tables and columns that refer to roles.
ROLE_REFERENCES = [("users", "org_role_id"), ("project_members", "role_id")]


def _str(length: int | None = None) -> sa.types.TypeEngine[str]:
    """VARCHAR compared byte-wise: "C" collation on PostgreSQL (SQLite is binary already)."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _id() -> sa.types.TypeEngine[str]:
    return _str(32)


def _instant() -> sa.DateTime:
    return sa.DateTime(timezone=False)  # naive UTC


def _flag(name: str, default: bool = False) -> sa.Column[bool]:
    value = sa.true() if default else sa.false()
    return sa.Column(name, sa.Boolean(), nullable=False, server_default=value)


def _owned() -> list[sa.Column[str]]:
    return [
        sa.Column("id", _id(), primary_key=True),
        sa.Column("organization_id", _id(), sa.ForeignKey("organizations.id"), nullable=False),
    ]


def _rename_roles(pairs: list[tuple[str, str, str]]) -> None:
    """Give each role (name, from id, to id) its new id, references included: insert the
    new row under a temporary name, move the references, drop the old row, rename."""
    roles = sa.table("roles", sa.column("id"), sa.column("name"), sa.column("rank"))
    connection = op.get_bind()
    for name, old, new in pairs:
        rank = connection.scalar(sa.select(roles.c.rank).where(roles.c.id == old))
        if rank is None:
            continue
        connection.execute(roles.insert().values(id=new, name=f"{name} (moving)", rank=rank))
        for table_name, column in ROLE_REFERENCES:
            table = sa.table(table_name, sa.column(column))
            connection.execute(
                table.update().where(table.c[column] == old).values({column: new})
            )
        connection.execute(roles.delete().where(roles.c.id == old))
        connection.execute(roles.update().where(roles.c.id == new).values(name=name))


def upgrade() -> None:
    _rename_roles(ROLE_IDS)
    with op.batch_alter_table("organizations") as batch:
        batch.add_column(
            sa.Column("invite_limit", sa.Integer(), nullable=False, server_default="100")
        )
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("rate_limit", sa.Integer(), nullable=True))
    op.create_table(
        "invites",
        *_owned(),
        sa.Column("inviter_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("invitee_email", _str(320), nullable=False),
        sa.Column("organization_role_id", _id(), sa.ForeignKey("roles.id"), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("accepted_at", _instant(), nullable=True),
        sa.Column("user_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        _flag("deleted"),
    )
    op.create_index("ix_invites_org_created", "invites", ["organization_id", "created_at", "id"])
    op.create_table(
        "invite_projects",
        sa.Column("invite_id", _id(), sa.ForeignKey("invites.id"), primary_key=True),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), primary_key=True),
        sa.Column("role_id", _id(), sa.ForeignKey("roles.id"), nullable=False),
    )
    op.create_table(
        "resource_tags",
        *_owned(),
        sa.Column("text", _str(), nullable=False),
        sa.Column("color", _str(32), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
    )
    op.create_index(
        "ux_resource_tags_org_text", "resource_tags", ["organization_id", "text"], unique=True
    )
    op.create_table(
        "project_resource_tags",
        sa.Column("id", _id(), primary_key=True),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("resource_tag_id", _id(), sa.ForeignKey("resource_tags.id"), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
    )
    op.create_index(
        "ux_project_resource_tags",
        "project_resource_tags",
        ["project_id", "resource_tag_id"],
        unique=True,
    )
    op.create_index(
        "ix_project_resource_tags_resource_tag_id", "project_resource_tags", ["resource_tag_id"]
    )
    op.create_table(
        "iam_integrations",
        *_owned(),
        sa.Column("name", _str(), nullable=False),
        sa.Column("provider", _str(16), nullable=False),
        sa.Column("role_arn", _str(), nullable=True),
        sa.Column("service_account_email_id", _str(), nullable=True),
        sa.Column("read_bucket", _str(), nullable=True),
        _flag("valid", default=True),
        _flag("is_org_default"),
        sa.Column("last_valid_at", _instant(), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
        _flag("deleted"),
    )
    op.create_index(
        "ix_iam_integrations_organization_id", "iam_integrations", ["organization_id"]
    )
    with op.batch_alter_table("datasets") as batch:
        batch.add_column(sa.Column("signer_id", _id(), nullable=True))
        batch.create_foreign_key(
            "fk_datasets_signer_id", "iam_integrations", ["signer_id"], ["id"]
        )
    op.create_table(
        "webhooks",
        *_owned(),
        sa.Column("project_id", _id(), sa.ForeignKey("projects.id"), nullable=True),
        sa.Column("created_by_id", _id(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("url", _str(), nullable=False),
        sa.Column("secret", _str(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("status", _str(16), nullable=False),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("updated_at", _instant(), nullable=False),
    )
    op.create_index("ix_webhooks_org_project", "webhooks", ["organization_id", "project_id"])
    op.create_table(
        "webhook_deliveries",
        *_owned(),
        sa.Column("webhook_id", _id(), sa.ForeignKey("webhooks.id"), nullable=False),
        sa.Column("topic", _str(32), nullable=False),
        sa.Column("body", _str(), nullable=False),
        sa.Column("status", _str(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", _instant(), nullable=False),
        sa.Column("expires_at", _instant(), nullable=False),
        sa.Column("claimed_by", _str(200), nullable=True),
        sa.Column("claimed_until", _instant(), nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", _str(), nullable=True),
        sa.Column("created_at", _instant(), nullable=False),
        sa.Column("delivered_at", _instant(), nullable=True),
    )
    op.create_index(
        "ix_webhook_deliveries_due", "webhook_deliveries", ["status", "next_attempt_at"]
    )
    op.create_index(
        "ix_webhook_deliveries_webhook", "webhook_deliveries", ["webhook_id", "created_at"]
    )
    op.create_table(
        "webhook_attempts",
        sa.Column("id", _id(), primary_key=True),
        sa.Column(
            "delivery_id", _id(), sa.ForeignKey("webhook_deliveries.id"), nullable=False
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("attempted_at", _instant(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("error", _str(), nullable=True),
        sa.Column("duration_ms", sa.Float(), nullable=False),
    )
    op.create_index("ix_webhook_attempts_delivery_id", "webhook_attempts", ["delivery_id"])


def downgrade() -> None:
    op.drop_index("ix_webhook_attempts_delivery_id", table_name="webhook_attempts")
    op.drop_table("webhook_attempts")
    op.drop_index("ix_webhook_deliveries_webhook", table_name="webhook_deliveries")
    op.drop_index("ix_webhook_deliveries_due", table_name="webhook_deliveries")
    op.drop_table("webhook_deliveries")
    op.drop_index("ix_webhooks_org_project", table_name="webhooks")
    op.drop_table("webhooks")
    with op.batch_alter_table("datasets") as batch:
        batch.drop_constraint("fk_datasets_signer_id", type_="foreignkey")
        batch.drop_column("signer_id")
    op.drop_index("ix_iam_integrations_organization_id", table_name="iam_integrations")
    op.drop_table("iam_integrations")
    op.drop_index(
        "ix_project_resource_tags_resource_tag_id", table_name="project_resource_tags"
    )
    op.drop_index("ux_project_resource_tags", table_name="project_resource_tags")
    op.drop_table("project_resource_tags")
    op.drop_index("ux_resource_tags_org_text", table_name="resource_tags")
    op.drop_table("resource_tags")
    op.drop_table("invite_projects")
    op.drop_index("ix_invites_org_created", table_name="invites")
    op.drop_table("invites")
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("rate_limit")
    with op.batch_alter_table("organizations") as batch:
        batch.drop_column("invite_limit")
    _rename_roles([(name, new, old) for name, old, new in ROLE_IDS])
