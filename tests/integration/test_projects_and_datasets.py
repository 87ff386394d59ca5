"""Projects, datasets and their relationships, with our SDK against a real local server."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

import labelbox as lb
from labelbox import Dataset, MediaType, Project
from labelbox.exceptions import (
    InvalidAttributeError,
    InvalidQueryError,
    ResourceNotFoundError,
)
from labelbox.orm.comparison import LogicalExpressionComponent
from labelbox.schema.queue_mode import QueueMode


def test_create_get_update_delete_project(client: lb.Client) -> None:
    project = client.create_project(
        name="crud",
        description="a project",
        media_type=MediaType.Image,
        queue_mode=QueueMode.Batch,
        auto_audit_percentage=0.5,
        auto_audit_number_of_labels=3,
    )
    assert (project.name, project.description) == ("crud", "a project")
    assert project.media_type is MediaType.Image
    assert project.queue_mode is QueueMode.Batch
    assert project.auto_audit_percentage == 0.5
    assert project.auto_audit_number_of_labels == 3
    assert project.created_at.tzinfo is not None
    assert abs(datetime.now(timezone.utc) - project.created_at) < timedelta(minutes=1)
    assert project.setup_complete is None

    fetched = client.get_project(project.uid)
    assert fetched == project
    assert fetched.name == "crud"

    moment = datetime(2023, 1, 23, 10, 30, 15, 123000, tzinfo=timezone.utc)
    project.update(name="renamed", setup_complete=moment, media_type=MediaType.Video)
    assert project.name == "renamed"
    assert project.setup_complete == moment
    assert client.get_project(project.uid).media_type is MediaType.Video

    project.delete()
    with pytest.raises(ResourceNotFoundError) as raised:
        client.get_project(project.uid)
    assert raised.value.db_object_type is Project
    assert project.uid not in {p.uid for p in client.get_projects()}


def test_defaults_of_a_new_project(client: lb.Client) -> None:
    project = client.create_project(name="defaults")
    assert project.description == ""
    assert project.media_type is None
    assert project.queue_mode is QueueMode.Batch
    project.delete()


def test_queue_mode_is_fixed_after_creation(client: lb.Client) -> None:
    project = client.create_project(name="fixed", queue_mode=QueueMode.Dataset)
    assert project.queue_mode is QueueMode.Dataset
    with pytest.raises(lb.exceptions.MalformedQueryException, match=r"[Qq]ueue mode"):
        project.update(queue_mode=QueueMode.Batch)
    project.delete()


def test_bad_keyword_arguments_fail_before_sending(client: lb.Client, sent: list[str]) -> None:
    with pytest.raises(InvalidAttributeError, match="colour"):
        client.create_project(name="p", colour="red")  # type: ignore[call-arg]
    with pytest.raises(InvalidAttributeError, match="name"):
        client.create_project(name=7)  # type: ignore[arg-type]
    with pytest.raises(InvalidAttributeError, match="media_type"):
        client.create_project(name="p", media_type="PHOTO")  # type: ignore[arg-type]
    with pytest.raises(InvalidAttributeError, match="name"):
        client.create_dataset(description="no name")  # type: ignore[call-arg]
    assert sent == []


def test_filters_with_all_operators(client: lb.Client) -> None:
    since = datetime.now(timezone.utc) - timedelta(seconds=5)
    prefix = f"filter-{time.time_ns()}"
    names = [f"{prefix}-b", f"{prefix}-c", f"{prefix}-d"]
    projects = [client.create_project(name=name) for name in names]

    def matching(where: LogicalExpressionComponent) -> set[str]:
        found = client.get_projects(where=where & (Project.created_at >= since))
        return {p.name for p in found if p.name.startswith(prefix)}

    b, c, d = names
    assert matching(Project.name == c) == {c}
    assert matching(Project.name != c) == {b, d}
    assert matching(Project.name < c) == {b}
    assert matching(Project.name > c) == {d}
    assert matching(Project.name <= c) == {b, c}
    assert matching(Project.name >= c) == {c, d}
    assert matching((Project.name > b) & (Project.name < d)) == {c}
    for project in projects:
        project.delete()


def test_filters_are_checked_on_the_client(client: lb.Client, sent: list[str]) -> None:
    with pytest.raises(InvalidQueryError, match="only AND"):
        client.get_projects(where=(Project.name == "a") | (Project.name == "b"))
    with pytest.raises(InvalidAttributeError):
        client.get_projects(where=Dataset.name == "a")
    assert sent == []


def test_datasets_and_relationships(client: lb.Client, project: Project) -> None:
    dataset = client.create_dataset(name="related", projects=project)
    assert dataset.description == ""
    assert dataset.row_count == 0
    assert [d.uid for d in project.datasets()] == [dataset.uid]
    assert [p.uid for p in dataset.projects()] == [project.uid]
    creator = dataset.created_by()
    assert creator is not None and creator.uid == client.get_user().uid

    project.datasets.disconnect(dataset)
    assert list(project.datasets()) == []
    project.datasets.connect(dataset)
    assert project.datasets().get_one() == dataset

    dataset.update(description="described")
    assert client.get_dataset(dataset.uid).description == "described"
    dataset.delete()
    assert list(project.datasets()) == []
    with pytest.raises(ResourceNotFoundError):
        client.get_dataset(dataset.uid)


def test_datasets_cannot_connect_projects_from_their_side(
    client: lb.Client, project: Project, dataset: Dataset
) -> None:
    with pytest.raises(InvalidQueryError):
        dataset.projects.connect(project)


def test_relationship_ordering(client: lb.Client, project: Project) -> None:
    datasets = [client.create_dataset(name=name, projects=project) for name in "cab"]
    ascending = [d.name for d in project.datasets(order_by=Dataset.name.asc)]
    descending = [d.name for d in project.datasets(order_by=Dataset.name.desc)]
    assert ascending == ["a", "b", "c"]
    assert descending == ["c", "b", "a"]
    assert sorted(d.name for d in project.datasets(where=Dataset.name > "a")) == ["b", "c"]
    for dataset in datasets:
        dataset.delete()


def test_users_and_organizations(client: lb.Client, project: Project) -> None:
    user = client.get_user()
    organization = client.get_organization()
    assert "@" in user.email
    user_organization = user.organization()
    assert user_organization is not None and user_organization.uid == organization.uid
    assert user in list(organization.users())
    assert project in list(user.projects())
    assert project in list(organization.projects())
    assert project.created_by() == user
    assert project.organization() == organization


def test_roles(client: lb.Client) -> None:
    roles = client.get_roles()
    assert {"NONE", "LABELER", "REVIEWER", "TEAM_MANAGER", "ADMIN"} <= set(roles)
    assert roles["TEAM_MANAGER"].name == "TEAM_MANAGER"  # the formatted key, as 3.36.0 names them


def test_labeling_frontends(client: lb.Client, project: Project) -> None:
    editor = client.get_labeling_frontends(where=lb.LabelingFrontend.name == "Editor").get_one()
    assert editor is not None and editor.name == "Editor"
    assert client.get_labeling_frontends(where=lb.LabelingFrontend.name == "editor").get_one()
    assert project.labeling_frontend() is None
    project.labeling_frontend.connect(editor)
    assert project.labeling_frontend() == editor
    assert project in list(editor.projects())
    project.labeling_frontend.disconnect()
    assert project.labeling_frontend() is None


def test_pagination_get_one_and_get_many(client: lb.Client) -> None:
    prefix = f"page-{time.time_ns()}"
    created = [client.create_dataset(name=f"{prefix}-{i:03}") for i in range(230)]
    where = Dataset.name > prefix
    everything = list(client.get_datasets(where=where))
    assert sorted(d.uid for d in everything) == sorted(d.uid for d in created)
    collection = client.get_datasets(where=where)
    assert collection.get_one() == everything[0]
    assert collection.get_many(150) == everything[:150]
    assert collection.get_many(150) == everything[:150]  # idempotent
    assert collection.get_many(1000) == everything
    for dataset in created:
        dataset.delete()


def test_organizations_are_isolated(
    client: lb.Client, other_client: lb.Client, project: Project
) -> None:
    assert other_client.get_organization() != client.get_organization()
    with pytest.raises(ResourceNotFoundError):
        other_client.get_project(project.uid)
    assert project not in list(other_client.get_projects())
