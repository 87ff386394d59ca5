"""Ontologies, project setup and the labeling queue; labels, reviews, benchmarks and
annotation imports."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, false
from sqlalchemy.orm import Mapped, mapped_column

from ..types import Str, UTCDateTime
from .base import ID, Base, OrganizationOwned


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
