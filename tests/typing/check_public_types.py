"""The public surface's static types, checked by `mypy --strict` (`make typecheck`).

Each `assert_type` pins a type; each `type: ignore[code]` pins an error mypy
must report (strict mode fails on an ignore that is no longer needed).
"""

from __future__ import annotations

from datetime import datetime
from types import MappingProxyType
from typing import Any

import httpx
from typing_extensions import assert_type

import labelbox as lb
from labelbox.orm.comparison import Comparison, LogicalExpression
from labelbox.orm.db_object import RelationshipManager, ToOneManager
from labelbox.orm.model import Field, ToMany
from labelbox.pagination import PaginatedCollection
from labelbox.schema.queue_mode import QueueMode


def check_projects(client: lb.Client, since: datetime) -> None:
    project = client.get_project("id")
    assert_type(project, lb.Project)
    assert_type(project.uid, str)
    assert_type(project.name, str)
    assert_type(project.description, str)
    assert_type(project.created_at, datetime)
    assert_type(project.updated_at, datetime)
    assert_type(project.setup_complete, datetime | None)
    assert_type(project.last_activity_time, datetime | None)
    assert_type(project.queue_mode, QueueMode)
    assert_type(project.media_type, lb.MediaType | None)
    assert_type(project.auto_audit_number_of_labels, int | None)
    assert_type(project.auto_audit_percentage, float | None)

    assert_type(lb.Project.name, Field[str])
    assert_type(lb.Project.name == "x", Comparison)
    assert_type((lb.Project.name == "x") & (lb.Project.created_at >= since), LogicalExpression)
    assert_type(client.get_projects(where=lb.Project.name == "x"), PaginatedCollection[lb.Project])
    assert_type(client.get_projects().get_one(), lb.Project | None)
    assert_type(client.get_projects().get_many(3), list[lb.Project])

    assert_type(lb.Project.datasets, ToMany[lb.Dataset])
    assert_type(project.datasets, RelationshipManager[lb.Dataset])
    assert_type(project.datasets(), PaginatedCollection[lb.Dataset])
    assert_type(project.created_by, ToOneManager[lb.User])
    assert_type(project.created_by(), lb.User | None)
    assert_type(project.organization(), lb.Organization)
    assert_type(project.labeling_frontend(), lb.LabelingFrontend | None)

    created = client.create_project(
        name="p", description="d", media_type=lb.MediaType.Image, queue_mode=QueueMode.Batch
    )
    assert_type(created, lb.Project)
    project.update(name="new", setup_complete=since)
    assert_type(project.delete(), None)


def check_bad_keyword_arguments(client: lb.Client, project: lb.Project) -> None:
    client.create_project(name="p", colour="red")  # type: ignore[call-arg]
    client.create_project(name=7)  # type: ignore[arg-type]
    client.create_project(description="no name")  # type: ignore[call-arg]
    client.create_project(name="p", media_type="IMAGE")  # type: ignore[arg-type]
    project.update(nmae="typo")  # type: ignore[call-arg]
    project.update(auto_audit_percentage="high")  # type: ignore[arg-type]
    client.create_dataset(name="d", projects="not a project")  # type: ignore[arg-type]


def check_datasets(client: lb.Client, project: lb.Project) -> None:
    dataset = client.create_dataset(name="d", projects=project)
    assert_type(dataset, lb.Dataset)
    assert_type(dataset.name, str)
    assert_type(dataset.description, str)
    assert_type(dataset.row_count, int)
    assert_type(dataset.created_at, datetime)
    assert_type(dataset.projects(), PaginatedCollection[lb.Project])
    assert_type(client.get_datasets(), PaginatedCollection[lb.Dataset])
    assert_type(client.get_dataset("id"), lb.Dataset)
    dataset.update(description="x")


def check_users_and_organizations(client: lb.Client) -> None:
    user = client.get_user()
    assert_type(user, lb.User)
    assert_type(user.email, str)
    assert_type(user.name, str | None)
    assert_type(user.is_viewer, bool)
    assert_type(user.projects(), PaginatedCollection[lb.Project])
    assert_type(user.organization(), lb.Organization)
    organization = client.get_organization()
    assert_type(organization.name, str)
    assert_type(organization.users(), PaginatedCollection[lb.User])
    assert_type(organization.projects(), PaginatedCollection[lb.Project])
    assert_type(client.get_roles(), dict[str, lb.Role])
    frontend = client.get_labeling_frontends(where=lb.LabelingFrontend.name == "Editor").get_one()
    assert_type(frontend, lb.LabelingFrontend | None)
    assert_type(client.execute("query { user { id } }"), dict[str, Any] | None)


def check_client_views(client: lb.Client) -> None:
    assert_type(client.with_options(timeout=60), lb.Client)
    assert_type(client.execute("query Q { a }"), dict[str, Any] | None)
    assert_type(client.execute("query Q { a }", raw=True), httpx.Response)
    variables = MappingProxyType({"id": "p1"})  # any Mapping of variables, not only a dict
    assert_type(client.execute("query Q($id: ID!) { a }", variables), dict[str, Any] | None)
