"""The database tables, as SQLAlchemy 2 typed declarative models.

Every table is keyed by a string id (see `domain.ids`). Objects the API can soft-delete have a
`deleted` flag. Instants are `UTCDateTime` (naive UTC in the database). The schema itself is
created and upgraded only by the Alembic migrations in `labelbox_server/migrations`; keep the
two in step (`tests/server/test_migrations.py` compares them).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, false, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .types import Str, UTCDateTime

ID = Str(32)


class OrganizationOwned:
    """A row that belongs to one organization: `domain.store` scopes every lookup by it."""

    id: Mapped[str]
    organization_id: Mapped[str]


class OrganizationShared:
    """A row of one organization, or (`organization_id` NULL) shared by all of them."""

    id: Mapped[str]
    organization_id: Mapped[str | None]


class Base(DeclarativeBase):
    """Declarative base of all models.

    A model names the GraphQL object types whose plain fields its attributes back
    (`createdAt` is `created_at`); `where` filters and `orderBy` work on every column, by
    attribute name, and compare the columns in `__case_insensitive__` case-insensitively.
    """

    __graphql_types__: ClassVar[tuple[str, ...]] = ()
    __case_insensitive__: ClassVar[frozenset[str]] = frozenset()


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


# -- ontologies, project setup and the labeling queue ---------------------------------------


class Ontology(OrganizationOwned, Base):
    """Tools and classifications for projects; `normalized` is stored as the API returns it
    (every key present, ids on every node)."""

    __tablename__ = "ontologies"
    __graphql_types__ = ("Ontology",)
    __case_insensitive__ = frozenset({"name"})
    __table_args__ = (Index("ix_ontologies_org_created", "organization_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(Str())
    description: Mapped[str] = mapped_column(Str())
    normalized: Mapped[Any] = mapped_column(JSON)
    object_schema_count: Mapped[int] = mapped_column(Integer)
    classification_schema_count: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str | None] = mapped_column(Str(32))
    #: Made by the server from a project's labeling frontend options (`Project.setup`);
    #: dropped when the project connects another ontology and no project uses it.
    derived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class FeatureSchema(OrganizationOwned, Base):
    """A tool, classification or option definition; its id is the `featureSchemaId` that
    ontologies reusing it keep. `root` ones (tools and top-level classifications) are the
    API's `FeatureSchema`s (`rootSchemaNode`)."""

    __tablename__ = "feature_schemas"
    __graphql_types__ = ("FeatureSchema",)
    __case_insensitive__ = frozenset({"name"})
    __table_args__ = (
        Index("ix_feature_schemas_org_root_created", "organization_id", "root", "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    #: `tool`, `classification` or `option`.
    kind: Mapped[str] = mapped_column(Str(16))
    root: Mapped[bool] = mapped_column(Boolean)
    name: Mapped[str] = mapped_column(Str())
    normalized: Mapped[Any] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class LabelingFrontendOptions(OrganizationOwned, Base):
    """The options a project's frontend was set up with (stored exactly as given)."""

    __tablename__ = "labeling_frontend_options"
    __graphql_types__ = ("LabelingFrontendOptions",)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"), index=True)
    labeling_frontend_id: Mapped[str] = mapped_column(ID, ForeignKey("labeling_frontends.id"))
    customization_options: Mapped[str] = mapped_column(Str())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Batch(OrganizationOwned, Base):
    """Data rows sent to a project's queue; their rows are `BatchDataRow`s (removed with
    the batch)."""

    __tablename__ = "batches"
    __graphql_types__ = ("Batch",)
    __table_args__ = (Index("ix_batches_project_created", "project_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(Str())
    #: `{numberOfLabels, coveragePercentage}` or None.
    consensus_settings_json: Mapped[Any] = mapped_column(JSON, nullable=True)
    #: The number of data rows in the batch.
    size: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class BatchDataRow(Base):
    """A data row of a batch. A data row is in at most one batch of a project."""

    __tablename__ = "batch_data_rows"
    __table_args__ = (
        Index("ux_batch_data_rows_project_row", "project_id", "data_row_id", unique=True),
        Index("ix_batch_data_rows_project_order", "project_id", "priority", "position"),
        Index("ix_batch_data_rows_data_row_id", "data_row_id"),
    )

    batch_id: Mapped[str] = mapped_column(ID, ForeignKey("batches.id"), primary_key=True)
    data_row_id: Mapped[str] = mapped_column(ID, ForeignKey("data_rows.id"), primary_key=True)
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"))
    #: 1 (labeled first) to 5.
    priority: Mapped[int] = mapped_column(Integer)
    #: Order of arrival in the project's queue.
    position: Mapped[int] = mapped_column(Integer)
    #: Labels the row needs in the project before it leaves the queue.
    labels_needed: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LabelingParameterOverride(OrganizationOwned, Base):
    """A data row's priority and number of labels in a project's queue."""

    __tablename__ = "labeling_parameter_overrides"
    __graphql_types__ = ("LabelingParameterOverride",)
    __table_args__ = (
        Index(
            "ux_labeling_parameter_overrides_project_row", "project_id", "data_row_id", unique=True
        ),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"))
    data_row_id: Mapped[str] = mapped_column(ID, ForeignKey("data_rows.id"))
    priority: Mapped[int] = mapped_column(Integer)
    number_of_labels: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ReviewQueue(Base):
    """The share of a project's labels sent to review."""

    __tablename__ = "review_queues"
    __graphql_types__ = ("ReviewQueue",)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"), unique=True)
    quota_factor: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


# -- labels, reviews, benchmarks and annotation imports ----------------------------------------


class Label(OrganizationOwned, Base):
    """A label of a data row in a project; `label` is the JSON text of its annotations (an
    LBV1 `Label` object, see `domain.lbv1`)."""

    __tablename__ = "labels"
    __graphql_types__ = ("Label",)
    __table_args__ = (
        Index("ix_labels_project_created", "project_id", "created_at", "id"),
        Index("ix_labels_project_updated", "project_id", "updated_at"),
        Index("ux_labels_import_data_row", "import_id", "data_row_id", unique=True),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    data_row_id: Mapped[str] = mapped_column(ID, ForeignKey("data_rows.id"), index=True)
    project_id: Mapped[str | None] = mapped_column(ID, ForeignKey("projects.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    label: Mapped[str] = mapped_column(Str())
    seconds_to_label: Mapped[float | None] = mapped_column(Float)
    agreement: Mapped[float | None] = mapped_column(Float)
    benchmark_agreement: Mapped[float | None] = mapped_column(Float)
    is_benchmark_reference: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: The annotation import that made the label (one label per data row and import).
    import_id: Mapped[str | None] = mapped_column(ID, ForeignKey("annotation_imports.id"))
    #: A deleted label kept as the template of its data row's next label.
    template: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Review(OrganizationOwned, Base):
    """A score given to a label."""

    __tablename__ = "reviews"
    __graphql_types__ = ("Review",)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"), index=True)
    label_id: Mapped[str] = mapped_column(ID, ForeignKey("labels.id"), index=True)
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    score: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Benchmark(OrganizationOwned, Base):
    """A label chosen as its data row's reference (at most one benchmark per label)."""

    __tablename__ = "benchmarks"
    __graphql_types__ = ("Benchmark",)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"), index=True)
    reference_label_id: Mapped[str] = mapped_column(ID, ForeignKey("labels.id"), unique=True)
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AnnotationImport(OrganizationOwned, Base):
    """An import of NDJSON annotations (see `domain.annotation_imports`): of labels into a
    project (`kind` "label"), of model-assisted labeling predictions (`kind` "mal", and "bulk" for
    bulk import requests), and later of model-run predictions. `parent_id` is the project (or model
    run) imported into; names are unique per kind and parent. The input, status and error
    files are blobs (`*_key`); `input_url` is the URL an import from a URL was given."""

    __tablename__ = "annotation_imports"
    __graphql_types__ = (
        "LabelImport",
        "MALPredictionImport",
        "BulkImportRequest",
        "MEAPredictionImport",
        "MEAToMALPredictionImport",
    )
    __table_args__ = (
        Index("ux_annotation_imports_name", "kind", "parent_id", "name", unique=True),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    kind: Mapped[str] = mapped_column(Str(16))
    parent_id: Mapped[str] = mapped_column(ID)
    name: Mapped[str] = mapped_column(Str())
    #: RUNNING, FINISHED or FAILED.
    state: Mapped[str] = mapped_column(Str(16))
    progress: Mapped[str | None] = mapped_column(Str(8))
    input_key: Mapped[str | None] = mapped_column(Str())
    input_url: Mapped[str | None] = mapped_column(Str())
    status_key: Mapped[str | None] = mapped_column(Str())
    error_key: Mapped[str | None] = mapped_column(Str())
    #: Why the import FAILED (its file could not be read).
    error: Mapped[str | None] = mapped_column(Str())
    task_id: Mapped[str | None] = mapped_column(ID, ForeignKey("tasks.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


# -- membership, resource tags, IAM integrations, webhooks --------------------------------


class Invite(OrganizationOwned, Base):
    """An invitation to join the organization (with project roles for a project-based
    invitee). Accepting it makes a user; cancelling it soft-deletes it."""

    __tablename__ = "invites"
    __graphql_types__ = ("Invite",)
    __table_args__ = (Index("ix_invites_org_created", "organization_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    inviter_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    invitee_email: Mapped[str] = mapped_column(Str(320))
    organization_role_id: Mapped[str] = mapped_column(ID, ForeignKey("roles.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: When it was accepted, and the user it made.
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    user_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class InviteProject(Base):
    """A project role an invitee gets on accepting."""

    __tablename__ = "invite_projects"

    invite_id: Mapped[str] = mapped_column(ID, ForeignKey("invites.id"), primary_key=True)
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"), primary_key=True)
    role_id: Mapped[str] = mapped_column(ID, ForeignKey("roles.id"))


class ResourceTag(OrganizationOwned, Base):
    """A colored tag projects can carry (`text` unique in the organization)."""

    __tablename__ = "resource_tags"
    __graphql_types__ = ("ResourceTag",)
    __table_args__ = (Index("ux_resource_tags_org_text", "organization_id", "text", unique=True),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    text: Mapped[str] = mapped_column(Str())
    #: Hex RGB without `#` (`ffffff`).
    color: Mapped[str] = mapped_column(Str(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ProjectResourceTag(Base):
    """A resource tag on a project."""

    __tablename__ = "project_resource_tags"
    __graphql_types__ = ("ProjectResourceTag",)
    __table_args__ = (
        Index("ux_project_resource_tags", "project_id", "resource_tag_id", unique=True),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"))
    resource_tag_id: Mapped[str] = mapped_column(ID, ForeignKey("resource_tags.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class IAMIntegration(OrganizationOwned, Base):
    """A delegated-access integration (AWS role or GCP service account). The local server
    signs nothing with it; it records it, and datasets name it as their signer."""

    __tablename__ = "iam_integrations"
    __graphql_types__ = ("IAMIntegration",)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(Str())
    #: `AWS` or `GCP`.
    provider: Mapped[str] = mapped_column(Str(16))
    role_arn: Mapped[str | None] = mapped_column(Str())
    service_account_email_id: Mapped[str | None] = mapped_column(Str())
    read_bucket: Mapped[str | None] = mapped_column(Str())
    valid: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    is_org_default: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    last_valid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Webhook(OrganizationOwned, Base):
    """Where to POST the events of a project (or, with no project, of the organization).
    `secret` signs deliveries; the API never returns it."""

    __tablename__ = "webhooks"
    __graphql_types__ = ("Webhook",)
    __table_args__ = (Index("ix_webhooks_org_project", "organization_id", "project_id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    project_id: Mapped[str | None] = mapped_column(ID, ForeignKey("projects.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    url: Mapped[str] = mapped_column(Str())
    secret: Mapped[str] = mapped_column(Str())
    #: The `WebhookTopic` names it is sent (a JSON list).
    topics: Mapped[Any] = mapped_column(JSON)
    #: ACTIVE, INACTIVE or REVOKED.
    status: Mapped[str] = mapped_column(Str(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class WebhookDelivery(OrganizationOwned, Base):
    """One event for one webhook: the outbox row the deliverer sends until it is answered
    2xx (DELIVERED) or its time is up (FAILED); CANCELLED when the webhook stopped being
    ACTIVE before it was sent. `body` is the exact JSON text that is signed and sent."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_webhook", "webhook_id", "created_at"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    webhook_id: Mapped[str] = mapped_column(ID, ForeignKey("webhooks.id"))
    topic: Mapped[str] = mapped_column(Str(32))
    body: Mapped[str] = mapped_column(Str())
    #: PENDING, DELIVERED, FAILED or CANCELLED.
    status: Mapped[str] = mapped_column(Str(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: No attempt is made after this instant.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    #: The deliverer sending it (`host|pid|token`) and until when its claim holds.
    claimed_by: Mapped[str | None] = mapped_column(Str(200))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Str())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class WebhookAttempt(Base):
    """One attempt at a delivery: when, the HTTP status (None: no answer) or the error."""

    __tablename__ = "webhook_attempts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    delivery_id: Mapped[str] = mapped_column(ID, ForeignKey("webhook_deliveries.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Str())
    duration_ms: Mapped[float] = mapped_column(Float)


class Prediction(OrganizationOwned, Base):
    """A model-assisted labeling prediction (a pre-label) on a project's data row, made by a
    MAL import or a bulk import request (`import_id`). `annotation` is the JSON text of the
    annotation as import NDJSON (features named by both `schemaId` and `name`)."""

    __tablename__ = "predictions"
    __graphql_types__ = ("Prediction",)
    __table_args__ = (
        Index("ix_predictions_project_created", "project_id", "created_at", "id"),
        Index("ix_predictions_import_data_row", "import_id", "data_row_id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    project_id: Mapped[str] = mapped_column(ID, ForeignKey("projects.id"))
    data_row_id: Mapped[str] = mapped_column(ID, ForeignKey("data_rows.id"))
    import_id: Mapped[str] = mapped_column(ID, ForeignKey("annotation_imports.id"))
    uuid: Mapped[str] = mapped_column(Str())
    annotation: Mapped[str] = mapped_column(Str())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


# -- models, model runs, predictions and catalog slices ----------------------------------------


class Model(OrganizationOwned, Base):
    """A model: predictions checked against an ontology, in runs (`ModelRun`)."""

    __tablename__ = "models"
    __graphql_types__ = ("Model",)
    __table_args__ = (Index("ix_models_org_created", "organization_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    name: Mapped[str] = mapped_column(Str())
    ontology_id: Mapped[str] = mapped_column(ID, ForeignKey("ontologies.id"))
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ModelRun(OrganizationOwned, Base):
    """A run of a model: its training config (`training_metadata`) and the state of its
    training pipeline (`pipeline_*`)."""

    __tablename__ = "model_runs"
    __graphql_types__ = ("ModelRun",)
    __table_args__ = (Index("ix_model_runs_model_created", "model_id", "created_at", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    model_id: Mapped[str] = mapped_column(ID, ForeignKey("models.id"))
    name: Mapped[str] = mapped_column(Str())
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    training_metadata: Mapped[Any] = mapped_column(JSON, nullable=True)
    pipeline_status: Mapped[str | None] = mapped_column(Str(32))
    pipeline_error_message: Mapped[str | None] = mapped_column(Str())
    pipeline_metadata: Mapped[Any] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ModelRunDataRow(OrganizationOwned, Base):
    """A data row of a model run, with the label it was registered with and its split."""

    __tablename__ = "model_run_data_rows"
    __graphql_types__ = ("ModelRunDataRow",)
    __table_args__ = (
        Index("ux_model_run_data_rows_row", "model_run_id", "data_row_id", unique=True),
        Index("ix_model_run_data_rows_created", "model_run_id", "created_at", "id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    model_run_id: Mapped[str] = mapped_column(ID, ForeignKey("model_runs.id"))
    data_row_id: Mapped[str] = mapped_column(ID, ForeignKey("data_rows.id"))
    label_id: Mapped[str | None] = mapped_column(ID, ForeignKey("labels.id"))
    #: TRAINING, TEST, VALIDATION or UNASSIGNED.
    data_split: Mapped[str] = mapped_column(Str(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ModelPrediction(Base):
    """A model's prediction on a model run's data row, stored by an MEA import (`annotation`
    is its import NDJSON row, with the feature named by both `schemaId` and `name`). Pre-labels
    on a project's data rows, an MEA to MAL import's included, are `Prediction` rows."""

    __tablename__ = "model_predictions"
    __table_args__ = (
        Index("ix_model_predictions_import_row", "import_id", "data_row_id"),
        Index("ix_model_predictions_run_row", "model_run_id", "data_row_id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"))
    import_id: Mapped[str] = mapped_column(ID, ForeignKey("annotation_imports.id"))
    model_run_id: Mapped[str | None] = mapped_column(ID, ForeignKey("model_runs.id"))
    data_row_id: Mapped[str] = mapped_column(ID, ForeignKey("data_rows.id"))
    uuid: Mapped[str] = mapped_column(Str(64))
    annotation: Mapped[Any] = mapped_column(JSON, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CatalogSlice(OrganizationOwned, Base):
    """A saved filter of the organization's data rows (see `domain.catalog_slices`)."""

    __tablename__ = "catalog_slices"
    __graphql_types__ = ("CatalogSlice",)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organization_id: Mapped[str] = mapped_column(ID, ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(Str())
    description: Mapped[str | None] = mapped_column(Str())
    filter: Mapped[Any] = mapped_column(JSON, nullable=False)
    created_by_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
