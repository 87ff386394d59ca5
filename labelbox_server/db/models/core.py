"""Organizations, roles, users and keys, projects, datasets, tasks, data rows and their
metadata and attachments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, false, true
from sqlalchemy.orm import Mapped, mapped_column

from ..types import Str, UTCDateTime
from .base import ID, Base, OrganizationOwned, OrganizationShared


class Organization(Base):
    __tablename__ = "organizations"
    __graphql_types__ = ("Organization",)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Str())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: How many members and pending invites the organization may have.
    invite_limit: Mapped[int] = mapped_column(Integer, default=100, server_default="100")


class Role(Base):
    """A role in an organization or a project. Global (seeded by the first migration)."""

    __tablename__ = "roles"
    __graphql_types__ = ("Role", "OrgRole")

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Str(64), unique=True)
    rank: Mapped[int] = mapped_column(Integer)


class User(OrganizationOwned, Base):
    __tablename__ = "users"
    __graphql_types__ = ("User",)

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
    #: Requests per minute this key may send (None: the server's limit, if any).
    rate_limit: Mapped[int | None] = mapped_column(Integer)


class LabelingFrontend(OrganizationOwned, Base):
    __tablename__ = "labeling_frontends"
    __graphql_types__ = ("LabelingFrontend",)
    __case_insensitive__ = frozenset({"name"})

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(Str())
    description: Mapped[str | None] = mapped_column(Str())
    iframe_url_path: Mapped[str | None] = mapped_column(Str())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Project(OrganizationOwned, Base):
    __tablename__ = "projects"
    __graphql_types__ = ("Project",)
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
    #: The project's ontology (set by `setup` / `setup_editor`).
    ontology_id: Mapped[str | None] = mapped_column(ID, ForeignKey("ontologies.id"), index=True)
    showing_predictions_to_labelers: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )


class ProjectMember(Base):
    """A user's role in a project (the creator is a member with role Admin)."""

    __tablename__ = "project_members"
    #: The `ProjectMember` type is `domain.project_members.Member` (it joins the user).
    __graphql_types__ = ()

    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id"), primary_key=True, index=True)
    role_id: Mapped[str] = mapped_column(ID, ForeignKey("roles.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Dataset(OrganizationOwned, Base):
    __tablename__ = "datasets"
    __graphql_types__ = ("Dataset",)
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
    #: When a data row of the dataset was last created, changed or deleted (exports compare).
    data_rows_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: The IAM integration that signs the dataset's asset URLs (`Dataset.signer`).
    signer_id: Mapped[str | None] = mapped_column(ID, ForeignKey("iam_integrations.id"))


class ProjectDataset(Base):
    """The many-to-many link between projects and datasets."""

    __tablename__ = "project_datasets"

    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"), primary_key=True)
    dataset_id: Mapped[str] = mapped_column(
        ID, ForeignKey("datasets.id"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MetadataSchema(OrganizationShared, Base):
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


class ServerSetting(Base):
    """Server-wide values shared by every process on the database (e.g. the URL secret)."""

    __tablename__ = "server_settings"

    name: Mapped[str] = mapped_column(Str(64), primary_key=True)
    value: Mapped[str] = mapped_column(Str())


class Task(OrganizationOwned, Base):
    """Background work of one kind (see `domain.tasks`): a data-row import, an export, a
    global-key job... Worker threads claim IN_PROGRESS tasks of kinds with a handler (see
    `labelbox_server.worker`); `listed` tasks are the API's `Task`s."""

    __tablename__ = "tasks"
    __graphql_types__ = ("Task",)
    __table_args__ = (
        Index("ix_tasks_creator_created", "created_by_id", "created_at", "id"),
        Index("ix_tasks_subject_kind", "subject_id", "kind", "created_at"),
        Index("ix_tasks_status_created", "status", "created_at"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    #: A `TaskKind` name: `import`, `export`, `assign_global_keys`, ...
    kind: Mapped[str] = mapped_column(Str(32))
    name: Mapped[str] = mapped_column(Str())
    #: Shown by `Query.task` and `User.createdTasks`.
    listed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    #: The object the task works on (e.g. the dataset of an import or export).
    subject_id: Mapped[str | None] = mapped_column(ID)
    #: What the handler needs (JSON).
    payload: Mapped[Any] = mapped_column(JSON, nullable=True)
    #: Makes starting a task idempotent (e.g. sha256 of dataset id + descriptor URL).
    dedupe_key: Mapped[str | None] = mapped_column(Str(64), unique=True)
    #: IN_PROGRESS, COMPLETE or FAILED.
    status: Mapped[str] = mapped_column(Str(32))
    completion_percentage: Mapped[float | None] = mapped_column(Float)
    #: The blob key of the result (import result JSON, export NDJSON).
    result_key: Mapped[str | None] = mapped_column(Str())
    #: A JSON result (global-key jobs).
    result: Mapped[Any] = mapped_column(JSON, nullable=True)
    errors: Mapped[str | None] = mapped_column(Str())
    #: The worker holding the task (`host|pid|token`) and its last heartbeat.
    claimed_by: Mapped[str | None] = mapped_column(Str(200))
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: How many times a worker claimed it.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DataRow(OrganizationOwned, Base):
    """An asset in a dataset. `global_key` is unique per organization (deleted rows keep it)."""

    __tablename__ = "data_rows"
    __graphql_types__ = ("DataRow",)
    __table_args__ = (
        Index("ix_data_rows_dataset_deleted_id", "dataset_id", "deleted", "id"),
        Index("ix_data_rows_dataset_external_id", "dataset_id", "external_id", "id"),
        Index("ux_data_rows_org_global_key", "organization_id", "global_key", unique=True),
        Index("ix_data_rows_org_external_id", "organization_id", "external_id"),
        Index("ux_data_rows_import", "import_task_id", "import_index", unique=True),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    dataset_id: Mapped[str] = mapped_column(ID, ForeignKey("datasets.id"))
    row_data: Mapped[str] = mapped_column(Str())
    external_id: Mapped[str | None] = mapped_column(Str())
    global_key: Mapped[str | None] = mapped_column(Str(255))
    media_type: Mapped[str | None] = mapped_column(Str(32))
    media_attributes: Mapped[Any] = mapped_column(JSON)
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The import task that created the row and the row's index in its descriptor.
    import_task_id: Mapped[str | None] = mapped_column(ID, ForeignKey("tasks.id"))
    import_index: Mapped[int | None] = mapped_column(Integer)


class DataRowMetadataValue(Base):
    """One metadata value of a data row: one row per schema id (an enum gives two)."""

    __tablename__ = "data_row_metadata"

    data_row_id: Mapped[str] = mapped_column(ID, ForeignKey("data_rows.id"), primary_key=True)
    schema_id: Mapped[str] = mapped_column(
        ID, ForeignKey("metadata_schemas.id"), primary_key=True, index=True
    )
    value: Mapped[Any] = mapped_column(JSON, nullable=True)


class Attachment(Base):
    """Context shown next to a data row."""

    __tablename__ = "attachments"
    __graphql_types__ = ("AssetAttachment",)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    data_row_id: Mapped[str] = mapped_column(ID, ForeignKey("data_rows.id"), index=True)
    type: Mapped[str] = mapped_column(Str(32))
    value: Mapped[str] = mapped_column(Str())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
