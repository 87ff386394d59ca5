"""Pre-labels (`Prediction`), models, model runs and their data rows and predictions, and
catalog slices."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, false
from sqlalchemy.orm import Mapped, mapped_column

from ..types import Str, UTCDateTime
from .base import ID, Base, OrganizationOwned


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
