"""The database tables, as SQLAlchemy 2 typed declarative models, one module per domain.

Every table is keyed by a string id (see `domain.ids`). Objects the API can soft-delete have a
`deleted` flag. Instants are `UTCDateTime` (naive UTC in the database). The schema itself is
created and upgraded only by the Alembic migrations in `labelbox_server/migrations`; keep the
two in step (`tests/server/test_migrations.py` compares them).
"""

from __future__ import annotations

from .base import ID, Base, OrganizationOwned, OrganizationShared
from .core import (
    ApiKey,
    Attachment,
    DataRow,
    DataRowMetadataValue,
    Dataset,
    LabelingFrontend,
    MetadataSchema,
    Organization,
    Project,
    ProjectDataset,
    ProjectMember,
    Role,
    ServerSetting,
    Task,
    User,
)
from .labeling import (
    AnnotationImport,
    Batch,
    BatchDataRow,
    Benchmark,
    FeatureSchema,
    Label,
    LabelingFrontendOptions,
    LabelingParameterOverride,
    Ontology,
    Review,
    ReviewQueue,
)
from .membership import (
    IAMIntegration,
    Invite,
    InviteProject,
    ProjectResourceTag,
    ResourceTag,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
)
from .predictions import CatalogSlice, Model, ModelPrediction, ModelRun, ModelRunDataRow, Prediction

__all__ = [
    "ID",
    "AnnotationImport",
    "ApiKey",
    "Attachment",
    "Base",
    "Batch",
    "BatchDataRow",
    "Benchmark",
    "CatalogSlice",
    "DataRow",
    "DataRowMetadataValue",
    "Dataset",
    "FeatureSchema",
    "IAMIntegration",
    "Invite",
    "InviteProject",
    "Label",
    "LabelingFrontend",
    "LabelingFrontendOptions",
    "LabelingParameterOverride",
    "MetadataSchema",
    "Model",
    "ModelPrediction",
    "ModelRun",
    "ModelRunDataRow",
    "Ontology",
    "Organization",
    "OrganizationOwned",
    "OrganizationShared",
    "Prediction",
    "Project",
    "ProjectDataset",
    "ProjectMember",
    "ProjectResourceTag",
    "ResourceTag",
    "Review",
    "ReviewQueue",
    "Role",
    "ServerSetting",
    "Task",
    "User",
    "Webhook",
    "WebhookAttempt",
    "WebhookDelivery",
]
