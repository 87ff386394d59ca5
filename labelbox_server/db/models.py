"""The database tables, as SQLAlchemy 2 typed declarative models.

Every table is keyed by a string id (see `domain.ids`). Objects the API can soft-delete have a
`deleted` flag. Instants are `UTCDateTime` (naive UTC in the database). The schema itself is
created and upgraded only by the Alembic migrations in `labelbox_server/migrations`; keep the
two in step (`tests/server/test_migrations.py` compares them).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .types import Str, UTCDateTime

ID = Str(32)


class Base(DeclarativeBase):
    """Declarative base of all models."""


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Str())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Role(Base):
    """A role in an organization or a project. Global (seeded by the first migration)."""

    __tablename__ = "roles"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Str(64), unique=True)
    rank: Mapped[int] = mapped_column(Integer)


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"), index=True)
    org_role_id: Mapped[str | None] = mapped_column(ID, ForeignKey("roles.id"))
    email: Mapped[str] = mapped_column(Str(320), unique=True)
    name: Mapped[str | None] = mapped_column(Str())
    nickname: Mapped[str | None] = mapped_column(Str())
    intercom_hash: Mapped[str | None] = mapped_column(Str())
    picture: Mapped[str | None] = mapped_column(Str())
    is_viewer: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    is_external_user: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ApiKey(Base):
    """An API key, stored only as the SHA-256 hex digest of the key plus a display prefix."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id"), index=True)
    key_hash: Mapped[str] = mapped_column(Str(64), unique=True)
    prefix: Mapped[str] = mapped_column(Str(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class LabelingFrontend(Base):
    __tablename__ = "labeling_frontends"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(Str())
    description: Mapped[str | None] = mapped_column(Str())
    iframe_url_path: Mapped[str | None] = mapped_column(Str())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Project(Base):
    __tablename__ = "projects"
    __table_args__ = (Index("ix_projects_org_created", "organization_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    labeling_frontend_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("labeling_frontends.id"), index=True
    )
    name: Mapped[str] = mapped_column(Str())
    description: Mapped[str] = mapped_column(Str())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    setup_complete: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_activity_time: Mapped[datetime | None] = mapped_column(UTCDateTime())
    queue_mode: Mapped[str] = mapped_column(Str(32))
    allowed_media_type: Mapped[str | None] = mapped_column(Str(32))
    auto_audit_number_of_labels: Mapped[int | None] = mapped_column(Integer)
    auto_audit_percentage: Mapped[float | None] = mapped_column(Float)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ProjectMember(Base):
    """A user's role in a project (the creator is a member with role Admin)."""

    __tablename__ = "project_members"

    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id"), primary_key=True, index=True)
    role_id: Mapped[str] = mapped_column(ID, ForeignKey("roles.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Dataset(Base):
    __tablename__ = "datasets"
    __table_args__ = (Index("ix_datasets_org_created", "organization_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(Str())
    description: Mapped[str] = mapped_column(Str())
    #: Number of non-deleted data rows. Whoever adds or deletes data rows keeps it current
    #: (`UPDATE datasets SET row_count = row_count + :n` in the same transaction).
    row_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ProjectDataset(Base):
    """The many-to-many link between projects and datasets."""

    __tablename__ = "project_datasets"

    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"), primary_key=True)
    dataset_id: Mapped[str] = mapped_column(
        ID, ForeignKey("datasets.id"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MetadataSchema(Base):
    """A data-row metadata schema; reserved ones (organization_id NULL) have fixed ids."""

    __tablename__ = "metadata_schemas"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str | None] = mapped_column(
        ID, ForeignKey("organizations.id"), index=True
    )
    parent_id: Mapped[str | None] = mapped_column(ID, ForeignKey("metadata_schemas.id"))
    name: Mapped[str] = mapped_column(Str())
    kind: Mapped[str] = mapped_column(Str(64))
    reserved: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
