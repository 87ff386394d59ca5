"""The official SDK 3.36.0 against our server: users, organizations, projects, datasets."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest
from conftest import Server

import labelbox
from labelbox import Dataset, LabelingFrontend, MediaType, Project
from labelbox.exceptions import (
    AuthenticationError,
    InvalidQueryError,
    ResourceNotFoundError,
    ValidationFailedError,
)
from labelbox.schema.queue_mode import QueueMode


def test_user_and_organization(client: labelbox.Client, project: Project) -> None:
    user = client.get_user()
    organization = client.get_organization()
    assert user.email
    assert user.organization().uid == organization.uid
    assert user.uid in {u.uid for u in organization.users()}
    assert project.uid in {p.uid for p in user.projects()}
    assert project.uid in {p.uid for p in organization.projects()}
    assert project.created_by().uid == user.uid
    assert project.organization().uid == organization.uid


def test_roles(client: labelbox.Client) -> None:
    roles = client.get_roles()
    assert {"NONE", "LABELER", "REVIEWER", "TEAM_MANAGER", "ADMIN"} <= set(roles)


def test_project_crud(client: labelbox.Client) -> None:
    project = client.create_project(
        name="compat crud",
        description="a project",
        media_type=MediaType.Image,
        queue_mode=QueueMode.Batch,
    )
    assert project.name == "compat crud"
    assert project.description == "a project"
    assert project.media_type == MediaType.Image
    assert project.queue_mode == QueueMode.Batch
    assert isinstance(project.created_at, datetime)

    fetched = client.get_project(project.uid)
    assert fetched.uid == project.uid and fetched.name == project.name

    project.update(name="renamed", description="changed")
    assert project.name == "renamed"
    assert client.get_project(project.uid).description == "changed"

    moment = datetime(2023, 1, 23, 10, 30, 15, tzinfo=timezone.utc)
    project.update(setup_complete=moment)
    assert client.get_project(project.uid).setup_complete == moment

    project.delete()
    with pytest.raises(ResourceNotFoundError):
        client.get_project(project.uid)
    assert project.uid not in {p.uid for p in client.get_projects()}


def test_dataset_mode_project(client: labelbox.Client) -> None:
    project = client.create_project(name="compat dataset mode", queue_mode=QueueMode.Dataset)
    assert project.queue_mode == QueueMode.Dataset
    assert project.media_type == MediaType.Unknown
    project.delete()


def test_project_filters(client: labelbox.Client) -> None:
    before = datetime.now(timezone.utc) - timedelta(seconds=5)
    prefix = f"filter-{time.time_ns()}"
    names = [f"{prefix}-b", f"{prefix}-c", f"{prefix}-d"]
    projects = [client.create_project(name=name) for name in names]
    try:

        def matching(where: object) -> set[str]:
            found = client.get_projects(where=where & (Project.created_at >= before))
            return {p.name for p in found if p.name.startswith(prefix)}

        middle = names[1]
        assert matching(Project.name == middle) == {middle}
        assert matching(Project.name != middle) == {names[0], names[2]}
        assert matching(Project.name < middle) == {names[0]}
        assert matching(Project.name > middle) == {names[2]}
        assert matching(Project.name <= middle) == {names[0], middle}
        assert matching(Project.name >= middle) == {middle, names[2]}
    finally:
        for project in projects:
            project.delete()


def test_datasets_and_relationships(client: labelbox.Client, project: Project) -> None:
    dataset = client.create_dataset(name="compat dataset", projects=project)
    assert dataset.description == ""
    assert dataset.row_count == 0
    assert [d.uid for d in project.datasets()] == [dataset.uid]
    assert [p.uid for p in dataset.projects()] == [project.uid]
    assert dataset.created_by().uid == client.get_user().uid
    assert dataset.organization().uid == client.get_organization().uid

    project.datasets.disconnect(dataset)
    assert list(project.datasets()) == []
    project.datasets.connect(dataset)
    assert [d.uid for d in project.datasets()] == [dataset.uid]

    with pytest.raises(InvalidQueryError):
        dataset.projects.connect(project)

    dataset.update(name="renamed dataset", description="described")
    assert client.get_dataset(dataset.uid).name == "renamed dataset"
    assert dataset.uid in {
        d.uid for d in client.get_datasets(where=Dataset.name == "renamed dataset")
    }

    dataset.delete()
    assert list(project.datasets()) == []
    with pytest.raises(ResourceNotFoundError):
        client.get_dataset(dataset.uid)


def test_dataset_projects_filters(client: labelbox.Client, dataset: Dataset) -> None:
    prefix = f"dsf-{time.time_ns()}"
    projects = [client.create_project(name=f"{prefix}-{i}") for i in range(3)]
    try:
        for project in projects:
            project.datasets.connect(dataset)
        names = {p.name for p in dataset.projects(where=Project.name > f"{prefix}-0")}
        assert names == {f"{prefix}-1", f"{prefix}-2"}
    finally:
        for project in projects:
            project.delete()


def test_labeling_frontends(client: labelbox.Client, project: Project) -> None:
    editor = next(iter(client.get_labeling_frontends(where=LabelingFrontend.name == "Editor")))
    assert editor.name == "Editor"
    assert list(client.get_labeling_frontends(where=LabelingFrontend.name == "editor"))
    assert project.labeling_frontend() is None
    project.labeling_frontend.connect(editor)
    assert project.labeling_frontend().uid == editor.uid
    project.labeling_frontend.disconnect(editor)
    assert project.labeling_frontend() is None


def test_pagination(client: labelbox.Client) -> None:
    prefix = f"page-{time.time_ns()}"
    created = [client.create_dataset(name=f"{prefix}-{i:03}") for i in range(230)]
    try:
        all_ids = [d.uid for d in client.get_datasets() if d.name.startswith(prefix)]
        assert sorted(all_ids) == sorted(d.uid for d in created)
        first = client.get_datasets().get_one()
        assert first is not None
        many = client.get_datasets().get_many(150)
        assert len(many) == 150
        assert many[0].uid == first.uid
    finally:
        for dataset in created:
            dataset.delete()


def test_errors(client: labelbox.Client, server: Server) -> None:
    with pytest.raises(AuthenticationError):
        labelbox.Client(api_key="not-a-key", endpoint=server.endpoint).get_user()
    with pytest.raises(InvalidQueryError, match="Syntax Error"):
        client.execute("asda")
    with pytest.raises(InvalidQueryError, match='Cannot query field "bbb"'):
        client.execute("query {bbb {id}}")
    with pytest.raises(ValidationFailedError):
        client.execute("{projects {datasets {projects {datasets {id}}}}}")
    with pytest.raises(ResourceNotFoundError):
        client.get_project("cnotarealprojectid0000000")


def test_organizations_are_isolated(
    client: labelbox.Client, server: Server, project: Project
) -> None:
    other = labelbox.Client(api_key=server.new_api_key(), endpoint=server.endpoint)
    assert other.get_organization().uid != client.get_organization().uid
    with pytest.raises(ResourceNotFoundError):
        other.get_project(project.uid)
    assert project.uid not in {p.uid for p in other.get_projects()}
