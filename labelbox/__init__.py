"""A typed Python SDK for Labelbox, API-compatible with Labelbox's SDK 3.36.0.

>>> import labelbox as lb
>>> client = lb.Client(api_key="<key>")
>>> project = client.create_project(name="cats", media_type=lb.MediaType.Image)

The names below load their module on first use (PEP 562), so `import labelbox` is cheap
and stays so as the SDK grows; `from labelbox import Project` works as usual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from labelbox import exceptions
from labelbox._version import DISTRIBUTION_VERSION as __distribution_version__
from labelbox._version import __version__

if TYPE_CHECKING:  # `X as X`: re-exported, for type checkers
    from labelbox import client as client
    from labelbox import orm as orm
    from labelbox import pagination as pagination
    from labelbox import schema as schema
    from labelbox._http.retry import RetryPolicy as RetryPolicy
    from labelbox.async_client import AsyncClient as AsyncClient
    from labelbox.client import Client as Client
    from labelbox.pagination import PaginatedCollection as PaginatedCollection
    from labelbox.schema.annotation_import import LabelImport as LabelImport
    from labelbox.schema.annotation_import import MALPredictionImport as MALPredictionImport
    from labelbox.schema.annotation_import import MEAPredictionImport as MEAPredictionImport
    from labelbox.schema.asset_attachment import AssetAttachment as AssetAttachment
    from labelbox.schema.batch import Batch as Batch
    from labelbox.schema.benchmark import Benchmark as Benchmark
    from labelbox.schema.bulk_import_request import BulkImportRequest as BulkImportRequest
    from labelbox.schema.data_row import DataRow as DataRow
    from labelbox.schema.data_row_metadata import DataRowMetadataOntology as DataRowMetadataOntology
    from labelbox.schema.dataset import Dataset as Dataset
    from labelbox.schema.iam_integration import IAMIntegration as IAMIntegration
    from labelbox.schema.invite import Invite as Invite
    from labelbox.schema.invite import InviteLimit as InviteLimit
    from labelbox.schema.label import Label as Label
    from labelbox.schema.labeling_frontend import LabelingFrontend as LabelingFrontend
    from labelbox.schema.labeling_frontend import (
        LabelingFrontendOptions as LabelingFrontendOptions,
    )
    from labelbox.schema.media_type import MediaType as MediaType
    from labelbox.schema.model import Model as Model
    from labelbox.schema.model_run import DataSplit as DataSplit
    from labelbox.schema.model_run import ModelRun as ModelRun
    from labelbox.schema.ontology import Classification as Classification
    from labelbox.schema.ontology import FeatureSchema as FeatureSchema
    from labelbox.schema.ontology import Ontology as Ontology
    from labelbox.schema.ontology import OntologyBuilder as OntologyBuilder
    from labelbox.schema.ontology import Option as Option
    from labelbox.schema.ontology import Tool as Tool
    from labelbox.schema.organization import Organization as Organization
    from labelbox.schema.project import Project as Project
    from labelbox.schema.project_resource_tag import ProjectResourceTag as ProjectResourceTag
    from labelbox.schema.resource_tag import ResourceTag as ResourceTag
    from labelbox.schema.review import Review as Review
    from labelbox.schema.role import ProjectRole as ProjectRole
    from labelbox.schema.role import Role as Role
    from labelbox.schema.slice import CatalogSlice as CatalogSlice
    from labelbox.schema.slice import Slice as Slice
    from labelbox.schema.task import Task as Task
    from labelbox.schema.user import User as User
    from labelbox.schema.webhook import Webhook as Webhook

#: Where each public name lives (a test keeps this in step with the imports above).
_EXPORTS = {
    "client": "labelbox.client",
    "orm": "labelbox.orm",
    "pagination": "labelbox.pagination",
    "schema": "labelbox.schema",
    "RetryPolicy": "labelbox._http.retry",
    "AsyncClient": "labelbox.async_client",
    "Client": "labelbox.client",
    "PaginatedCollection": "labelbox.pagination",
    "LabelImport": "labelbox.schema.annotation_import",
    "MALPredictionImport": "labelbox.schema.annotation_import",
    "MEAPredictionImport": "labelbox.schema.annotation_import",
    "AssetAttachment": "labelbox.schema.asset_attachment",
    "Batch": "labelbox.schema.batch",
    "Benchmark": "labelbox.schema.benchmark",
    "BulkImportRequest": "labelbox.schema.bulk_import_request",
    "DataRow": "labelbox.schema.data_row",
    "DataRowMetadataOntology": "labelbox.schema.data_row_metadata",
    "Dataset": "labelbox.schema.dataset",
    "Label": "labelbox.schema.label",
    "LabelingFrontend": "labelbox.schema.labeling_frontend",
    "LabelingFrontendOptions": "labelbox.schema.labeling_frontend",
    "MediaType": "labelbox.schema.media_type",
    "Model": "labelbox.schema.model",
    "DataSplit": "labelbox.schema.model_run",
    "ModelRun": "labelbox.schema.model_run",
    "Classification": "labelbox.schema.ontology",
    "FeatureSchema": "labelbox.schema.ontology",
    "Ontology": "labelbox.schema.ontology",
    "OntologyBuilder": "labelbox.schema.ontology",
    "Option": "labelbox.schema.ontology",
    "Tool": "labelbox.schema.ontology",
    "Organization": "labelbox.schema.organization",
    "Project": "labelbox.schema.project",
    "Review": "labelbox.schema.review",
    "ProjectRole": "labelbox.schema.role",
    "Role": "labelbox.schema.role",
    "CatalogSlice": "labelbox.schema.slice",
    "Slice": "labelbox.schema.slice",
    "Task": "labelbox.schema.task",
    "User": "labelbox.schema.user",
    "Webhook": "labelbox.schema.webhook",
    "Invite": "labelbox.schema.invite",
    "InviteLimit": "labelbox.schema.invite",
    "IAMIntegration": "labelbox.schema.iam_integration",
    "ResourceTag": "labelbox.schema.resource_tag",
    "ProjectResourceTag": "labelbox.schema.project_resource_tag",
}


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'labelbox' has no attribute {name!r}")
    module = importlib.import_module(module_name)
    value = module if module_name == f"labelbox.{name}" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = ["__distribution_version__", "__version__", "exceptions", *_EXPORTS]
