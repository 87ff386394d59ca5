"""A typed Python SDK for Labelbox, API-compatible with Labelbox's SDK 3.36.0.

>>> import labelbox as lb
>>> client = lb.Client(api_key="<key>")
>>> project = client.create_project(name="cats", media_type=lb.MediaType.Image)
"""

from typing import TYPE_CHECKING, Any

from labelbox import client, exceptions, orm, pagination, schema
from labelbox._http.retry import RetryPolicy
from labelbox._version import __version__
from labelbox.client import Client
from labelbox.pagination import PaginatedCollection
from labelbox.schema.asset_attachment import AssetAttachment
from labelbox.schema.data_row import DataRow
from labelbox.schema.dataset import Dataset
from labelbox.schema.label import Label
from labelbox.schema.labeling_frontend import LabelingFrontend
from labelbox.schema.media_type import MediaType
from labelbox.schema.organization import Organization
from labelbox.schema.project import Project
from labelbox.schema.role import ProjectRole, Role
from labelbox.schema.task import Task
from labelbox.schema.user import User

if TYPE_CHECKING:
    from labelbox.schema.data_row_metadata import DataRowMetadataOntology

#: Names whose modules load on first use (they build pydantic models when imported).
_LAZY = {"DataRowMetadataOntology": "labelbox.schema.data_row_metadata"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'labelbox' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "AssetAttachment",
    "Client",
    "DataRow",
    "DataRowMetadataOntology",
    "Dataset",
    "Label",
    "LabelingFrontend",
    "MediaType",
    "Organization",
    "PaginatedCollection",
    "Project",
    "ProjectRole",
    "RetryPolicy",
    "Role",
    "Task",
    "User",
    "__version__",
    "client",
    "exceptions",
    "orm",
    "pagination",
    "schema",
]
