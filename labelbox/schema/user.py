"""`User`: a registered user, member of one organization."""

from __future__ import annotations

from typing import TYPE_CHECKING

from labelbox._generated import operations as ops
from labelbox._generated.entities import UserBase
from labelbox.orm.model import ToMany, ToOne

if TYPE_CHECKING:
    from labelbox.schema.organization import Organization
    from labelbox.schema.project import Project
    from labelbox.schema.task import Task


class User(UserBase):
    """A user, for example you: `client.get_user()`.

    Note that `name` and `nickname` follow Labelbox's SDK, which maps `name` to
    the API's `nickname` field and `nickname` to its `name` field.
    """

    organization: ToOne[Organization] = ToOne(
        "Organization", ops.GET_USER_ORGANIZATION_PY_API_GQL, ["user", "organization"]
    )
    projects: ToMany[Project] = ToMany(
        "Project", ops.GET_USER_PROJECTS_PY_API_GQL, ["user", "projects"]
    )
    created_tasks: ToMany[Task] = ToMany(
        "Task", ops.GET_USER_CREATED_TASKS_PY_API_GQL, ["user", "createdTasks"]
    )
