"""The reference's examples for this slice, step by step, as a new user would type them."""

from __future__ import annotations

import logging

import pytest

import labelbox
from labelbox import Client, Dataset, LabelingFrontend, MediaType, Project
from labelbox.schema.queue_mode import QueueMode
from labelbox_server import LocalServer


def test_reference_examples(labelbox_server: LocalServer, monkeypatch: pytest.MonkeyPatch) -> None:
    logging.basicConfig(level=logging.INFO)
    monkeypatch.setenv("LABELBOX_API_KEY", labelbox_server.api_key)
    client = Client(endpoint=labelbox_server.endpoint)  # the key comes from LABELBOX_API_KEY

    user = client.get_user()
    organization = client.get_organization()
    assert user.organization() == organization

    project = client.create_project(
        name="<project_name>",
        description="<project_description>",
        media_type=MediaType.Image,
        queue_mode=QueueMode.Batch,
    )
    same = client.get_project(project.uid)
    assert same.name == "<project_name>"

    dataset = client.create_dataset(name="<dataset_name>", projects=project)
    assert client.get_dataset(dataset.uid) == dataset

    projects = client.get_projects(
        where=(Project.name == "<project_name>") & (Project.description == "<project_description>")
    )
    assert project in list(projects)
    dataset.update(description="<dataset_description>")
    datasets = client.get_datasets(
        where=(Dataset.name == "<dataset_name>") & (Dataset.description == "<dataset_description>")
    )
    assert [d.uid for d in datasets] == [dataset.uid]

    frontend = next(iter(client.get_labeling_frontends(where=LabelingFrontend.name == "Editor")))
    assert frontend.name == "Editor"

    project.update(name="New name")
    assert project.name == "New name"
    dataset.delete()
    project.delete()
    with pytest.raises(labelbox.exceptions.ResourceNotFoundError):
        client.get_project(project.uid)


def test_positional_api_key(labelbox_server: LocalServer) -> None:
    client = Client(labelbox_server.api_key, labelbox_server.endpoint)
    assert client.get_user().email
