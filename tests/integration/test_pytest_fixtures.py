"""The SDK's pytest fixtures, as users' tests use them (pytest's `pytester` runs a session)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


def test_each_test_gets_its_own_organization(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import labelbox as lb

        def test_one(labelbox_client, labelbox_server):
            assert isinstance(labelbox_client, lb.Client)
            assert labelbox_client.endpoint == labelbox_server.endpoint
            labelbox_client.create_project(name="from one")
            assert [p.name for p in labelbox_client.get_projects()] == ["from one"]

        def test_two(labelbox_client):
            assert list(labelbox_client.get_projects()) == []
            org = labelbox_client.get_organization()
            assert "test_two" in org.name
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=2)


def test_clients_of_other_roles_share_the_test_organization(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest
        import labelbox as lb
        from labelbox.exceptions import AuthorizationError

        def test_roles(labelbox_client, labelbox_client_as):
            project = labelbox_client.create_project(name="shared")
            other = labelbox_client.create_project(name="not shared")
            labeler = labelbox_client_as("LABELER")
            assert labeler.get_user().org_role().name == "Labeler"
            assert labeler.get_organization().uid == labelbox_client.get_organization().uid
            assert {p.name for p in labeler.get_projects()} == {"shared", "not shared"}
            with pytest.raises(AuthorizationError):
                labeler.get_project(project.uid).delete()
            guest = labelbox_client_as("NONE", projects={project.uid: "REVIEWER"})
            assert [p.uid for p in guest.get_projects()] == [project.uid]
            assert other.uid not in {p.uid for p in guest.get_projects()}
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=1)
